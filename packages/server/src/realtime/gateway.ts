import { ServerEvent } from '@novu-chat/protocol';
import type { Logger } from 'pino';
import type { NovuServerOptions } from '../config.js';
import type { LimitsBySite } from '../limits/limits-by-site.js';
import type { Matchmaker } from '../matchmaking/types.js';
import type { Lobby } from '../rooms/lobby.js';
import { chatChannels, isRoomChannel, roomChannel } from '../rooms/room-transport.js';
import type { RoomDirectory } from '../rooms/room-directory.js';
import type { Telemetry } from '../telemetry.js';
import { AbuseBudget } from './abuse-budget.js';
import { connectionGuard, type ConnectionGuardDeps } from './connection-guard.js';
import type { DeferredReplay } from './deferred-replay.js';
import { createDispatcher } from './dispatcher.js';
import type { EventTable } from './event-spec.js';
import { chatChannelOf } from './handlers/partner.js';
import type { LiveConnections } from './live-connections.js';
import { RequestRelease } from './request-release.js';
import type { ResumeGrace } from './resume-grace.js';
import type { NovuIo, NovuSocket } from './socket-types.js';
import { StatsBroadcast } from './stats-broadcast.js';
import { TaskQueues } from './task-queue.js';

/** Most events one connection may have queued or running (a flood is disconnected, not buffered). */
const MAX_PENDING_EVENTS = 100;
/** Connection budget points an IP is charged when one of its connections is disconnected for abuse. */
const ABUSE_PENALTY = 2;

/** Disconnect reasons that mean the client (or server) chose to end the connection. */
const DELIBERATE = new Set(['client namespace disconnect', 'server namespace disconnect', 'server shutting down']);

/** What the gateway is built from. */
export interface GatewayDeps {
  options: Pick<NovuServerOptions, 'resumeGraceMs' | 'statsIntervalMs' | 'trustProxy' | 'refusedEventBudget'>;
  log: Logger;
  limits: LimitsBySite;
  lobby: Lobby;
  directory: RoomDirectory;
  telemetry: Telemetry;
  /** Every client event's handler. */
  table: EventTable;
  /** The connections (counts, operators' disconnects). */
  connections: LiveConnections;
  /** Dropped room members held for resume (the room transport counts them as present). */
  grace: ResumeGrace;
  /** Missed packets of resumed connections: replayed once admitted, dropped when refused. */
  replay: DeferredReplay;
  /** The connection guard's checks: origins, hashing, and the admission checks (bans, sites…). */
  guard: Pick<ConnectionGuardDeps, 'origins' | 'hash' | 'admission' | 'multiSite'>;
  /** Waiting users, for `stats`. */
  matchmaker: Pick<Matchmaker, 'counts'>;
  /** Cluster mode: this process's id, recorded when a member resumes here. */
  node?: string | undefined;
}

/**
 * The Socket.IO side of the server: connection guard, one dispatcher for every event, resume
 * grace after transport drops, `stats` and graceful shutdown. Chat rooms are Socket.IO rooms
 * (`room:<id>`), so relays reach a partner on any process through the adapter.
 */
export class RealtimeGateway {
  readonly io: NovuIo;
  readonly #deps: GatewayDeps;
  readonly #stats: StatsBroadcast;
  #draining = false;
  /** Disconnect clean-ups still running (awaited by a graceful stop). */
  readonly #cleanups = new Set<Promise<void>>();
  /** Each connection's event queue (its events and its disconnect run in order). */
  readonly #queues = new TaskQueues();
  /** The one `onAny` listener of every connection. */
  readonly #dispatch: (this: NovuSocket, event: string, ...args: unknown[]) => void;
  /** The one `disconnect` listener of every connection. */
  readonly #disconnectListener: (this: NovuSocket, reason: string) => void;
  /** The one `disconnecting` listener: keeps the chat channels a connection was in (gone by `disconnect`). */
  readonly #disconnectingListener: (this: NovuSocket) => void;
  /** Chat channels of connections being disconnected, read by their clean-up. */
  readonly #channelsAtDisconnect = new WeakMap<NovuSocket, string[]>();
  readonly #requests: RequestRelease;

  constructor(io: NovuIo, deps: GatewayDeps) {
    this.io = io;
    this.#deps = deps;
    const { options, log, telemetry } = deps;
    this.#stats = new StatsBroadcast(io, deps.connections, deps.matchmaker, log, options.statsIntervalMs);
    this.#dispatch = createDispatcher(deps.table, {
      limits: deps.limits,
      queues: this.#queues,
      telemetry,
      log,
      budget: new AbuseBudget({ maxRefused: options.refusedEventBudget, windowMs: 10_000 }),
      maxPendingEvents: MAX_PENDING_EVENTS,
      onAbusive: (socket, why) => this.#disconnectAbuser(socket, why),
    });
    const gateway = this;
    this.#disconnectListener = function (this: NovuSocket, reason: string) {
      gateway.#socketDisconnected(this, reason);
    };
    this.#disconnectingListener = function (this: NovuSocket) {
      const channels = chatChannels(this.rooms);
      if (channels.length > 0) gateway.#channelsAtDisconnect.set(this, channels);
    };
    // Server-owned routing: a connection is in one chat channel at most. Joining one (a match,
    // opened on any process, applied here by the adapter) closes every other it is still in:
    // channels a store that lost its data forgot. And the connection is no longer this process's
    // to queue again.
    io.of('/').adapter.on('join-room', (channel: string, socketId: string) => {
      if (!isRoomChannel(channel)) return;
      deps.lobby.matched(socketId);
      const socket = io.sockets.sockets.get(socketId);
      const stale = socket ? chatChannels(socket.rooms).filter((other) => other !== channel) : [];
      if (stale.length > 0) deps.lobby.endChannels(stale, 'skipped', socketId);
    });

    this.#requests = new RequestRelease(io.engine);
    io.use(connectionGuard({
      ...deps.guard,
      limits: deps.limits,
      trustProxy: options.trustProxy,
      isDraining: () => this.#draining,
      onResumeRefused: (socket) => deps.replay.drop(socket.id),
      telemetry,
      log,
    }));
    io.on('connection', (socket) => this.#onConnection(socket));
    io.engine.on('connection_error', (err: { code: number; message: string }) => {
      log.debug({ code: err.code, message: err.message }, 'engine connection error');
    });
  }

  /** Whether the server is draining (shutting down). */
  get draining(): boolean {
    return this.#draining;
  }

  /** End the rooms a dead process left behind: partners on live processes are told `disconnected`. */
  async endRoomsOfDeadNode(node: string, roomIds: readonly string[]): Promise<void> {
    for (const roomId of roomIds) {
      const room = await this.#deps.directory.get(roomId);
      if (!room) continue;
      const gone = room.members.find((member) => member.node === node);
      await this.#deps.lobby.endRoom(roomId, 'disconnected', gone?.id);
    }
  }

  /** Abuse costs the abuser: its connection, and points of its IP's connection budget. */
  #disconnectAbuser(socket: NovuSocket, why: 'refused' | 'pending'): void {
    if (!socket.connected) return;
    this.#deps.telemetry.connectionRefused('rate_limited');
    this.#deps.log.info({ conn: socket.id, ip: socket.data.ipKey, why }, 'connection disconnected for abuse');
    void this.#deps.limits.of(socket.data.siteKey).penalise(socket.data.ipKey, ABUSE_PENALTY);
    socket.disconnect(true);
  }

  #onConnection(socket: NovuSocket): void {
    const { log, telemetry } = this.#deps;
    this.#requests.release(socket);
    if (socket.recovered) {
      log.debug({ conn: socket.id }, 'connection resumed');
      this.#deps.replay.replay(socket);
      void this.#queues.of(socket).run(() => this.#onResume(socket));
    } else {
      telemetry.connectionOpened();
      log.debug({ conn: socket.id, ip: socket.data.ipKey }, 'connected');
    }
    // Shared listeners (this = the socket): no closures per connection.
    socket.onAny(this.#dispatch);
    socket.on('disconnecting', this.#disconnectingListener);
    socket.on('disconnect', this.#disconnectListener);
    if (!socket.recovered) void this.#stats.send(socket);
  }

  #socketDisconnected(socket: NovuSocket, reason: string): void {
    const cleanup = this.#queues.of(socket).run(() => this.#onDisconnect(socket, reason));
    this.#cleanups.add(cleanup);
    void cleanup.then(() => this.#cleanups.delete(cleanup));
  }

  /** A resumed connection: keep its room if it still stands, else close the stale channel. */
  async #onResume(socket: NovuSocket): Promise<void> {
    const { directory } = this.#deps;
    const room = await directory.roomOf(socket.id);
    const channel = chatChannelOf(socket);
    // A channel the directory no longer knows: close it, telling anyone still in it.
    if (channel && (!room || roomChannel(room.id) !== channel)) this.#deps.lobby.endChannels([channel], 'disconnected', socket.id);
    if (!room) return;
    this.#deps.grace.release(socket.id);
    if (await directory.setAway(socket.id, false, this.#deps.node)) {
      this.io.to(roomChannel(room.id)).except(socket.id).emit(ServerEvent.PartnerReconnected);
    }
  }

  async #onDisconnect(socket: NovuSocket, reason: string): Promise<void> {
    const { log, options, directory, telemetry, lobby } = this.#deps;
    const limits = this.#deps.limits.of(socket.data.siteKey);
    log.debug({ conn: socket.id, reason }, 'disconnected');
    try {
      // A waiting client leaves the queue at once (the client re-queues on resume).
      await lobby.leaveQueue(socket.id);
      const room = await directory.roomOf(socket.id);
      if (room && !DELIBERATE.has(reason) && options.resumeGraceMs > 0 && !this.#draining) {
        await directory.setAway(socket.id, true);
        this.io.to(roomChannel(room.id)).except(socket.id).emit(ServerEvent.PartnerReconnecting);
        const { id, data } = socket;
        this.#deps.grace.hold(id, options.resumeGraceMs, () => void this.#graceExpired(id, data.siteKey));
        return;
      }
      if (room) await lobby.endRoom(room.id, 'disconnected', socket.id);
      else lobby.endChannels(this.#channelsAtDisconnect.get(socket) ?? [], 'disconnected', socket.id);
      limits.forget(socket.id);
      telemetry.connectionClosed();
    } catch (error) {
      log.error({ conn: socket.id, err: error }, 'disconnect cleanup failed');
    }
  }

  async #graceExpired(socketId: string, siteKey: string | undefined): Promise<void> {
    try {
      // Whoever flips `away` back first wins: a resume (on any process) or this timer.
      if (!(await this.#deps.directory.setAway(socketId, false))) return;
      await this.#deps.lobby.endRoomOf(socketId, 'disconnected', true);
      this.#deps.limits.of(siteKey).forget(socketId);
      this.#deps.telemetry.connectionClosed();
    } catch (error) {
      this.#deps.log.error({ conn: socketId, err: error }, 'grace expiry failed');
    }
  }

  /**
   * Graceful stop: refuse new connections, send `server:shutdown`, wait up to `graceMs`
   * for clients to leave, then disconnect the rest.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.#draining = true;
    this.#stats.stop();
    this.#deps.lobby.close();
    const { connections } = this.#deps;
    if (connections.local > 0) {
      this.io.local.emit(ServerEvent.ServerShutdown, { graceMs });
      const deadline = Date.now() + graceMs;
      while (connections.local > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    }
    this.#deps.grace.clear();
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
