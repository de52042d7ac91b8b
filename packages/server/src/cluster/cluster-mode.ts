/**
 * Cluster mode (`REDIS_URL`): every piece of shared state moves to Redis so many server
 * processes behind a load balancer act as one service.
 *
 * - Socket.IO Redis Streams adapter: relays and notices reach a partner on another process,
 *   and connection state recovery works across processes (sessions in Redis).
 * - {@link RedisMatchmaker}: one queue, paired atomically by Lua scripts.
 * - {@link RedisRoomDirectory}: rooms, resume grace flags.
 * - Process heartbeats: `<p>procinfo:<id>` (online count, start time) with a short TTL and the
 *   `<p>nodes` set. A process that dies (kill -9) stops beating; within seconds another process
 *   claims it (SREM), ends its rooms (`partner:left { reason: 'disconnected' }` to partners on
 *   live processes) and the matchmaker sweeps its waiting users.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import type { NovuServerOptions } from '../config.js';
import { RedisMatchmaker } from '../redis/redis-matchmaker.js';
import { RedisRoomDirectory } from '../redis/redis-room-directory.js';

/** How often a process beats, and how long a silent process is considered alive (its rooms, its presence). */
const BEAT_MS = 1_000;
const PROCESS_TTL_MS = 5_000;
/**
 * The lease on this process's waiting users, and how often it is renewed: short, so that a killed
 * process's waiting users stop being handed out within 1.5 s (a match with a dead user costs the
 * joiner a chat that never starts). A process paused longer loses its lease and queues its users again.
 */
const LEASE_MS = 1_500;
const LEASE_BEAT_MS = 400;
const SWEEP_MS = 2_000;

/** What cluster mode needs from the rest of the server once it runs. */
export interface ClusterHooks {
  /** Connections to this process. */
  localOnline(): number;
  /** End the rooms a dead process left behind (members on that process are gone). */
  endRoomsOfDeadNode(node: string, roomIds: string[]): Promise<void>;
  /** Re-read the next interest timeout. */
  refreshSchedule(): Promise<void>;
  /** This process's waiting users were swept while it could not beat: they must queue again. */
  leaseLost(): void;
}

/** The Redis-backed pieces of one server process. */
export class ClusterMode {
  readonly processId: string;
  readonly keyPrefix: string;
  readonly redis: Redis;
  readonly matchmaker: RedisMatchmaker;
  readonly directory: RedisRoomDirectory;
  readonly adapter: ReturnType<typeof createAdapter>;
  readonly #adapterRedis: Redis;
  readonly #log: Logger;
  readonly #startedAt = Date.now();
  #hooks: ClusterHooks | undefined;
  #timers: NodeJS.Timeout[] = [];
  #online = { at: 0, value: 0 };

  constructor(options: NovuServerOptions & { redisUrl: string }, log: Logger) {
    this.#log = log;
    this.keyPrefix = options.redisKeyPrefix;
    // Unique at every start: a restarted process must not inherit its previous run's queue entries.
    this.processId = `${options.processId ?? `${hostname()}-${process.pid}`}-${randomBytes(3).toString('hex')}`;
    const redisOptions = { maxRetriesPerRequest: 2, enableAutoPipelining: true, retryStrategy: (n: number) => Math.min(n * 200, 2_000) };
    this.redis = new Redis(options.redisUrl, redisOptions);
    // The adapter blocks on XREAD: it needs a connection of its own.
    this.#adapterRedis = new Redis(options.redisUrl, { ...redisOptions, maxRetriesPerRequest: null, enableAutoPipelining: false });
    for (const client of [this.redis, this.#adapterRedis]) {
      client.on('error', (error: Error) => log.warn({ err: error.message }, 'redis error'));
    }
    this.adapter = createAdapter(this.#adapterRedis, {
      streamName: `${this.keyPrefix}sio`,
      sessionKeyPrefix: `${this.keyPrefix}sio:session:`,
      // A short blocking read, so a closing server's stream reader stops within a second.
      blockTimeInMs: 1_000,
    });
    this.matchmaker = new RedisMatchmaker({
      redis: this.redis,
      keyPrefix: this.keyPrefix,
      processId: this.processId,
      processTtlMs: LEASE_MS,
      interestTimeoutMs: options.interestTimeoutMs,
      repeatAvoidMs: options.repeatAvoidMs,
      onLeaseLost: () => this.#hooks?.leaseLost(),
    });
    this.directory = new RedisRoomDirectory(this.redis, this.keyPrefix);
  }

  /** Whether Redis answers (readiness). */
  get healthy(): boolean {
    return this.redis.status === 'ready' && this.#adapterRedis.status === 'ready';
  }

  /** Wait until Redis is reachable (or `timeoutMs` passes). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.healthy) {
      if (Date.now() > deadline) throw new Error('Redis is not reachable (REDIS_URL)');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Wait for Redis, beat once (so this process's users count as alive), then beat and sweep on timers. */
  async start(hooks: ClusterHooks): Promise<void> {
    this.#hooks = hooks;
    await this.ready();
    await Promise.all([this.#renewLease(), this.#beat()]);
    const every = (ms: number, task: () => Promise<void>) => {
      const timer = setInterval(() => void task().catch((error: unknown) => this.#log.warn({ err: String(error) }, 'cluster task failed')), ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(BEAT_MS, () => this.#beat());
    every(LEASE_BEAT_MS, () => this.#renewLease());
    every(SWEEP_MS, () => this.#sweep());
    every(BEAT_MS, () => hooks.refreshSchedule());
  }

  /** Connected users across the cluster (cached for a second). */
  async online(): Promise<number> {
    const now = Date.now();
    if (now - this.#online.at < BEAT_MS) return this.#online.value;
    const processes = await this.processes();
    const value = processes.reduce((sum, p) => sum + p.online, 0);
    this.#online = { at: now, value };
    return value;
  }

  /** Every live process with its connection count. */
  async processes(): Promise<{ id: string; online: number; startedAt: number }[]> {
    const ids = await this.redis.smembers(`${this.keyPrefix}nodes`);
    if (ids.length === 0) return [];
    const infos = await this.redis.mget(ids.map((id) => `${this.keyPrefix}procinfo:${id}`));
    const out: { id: string; online: number; startedAt: number }[] = [];
    ids.forEach((id, i) => {
      const info = infos[i];
      if (!info) return;
      const parsed = JSON.parse(info) as { online: number; startedAt: number };
      out.push({ id, online: parsed.online, startedAt: parsed.startedAt });
    });
    return out;
  }

  async #beat(): Promise<void> {
    if (!this.#hooks || this.redis.status !== 'ready') return;
    const info = JSON.stringify({ online: this.#hooks.localOnline(), startedAt: this.#startedAt });
    await Promise.all([
      this.redis.set(`${this.keyPrefix}procinfo:${this.processId}`, info, 'PX', PROCESS_TTL_MS),
      this.redis.sadd(`${this.keyPrefix}nodes`, this.processId),
    ]);
  }

  async #renewLease(): Promise<void> {
    if (this.redis.status === 'ready') await this.matchmaker.heartbeat();
  }

  async #sweep(): Promise<void> {
    if (!this.#hooks || this.redis.status !== 'ready') return;
    await this.matchmaker.sweep();
    const nodes = await this.redis.smembers(`${this.keyPrefix}nodes`);
    for (const node of nodes) {
      if (node === this.processId) continue;
      if (await this.redis.exists(`${this.keyPrefix}procinfo:${node}`)) continue;
      // Claim the dead process: only the process whose SREM removed it cleans up.
      if ((await this.redis.srem(`${this.keyPrefix}nodes`, node)) !== 1) continue;
      const rooms = await this.directory.roomsOfNode(node);
      this.#log.warn({ node, rooms: rooms.length }, 'sweeping a process that stopped beating');
      await this.#hooks.endRoomsOfDeadNode(node, rooms);
      await this.directory.forgetNode(node);
    }
  }

  /** Stop beating, remove this process's waiting users and presence, close Redis. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    try {
      if (this.redis.status === 'ready') {
        await this.matchmaker.dispose();
        await this.redis.del(`${this.keyPrefix}procinfo:${this.processId}`);
        await this.redis.srem(`${this.keyPrefix}nodes`, this.processId);
      }
    } catch (error) {
      this.#log.warn({ err: String(error) }, 'cluster cleanup failed');
    }
    this.redis.disconnect();
    this.#adapterRedis.disconnect();
  }
}
