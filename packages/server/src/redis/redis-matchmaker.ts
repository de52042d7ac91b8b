/**
 * The Redis matchmaking engine: the rules of `MemoryMatchmaker`, with the queue in Redis so
 * that several server processes share it. Every operation is one Lua script (EVALSHA), so
 * pairing is atomic: two processes can never hand out the same waiting user.
 *
 * ## Key layout
 *
 * `P` is the key prefix (default `novu:`). `<bucket>` is `P b:<mode>:<n>:<pool>:` where `n`
 * is the pool's UTF-8 byte length (so any pool string is unambiguous).
 *
 * | Key | Type | Holds |
 * | --- | --- | --- |
 * | `P seq` | string | global join sequence (INCR); smaller = waited longer |
 * | `P e:<id>` | hash | one waiting entry: `r` request JSON, `ck` clientKey, `m` mode, `b` bucket prefix, `i` interests (packed, see matchmaker-lua-library.ts), `o` owner processId, `d` deadline member while its interest timeout is pending (else empty), `s` join sequence |
 * | `<bucket>plain` | zset | ids without interests, scored by join sequence |
 * | `<bucket>exp` | zset | ids with interests that are open (timeout processed, or `interestTimeoutMs` 0), by join sequence |
 * | `<bucket>i:<interest>` | zset | ids holding that interest (pending or open), by join sequence |
 * | `P deadlines` | zset | pending interest timeouts: member `<16-digit seq>:<id>`, score = deadline (epoch ms); ties in join order |
| `P retries` | zset | pending retries (see below): member `<16-digit seq>:<id>` as in `deadlines`, score = retry time (epoch ms); a member whose entry is gone or has another `s` is stale and dropped when met |
 * | `P counts` | hash | waiting users by mode |
 * | `P av:<n>:<a><b>` | string | repeat avoidance: clients `a` and `b` (n = UTF-8 byte length of `a`) are kept apart until this epoch ms; written both ways round, PX = remaining time + {@link AVOID_SLACK_MS} |
 * | `P proc:<processId>` | string | heartbeat of a live process (PX processTtlMs) |
 * | `P own:<processId>` | set | ids of the entries a process owns |
 * | `P procs` | set | processIds that own entries (what `sweep()` walks) |
 *
 * Searches look only at list heads: at most `scanLimit` members per list, skipping the
 * seeker's own client, repeat-avoided partners and entries of dead processes (those are
 * removed on the way). Nothing ever scans the queue; `sweep()` walks the owners.
 *
 * ## Retries
 *
 * The rule is stated once on `Matchmaker.expire` (`matchmaking/types.ts`). Here a user's
 * pending retry is its member in `P retries`, scored by the earliest end of the avoidances
 * its last search skipped (among the `scanLimit` members it looked at per list); leaving,
 * matching and re-joining remove it (`remove_entry`).
 *
 * ## Processes
 *
 * Each entry records the process that queued it. A process proves it is alive with
 * `heartbeat()` (every ~processTtlMs/3); once its heartbeat key lapses (crash, kill -9),
 * joins and timeouts on other processes skip and remove its entries, and `sweep()` removes
 * all of them. Until then they are not waiting (`isWaiting`, `leave`) but still counted by
 * `counts()`. `dispose()` retires a process on graceful shutdown. A process id must be new
 * for every start: a restarted process beating under its old id would revive the entries
 * its previous run left behind.
 *
 * The scripts compute their keys (from the entries' interests), so they need a standalone
 * Redis (or a primary with replicas), not Redis Cluster.
 *
 * Matches are returned to the process whose call made them; the waiting user may be
 * connected to another process, so the caller must be able to reach any socket id
 * (for example through the Socket.IO Redis adapter).
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { MODES, type Mode, sharedInterests } from '@novu-chat/protocol';
import { checkMode, distinct, duration, isMode, positiveInteger } from '../matchmaking/checks.js';
import type { JoinRequest, Match, Matchmaker, MatchmakerOptions, WaitingCounts } from '../matchmaking/types.js';
import { bucketPrefix, packList, parseRequest, storedRequest } from './redis-codec.js';
import { AVOID_SLACK_MS } from './matchmaker-lua-library.js';
import { bindMatchmakerScripts, type MatchmakerScripts } from './matchmaker-scripts.js';

export { AVOID_SLACK_MS };

/** Settings of a {@link RedisMatchmaker}. */
export interface RedisMatchmakerOptions extends MatchmakerOptions {
  /** The ioredis connection (its own `keyPrefix` option is not used: pass `keyPrefix` here). */
  redis: Redis;
  /** Prefix of every key; default `novu:`. */
  keyPrefix?: string;
  /** This process's id, unique in the cluster and new at every start (for example hostname + pid + random). */
  processId: string;
  /** Lifetime of the heartbeat key (ms); default 5000. Call `heartbeat()` every ~processTtlMs/3. */
  processTtlMs?: number;
  /**
   * How many members of one list a search looks at, at most (default 64): the bound on
   * skipped same-client, repeat-avoided and dead entries. A seeker whose every candidate in
   * a list is among the first `scanLimit` skipped ones treats that list as empty.
   */
  scanLimit?: number;
  /**
   * Called by `heartbeat()` when it finds this process's heartbeat had lapsed since the
   * previous one: other processes may have removed this process's waiting users, so the
   * server should queue its waiting sockets again.
   */
  onLeaseLost?: () => void;
}

/** Timeouts and retries processed (or entries removed) per script run in `expire()`, `sweep()` and `dispose()`. */
const BATCH = 256;

/** A script reply element as a string (Redis bulk strings arrive as strings). */
function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`unexpected Redis reply for ${what}: ${String(value)}`);
  return value;
}

/** A script reply as an array. */
function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`unexpected Redis reply for ${what}`);
  return value;
}

/**
 * The {@link Matchmaker} on Redis, shared by every process using the same Redis and key
 * prefix. Same rules as `MemoryMatchmaker`; every method is asynchronous and costs one
 * round trip (one script) except `expire()`, `sweep()` and `dispose()` with large backlogs.
 *
 * Time comes from the `now` option (default Date.now) of the calling process and never
 * runs backwards within one instance; keep the processes' clocks in sync (NTP).
 */
export class RedisMatchmaker implements Matchmaker {
  /** The process id entries are recorded under. */
  readonly processId: string;
  /** The key prefix. */
  readonly keyPrefix: string;

  readonly #interestTimeoutMs: number;
  readonly #repeatAvoidMs: number;
  readonly #processTtlMs: number;
  readonly #scanLimit: number;
  readonly #clock: () => number;
  readonly #onLeaseLost: (() => void) | undefined;
  readonly #scripts: MatchmakerScripts;
  #lastNow = Number.NEGATIVE_INFINITY;
  #beats = 0;

  /** @throws RangeError when a duration or limit is invalid, or processId is empty. */
  constructor(options: RedisMatchmakerOptions) {
    this.#interestTimeoutMs = duration('interestTimeoutMs', options.interestTimeoutMs);
    this.#repeatAvoidMs = duration('repeatAvoidMs', options.repeatAvoidMs);
    this.#processTtlMs = positiveInteger('processTtlMs', options.processTtlMs ?? 5_000);
    this.#scanLimit = positiveInteger('scanLimit', options.scanLimit ?? 64);
    if (typeof options.processId !== 'string' || options.processId.length === 0) {
      throw new RangeError('processId must be a non-empty string');
    }
    this.processId = options.processId;
    this.keyPrefix = options.keyPrefix ?? 'novu:';
    this.#clock = options.now ?? Date.now;
    this.#onLeaseLost = options.onLeaseLost;
    this.#scripts = bindMatchmakerScripts(options.redis);
  }

  /**
   * {@inheritDoc Matchmaker.join}
   * @throws RangeError when the mode is not one of `MODES`.
   */
  async join(request: JoinRequest): Promise<Match | null> {
    checkMode(request.mode);
    const now = this.#now();
    const interests = distinct(request.interests);
    const open = interests.length === 0 || this.#interestTimeoutMs === 0;
    const reply = list(
      await this.#scripts.join({
        prefix: this.keyPrefix,
        now,
        id: request.id,
        clientKey: request.clientKey,
        mode: request.mode,
        bucket: bucketPrefix(this.keyPrefix, request.mode, request.pool ?? ''),
        request: storedRequest(request),
        open,
        deadline: now + this.#interestTimeoutMs,
        owner: this.processId,
        repeatAvoidMs: this.#repeatAvoidMs,
        scanLimit: this.#scanLimit,
        interests: packList(interests),
      }),
      'join',
    );
    if (reply[0] !== 1) return null;
    return this.#match(parseRequest(text(reply[1], 'join')), request);
  }

  /** {@inheritDoc Matchmaker.leave} An entry of a process whose heartbeat lapsed is removed, but was not waiting. */
  async leave(id: string): Promise<boolean> {
    return (await this.#scripts.leave({ prefix: this.keyPrefix, id })) === 1;
  }

  /** {@inheritDoc Matchmaker.isWaiting} An entry of a process whose heartbeat lapsed is not waiting. */
  async isWaiting(id: string): Promise<boolean> {
    return (await this.#scripts.isWaiting({ prefix: this.keyPrefix, id })) === 1;
  }

  /**
   * {@inheritDoc Matchmaker.recordPartners}
   * @param forMs - How long to keep them apart; defaults to `repeatAvoidMs`. A longer
   *   earlier record is kept (recording never shortens a block).
   * @throws RangeError when `forMs` is negative or not finite.
   */
  async recordPartners(clientKeyA: string, clientKeyB: string, forMs?: number): Promise<void> {
    const ms = forMs === undefined ? this.#repeatAvoidMs : duration('forMs', forMs);
    const now = this.#now();
    await this.#scripts.record({ prefix: this.keyPrefix, clientKeyA, clientKeyB, until: now + ms, now });
  }

  /** {@inheritDoc Matchmaker.expire} Processes the timeouts and retries of every process's users. */
  async expire(): Promise<Match[]> {
    const now = this.#now();
    const matches: Match[] = [];
    for (;;) {
      const reply = list(
        await this.#scripts.expire({ prefix: this.keyPrefix, now, repeatAvoidMs: this.#repeatAvoidMs, scanLimit: this.#scanLimit, max: BATCH }),
        'expire',
      );
      for (let i = 1; i + 1 < reply.length; i += 2) {
        const waiting = parseRequest(text(reply[i], 'expire'));
        const joiner = parseRequest(text(reply[i + 1], 'expire'));
        matches.push(this.#match(waiting, joiner));
      }
      if (reply[0] !== 1) return matches;
    }
  }

  /** {@inheritDoc Matchmaker.nextDeadline} Timeouts and retries across every process's users. */
  async nextDeadline(): Promise<number | null> {
    const reply = await this.#scripts.nextDeadline({ prefix: this.keyPrefix, limit: this.#scanLimit });
    return reply === null ? null : Number(text(reply, 'nextDeadline'));
  }

  /**
   * {@inheritDoc Matchmaker.counts} Across every process. Entries of a process that died
   * count until they are removed (by `sweep()`, or when a search meets them).
   */
  async counts(): Promise<WaitingCounts> {
    const reply = list(await this.#scripts.counts({ prefix: this.keyPrefix }), 'counts');
    const byMode = Object.fromEntries(MODES.map((mode) => [mode, 0])) as Record<Mode, number>;
    let total = 0;
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const mode = text(reply[i], 'counts');
      const count = Number(text(reply[i + 1], 'counts'));
      if (!isMode(mode)) continue;
      byMode[mode] = count;
      total += count;
    }
    return { total, byMode };
  }

  /**
   * Prove this process is alive: sets `<prefix>proc:<processId>` for `processTtlMs`.
   * Call it before the first join and then every ~processTtlMs/3. Calls `onLeaseLost`
   * when the key had lapsed since the previous heartbeat.
   */
  async heartbeat(): Promise<void> {
    const existed = await this.#scripts.heartbeat({ prefix: this.keyPrefix, processId: this.processId, ttlMs: this.#processTtlMs });
    this.#beats += 1;
    if (existed !== 1 && this.#beats > 1) this.#onLeaseLost?.();
  }

  /**
   * Remove every waiting entry whose owner process's heartbeat lapsed. Walks the set of
   * owner processes (not the queue). Call it every few seconds on any process.
   * @returns How many entries were removed.
   */
  async sweep(): Promise<number> {
    let removed = 0;
    for (;;) {
      const reply = list(await this.#scripts.sweep({ prefix: this.keyPrefix, max: BATCH }), 'sweep');
      removed += Number(reply[0]);
      if (reply[1] !== 1) return removed;
    }
  }

  /**
   * Retire this process (graceful shutdown): deletes its heartbeat and removes every entry
   * it queued. Do not use the instance afterwards (a later `heartbeat()` would revive it).
   */
  async dispose(): Promise<void> {
    for (;;) {
      const reply = list(await this.#scripts.dispose({ prefix: this.keyPrefix, processId: this.processId, max: BATCH }), 'dispose');
      if (reply[1] !== 1) return;
    }
  }

  /** The clock, never running backwards. */
  #now(): number {
    const now = this.#clock();
    if (now > this.#lastNow) this.#lastNow = now;
    return this.#lastNow;
  }

  /** Describe a pairing (the scripts record the repeat avoidance themselves). */
  #match(waiting: JoinRequest, joiner: JoinRequest): Match {
    return {
      waiting,
      joiner,
      commonInterests: sharedInterests(distinct(waiting.interests), distinct(joiner.interests)),
      mode: joiner.mode,
    };
  }
}
