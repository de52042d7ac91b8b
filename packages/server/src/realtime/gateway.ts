import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { ErrorCode, Limits, ServerEvent, ClientEvent, type ServerToClientEvents } from '@novu-chat/protocol';
import type { Logger } from 'pino';
import type { NovuServerOptions } from '../config.js';
import type { KeyedHash } from '../keyed-hash.js';
import type { EventLimits } from '../limits/event-limits.js';
import type { Matchmaker } from '../matchmaking/types.js';
import { RoomRegistry } from '../rooms/room-registry.js';
import type { ServerStats } from '../stats.js';
import { connectionGuard } from './connection-guard.js';
import { answerFailure, ProtocolFailure, splitArgs } from './event-pipeline.js';
import { bindHandlers } from './handlers.js';
import { TaskQueue } from './task-queue.js';
import { Lobby, type Notify } from './lobby.js';
import { OriginPolicy } from './origin-policy.js';
import type { NovuIo, NovuSocket } from './socket-types.js';

/** Disconnect reasons that mean the client (or server) chose to end the connection. */
const DELIBERATE = new Set(['client namespace disconnect', 'server namespace disconnect', 'server shutting down']);
const KNOWN_EVENTS = new Set<string>(Object.values(ClientEvent));

/** What the gateway is built from. */
export interface GatewayDeps {
  options: NovuServerOptions;
  log: Logger;
  hash: KeyedHash;
  limits: EventLimits;
  matchmaker: Matchmaker;
  stats: ServerStats;
  origins: OriginPolicy;
}

/**
 * The Socket.IO side of the server: connection guard, one handler per event,
 * resume grace after transport drops, `stats` broadcasts and graceful shutdown.
 */
export class RealtimeGateway {
  readonly io: NovuIo;
  readonly rooms = new RoomRegistry();
  readonly lobby: Lobby;
  readonly #deps: GatewayDeps;
  /** Matched connections whose transport dropped, with the timer that ends their room. */
  readonly #away = new Map<string, NodeJS.Timeout>();
  #statsTimer: NodeJS.Timeout | undefined;
  #draining = false;

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
      connectionStateRecovery: {
        maxDisconnectionDuration: Math.max(options.resumeGraceMs, 1),
        skipMiddlewares: true,
      },
    }) as NovuIo;
    const notify: Notify = (socketId, event, ...args) => {
      (this.io.to(socketId).emit as (ev: keyof ServerToClientEvents, ...a: unknown[]) => boolean)(event, ...args);
    };
    this.lobby = new Lobby({
      matchmaker: deps.matchmaker,
      rooms: this.rooms,
      notify,
      isPresent: (id) => this.io.sockets.sockets.has(id) || this.#away.has(id),
      now: Date.now,
      onMatch: (room) => {
        deps.stats.matches++;
        log.debug({ room: room.id, a: room.members[0], b: room.members[1], mode: room.mode }, 'match');
      },
      onRoomClosed: (room, reason) => {
        for (const member of room.members) this.#clearAway(member);
        log.debug({ room: room.id, reason }, 'room closed');
      },
      onError: (error) => log.error({ err: error }, 'lobby step failed'),
    });

    this.io.use(connectionGuard({
      origins: deps.origins,
      limits: deps.limits,
      hash: deps.hash,
      trustProxy: options.trustProxy,
      isDraining: () => this.#draining,
      onRefused: (code, ipKey) => {
        if (code === ErrorCode.RateLimited) deps.stats.rateLimited++;
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

  /** Connected sockets. */
  get online(): number {
    return this.io.sockets.sockets.size;
  }

  /** Whether the server is draining (shutting down). */
  get draining(): boolean {
    return this.#draining;
  }

  #onConnection(socket: NovuSocket): void {
    const { log, stats } = this.#deps;
    if (socket.recovered) {
      log.debug({ conn: socket.id }, 'connection resumed');
      if (this.#clearAway(socket.id)) {
        const partner = this.rooms.partnerOf(socket.id);
        if (partner) this.io.to(partner).emit(ServerEvent.PartnerReconnected);
      }
    } else {
      stats.connections++;
      log.debug({ conn: socket.id, ip: socket.data.ipKey }, 'connected');
    }
    const queue = new TaskQueue();
    bindHandlers(socket, {
      queue,
      lobby: this.lobby,
      rooms: this.rooms,
      limits: this.#deps.limits,
      notify: (id, event, ...args) => {
        (this.io.to(id).emit as (ev: keyof ServerToClientEvents, ...a: unknown[]) => boolean)(event, ...args);
      },
      now: Date.now,
      onRelay: (kind) => {
        if (kind === 'signal') stats.signals++;
        else stats.messages++;
      },
      onRejected: (event, code) => {
        if (code === ErrorCode.RateLimited) stats.rateLimited++;
        log.debug({ conn: socket.id, event, code }, 'event rejected');
      },
      onFault: (event, error) => log.error({ conn: socket.id, event, err: error }, 'event handler failed'),
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN_EVENTS.has(event)) return;
      const { ack } = splitArgs(args);
      answerFailure(socket, String(event).slice(0, 64), ack, new ProtocolFailure(ErrorCode.UnknownEvent, 'Unknown event.'));
    });
    socket.on('disconnect', (reason) => void queue.run(() => this.#onDisconnect(socket, reason)));
    if (!socket.recovered) void this.#sendStats(socket);
  }

  async #onDisconnect(socket: NovuSocket, reason: string): Promise<void> {
    const { log, options, limits } = this.#deps;
    log.debug({ conn: socket.id, reason }, 'disconnected');
    try {
      // A waiting client leaves the queue at once (the client re-queues on resume).
      await this.lobby.leaveQueue(socket.id);
      const inRoom = this.rooms.roomOf(socket.id) !== undefined;
      if (inRoom && !DELIBERATE.has(reason) && options.resumeGraceMs > 0 && !this.#draining) {
        const partner = this.rooms.partnerOf(socket.id);
        if (partner) this.io.to(partner).emit(ServerEvent.PartnerReconnecting);
        const timer = setTimeout(() => {
          this.#away.delete(socket.id);
          this.lobby.endRoomOf(socket.id, 'disconnected', true);
          limits.forget(socket.id);
        }, options.resumeGraceMs);
        timer.unref();
        this.#away.set(socket.id, timer);
        return;
      }
      this.lobby.endRoomOf(socket.id, 'disconnected');
      limits.forget(socket.id);
    } catch (error) {
      log.error({ conn: socket.id, err: error }, 'disconnect cleanup failed');
    }
  }

  #clearAway(socketId: string): boolean {
    const timer = this.#away.get(socketId);
    if (!timer) return false;
    clearTimeout(timer);
    this.#away.delete(socketId);
    return true;
  }

  async #statsPayload() {
    const counts = await this.#deps.matchmaker.counts();
    return { online: this.online, waiting: counts.total };
  }

  async #sendStats(socket: NovuSocket): Promise<void> {
    try {
      socket.emit(ServerEvent.Stats, await this.#statsPayload());
    } catch (error) {
      this.#deps.log.warn({ err: error }, 'stats failed');
    }
  }

  async #broadcastStats(): Promise<void> {
    if (this.online === 0) return;
    try {
      this.io.volatile.emit(ServerEvent.Stats, await this.#statsPayload());
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
    if (this.online > 0) {
      this.io.emit(ServerEvent.ServerShutdown, { graceMs });
      const deadline = Date.now() + graceMs;
      while (this.online > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    }
    for (const timer of this.#away.values()) clearTimeout(timer);
    this.#away.clear();
    this.io.disconnectSockets(true);
  }

  /** Close Socket.IO (and the HTTP server it is attached to). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      void this.io.close(() => resolve());
    });
  }
}
