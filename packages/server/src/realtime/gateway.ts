import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { Limits, ServerEvent } from '@novu-chat/protocol';
import type { Logger } from 'pino';
import type { NovuServerOptions } from '../config.js';
import type { KeyedHash } from '../keyed-hash.js';
import type { EventLimits } from '../limits/event-limits.js';
import type { Matchmaker } from '../matchmaking/types.js';
import type { RoomDirectory } from '../rooms/room-directory.js';
import type { Telemetry } from '../telemetry.js';
import type { Moderation } from '../moderation/moderation.js';
import { connectionGuard, type ConnectionGuardDeps } from './connection-guard.js';
import { createDispatcher } from './dispatcher.js';
import { eventTable } from './handlers/index.js';
import { chatChannelOf } from './handlers/partner.js';
import { Lobby, roomChannel, type LobbyDeps, type RoomTransport } from '../rooms/lobby.js';
import type { OriginPolicy } from '../http/origin-policy.js';
import type { NovuIo, NovuSocket } from './socket-types.js';
import { TaskQueue } from './task-queue.js';
import { scopedRecoveryAdapter } from './recovery-adapter.js';
import { RequestRelease } from './request-release.js';

/** Disconnect reasons that mean the client (or server) chose to end the connection. */
const DELIBERATE = new Set(['client namespace disconnect', 'server namespace disconnect', 'server shutting down']);

/** What the gateway is built from. */
export interface GatewayDeps {
  options: NovuServerOptions;
  log: Logger;
  hash: KeyedHash;
  limits: EventLimits;
  matchmaker: Matchmaker;
  directory: RoomDirectory;
  telemetry: Telemetry;
  origins: OriginPolicy;
  /** Extra checks at connect (bans, sites…), run after the built-in ones. */
  admission?: ConnectionGuardDeps['admission'];
  /** Reports and blocks (`report`, `block`). */
  moderation: Moderation;
  /** Multi-site servers: per-site limits (and the handshake's `siteKey` is kept as the matching pool). */
  sites?: ConnectionGuardDeps['sites'];
  /** Extra `match:found` fields per member (ICE servers with TURN credentials, relay policy). */
  matchExtras?: LobbyDeps['matchExtras'];
  /** Cluster mode: other processes hold sockets this one cannot see. */
  clustered: boolean;
  /** Cluster mode: this process's id, recorded with its connections' queue entries and rooms. */
  node?: string;
  /** The Socket.IO adapter (cluster mode: Redis Streams). */
  adapter?: ServerOptions['adapter'];
  /** Waiting users (cluster-wide) and connected users (cluster-wide in cluster mode). */
  onlineCount?: () => Promise<number>;
}

/**
 * The Socket.IO side of the server: connection guard, one handler per event, resume grace
 * after transport drops, `stats` broadcasts and graceful shutdown. Chat rooms are Socket.IO
 * rooms (`room:<id>`), so relays reach a partner on any process through the adapter.
 */
export class RealtimeGateway {
  readonly io: NovuIo;
  readonly lobby: Lobby;
  readonly #deps: GatewayDeps;
  /** Local timers that end a dropped member's room when its grace runs out. */
  readonly #graceTimers = new Map<string, NodeJS.Timeout>();
  #statsTimer: NodeJS.Timeout | undefined;
  #draining = false;
  #lastStats = '';
  /** Disconnect clean-ups still running (awaited by a graceful stop). */
  readonly #cleanups = new Set<Promise<void>>();
  /** Each connection's event queue (its events and its disconnect run in order). */
  readonly #queues = new WeakMap<NovuSocket, TaskQueue>();
  /** The one `onAny` listener of every connection. */
  readonly #dispatch: (this: NovuSocket, event: string, ...args: unknown[]) => void;
  /** The one `disconnect` listener of every connection. */
  readonly #disconnectListener: (this: NovuSocket, reason: string) => void;
  readonly #requests: RequestRelease;

  constructor(httpServer: HttpServer, deps: GatewayDeps) {
    this.#deps = deps;
    const { options, log } = deps;
    this.io = new Server(httpServer, {
      maxHttpBufferSize: Limits.maxFrameBytes,
      // Let every browser origin reach the guard, which refuses with a clear `data.code`.
      cors: { origin: true, credentials: false },
      perMessageDeflate: false,
      httpCompression: false,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      cleanupEmptyChildNamespaces: true,
      connectionStateRecovery: {
        maxDisconnectionDuration: Math.max(options.resumeGraceMs, 1),
        skipMiddlewares: true,
      },
      adapter: deps.adapter ?? scopedRecoveryAdapter({ transientEvents: new Set([ServerEvent.Stats]) }),
    }) as NovuIo;
    const transport: RoomTransport = {
      join: (socketId, channel) => this.io.in(socketId).socketsJoin(channel),
      disband: (channel) => this.io.in(channel).socketsLeave(channel),
      toMember: (socketId) => this.io.to(socketId),
      toRoom: (channel, except) => (except ? this.io.to(channel).except(except) : this.io.to(channel)),
    };
    this.lobby = new Lobby({
      matchmaker: deps.matchmaker,
      directory: deps.directory,
      transport,
      telemetry: deps.telemetry,
      // In cluster mode a remote socket cannot be seen from here; the shared queue only holds present users.
      isPresent: (id) => this.io.sockets.sockets.has(id) || this.#graceTimers.has(id) || deps.clustered,
      now: Date.now,
      onError: (error) => log.error({ err: error }, 'lobby step failed'),
      ...(deps.matchExtras ? { matchExtras: deps.matchExtras } : {}),
    });

    const table = eventTable({
      lobby: this.lobby,
      directory: deps.directory,
      moderation: deps.moderation,
      telemetry: deps.telemetry,
      node: deps.node,
      now: Date.now,
    });
    this.#dispatch = createDispatcher(table, {
      limitsOf: (socket) => this.#limitsOf(socket.data.siteKey),
      queueOf: (socket) => this.#queueOf(socket),
      onRejected: (socket, event, code) => {
        deps.telemetry.eventRejected(event, code);
        log.debug({ conn: socket.id, event, code }, 'event rejected');
      },
      onFault: (socket, event, error) => log.error({ conn: socket.id, event, err: error }, 'event handler failed'),
    });
    const gateway = this;
    this.#disconnectListener = function (this: NovuSocket, reason: string) {
      gateway.#socketDisconnected(this, reason);
    };

    this.#requests = new RequestRelease(this.io.engine);
    this.io.use(connectionGuard({
      origins: deps.origins,
      limits: deps.limits,
      hash: deps.hash,
      trustProxy: options.trustProxy,
      isDraining: () => this.#draining,
      admission: deps.admission,
      sites: deps.sites,
      onRefused: (code, ipKey) => {
        deps.telemetry.connectionRefused(code);
        log.info({ code, ip: ipKey }, 'connection refused');
      },
    }));
    this.io.on('connection', (socket) => this.#onConnection(socket));
    this.io.engine.on('connection_error', (err: { code: number; message: string }) => {
      log.debug({ code: err.code, message: err.message }, 'engine connection error');
    });
    if (options.statsIntervalMs > 0) {
      this.#statsTimer = setInterval(() => void this.#broadcastStats(), options.statsIntervalMs);
      this.#statsTimer.unref();
    }
  }

  /** Connections to this process. */
  get localOnline(): number {
    return this.io.sockets.sockets.size;
  }

  /** Whether the server is draining (shutting down). */
  get draining(): boolean {
    return this.#draining;
  }

  /** Connected users: cluster-wide in cluster mode. */
  async online(): Promise<number> {
    return this.#deps.onlineCount ? this.#deps.onlineCount() : this.localOnline;
  }

  /** End the rooms a dead process left behind: partners on live processes are told `disconnected`. */
  async endRoomsOfDeadNode(node: string, roomIds: readonly string[]): Promise<void> {
    for (const roomId of roomIds) {
      const room = await this.#deps.directory.get(roomId);
      if (!room) continue;
      const gone = room.members.find((member) => member.node === node);
      await this.lobby.endRoom(roomId, 'disconnected', gone?.id);
    }
  }

  /** Disconnect every live connection whose hashed client or IP matches (operators' bans). */
  async disconnectClients(match: { clientKey?: string; ipKey?: string }): Promise<number> {
    const sockets = await this.io.fetchSockets();
    let count = 0;
    for (const socket of sockets) {
      const data = socket.data as Partial<NovuSocket['data']>;
      if ((match.clientKey && data.clientKey === match.clientKey) || (match.ipKey && data.ipKey === match.ipKey)) {
        socket.disconnect(true);
        count++;
      }
    }
    return count;
  }

  #onConnection(socket: NovuSocket): void {
    const { log, telemetry } = this.#deps;
    this.#requests.release(socket);
    if (socket.recovered) {
      log.debug({ conn: socket.id }, 'connection resumed');
      void this.#queueOf(socket).run(() => this.#onResume(socket));
    } else {
      telemetry.connectionOpened();
      log.debug({ conn: socket.id, ip: socket.data.ipKey }, 'connected');
    }
    // Shared listeners (this = the socket): no closures per connection.
    socket.onAny(this.#dispatch);
    socket.on('disconnect', this.#disconnectListener);
    if (!socket.recovered) void this.#sendStats(socket);
  }

  #queueOf(socket: NovuSocket): TaskQueue {
    let queue = this.#queues.get(socket);
    if (!queue) {
      queue = new TaskQueue();
      this.#queues.set(socket, queue);
    }
    return queue;
  }

  #socketDisconnected(socket: NovuSocket, reason: string): void {
    const cleanup = this.#queueOf(socket).run(() => this.#onDisconnect(socket, reason));
    this.#cleanups.add(cleanup);
    void cleanup.then(() => this.#cleanups.delete(cleanup));
  }

  /** A resumed connection: keep its room if it still stands, else drop the stale Socket.IO room. */
  async #onResume(socket: NovuSocket): Promise<void> {
    const { directory } = this.#deps;
    const room = await directory.roomOf(socket.id);
    const channel = chatChannelOf(socket);
    if (channel && (!room || roomChannel(room.id) !== channel)) await socket.leave(channel);
    if (!room) return;
    this.#clearGraceTimer(socket.id);
    if (await directory.setAway(socket.id, false, this.#deps.node)) {
      this.io.to(roomChannel(room.id)).except(socket.id).emit(ServerEvent.PartnerReconnected);
    }
  }

  async #onDisconnect(socket: NovuSocket, reason: string): Promise<void> {
    const { log, options, directory, telemetry } = this.#deps;
    const limits = this.#limitsOf(socket.data.siteKey);
    log.debug({ conn: socket.id, reason }, 'disconnected');
    try {
      // A waiting client leaves the queue at once (the client re-queues on resume).
      await this.lobby.leaveQueue(socket.id);
      const room = await directory.roomOf(socket.id);
      if (room && !DELIBERATE.has(reason) && options.resumeGraceMs > 0 && !this.#draining) {
        await directory.setAway(socket.id, true);
        this.io.to(roomChannel(room.id)).except(socket.id).emit(ServerEvent.PartnerReconnecting);
        const timer = setTimeout(() => void this.#graceExpired(socket.id, socket.data.siteKey), options.resumeGraceMs);
        timer.unref();
        this.#graceTimers.set(socket.id, timer);
        return;
      }
      if (room) await this.lobby.endRoom(room.id, 'disconnected', socket.id);
      limits.forget(socket.id);
      telemetry.connectionClosed();
    } catch (error) {
      log.error({ conn: socket.id, err: error }, 'disconnect cleanup failed');
    }
  }

  /** The limits of a connection's site (multi-site servers), else the server-wide ones. */
  #limitsOf(siteKey: string | undefined): EventLimits {
    return this.#deps.sites?.limitsFor(siteKey) ?? this.#deps.limits;
  }

  async #graceExpired(socketId: string, siteKey: string | undefined): Promise<void> {
    this.#graceTimers.delete(socketId);
    try {
      // Whoever flips `away` back first wins: a resume (on any process) or this timer.
      if (!(await this.#deps.directory.setAway(socketId, false))) return;
      await this.lobby.endRoomOf(socketId, 'disconnected', true);
      this.#limitsOf(siteKey).forget(socketId);
      this.#deps.telemetry.connectionClosed();
    } catch (error) {
      this.#deps.log.error({ conn: socketId, err: error }, 'grace expiry failed');
    }
  }

  #clearGraceTimer(socketId: string): void {
    const timer = this.#graceTimers.get(socketId);
    if (timer) clearTimeout(timer);
    this.#graceTimers.delete(socketId);
  }

  async #statsPayload() {
    const counts = await this.#deps.matchmaker.counts();
    return { online: await this.online(), waiting: counts.total };
  }

  async #sendStats(socket: NovuSocket): Promise<void> {
    try {
      socket.emit(ServerEvent.Stats, await this.#statsPayload());
    } catch (error) {
      this.#deps.log.warn({ err: error }, 'stats failed');
    }
  }

  async #broadcastStats(): Promise<void> {
    if (this.localOnline === 0) return;
    try {
      const stats = await this.#statsPayload();
      // Only when the numbers changed: a broadcast to thousands of idle sockets is not free.
      const key = `${stats.online}:${stats.waiting}`;
      if (key === this.#lastStats) return;
      this.#lastStats = key;
      // Local sockets only: each process broadcasts to its own clients.
      this.io.local.volatile.emit(ServerEvent.Stats, stats);
    } catch (error) {
      this.#deps.log.warn({ err: error }, 'stats broadcast failed');
    }
  }

  /**
   * Graceful stop: refuse new connections, send `server:shutdown`, wait up to `graceMs`
   * for clients to leave, then disconnect the rest.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.#draining = true;
    if (this.#statsTimer) clearInterval(this.#statsTimer);
    this.lobby.close();
    if (this.localOnline > 0) {
      this.io.local.emit(ServerEvent.ServerShutdown, { graceMs });
      const deadline = Date.now() + graceMs;
      while (this.localOnline > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    }
    for (const timer of this.#graceTimers.values()) clearTimeout(timer);
    this.#graceTimers.clear();
    this.io.local.disconnectSockets(true);
    // Let the disconnect handlers (queued per connection) finish their cleanup, within a bound.
    await Promise.race([Promise.all(this.#cleanups), new Promise((r) => setTimeout(r, 2_000).unref())]);
  }

  /** Close Socket.IO (and the HTTP server it is attached to). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      void this.io.close(() => resolve());
    });
  }
}
