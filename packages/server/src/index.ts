/**
 * `@novu-chat/server`: the Novu Chat signaling and matchmaking server (Koa + Socket.IO).
 *
 * ```ts
 * import { createNovuServer } from '@novu-chat/server';
 * const server = createNovuServer({ port: 3001 });
 * const { url } = await server.listen();
 * // …
 * await server.close();
 * ```
 * @packageDocumentation
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { resolveOptions, type NovuServerOptions } from './config.js';
import { createHttpApp } from './http/app.js';
import { KeyedHash } from './keyed-hash.js';
import { EventLimits } from './limits/event-limits.js';
import { createLogger } from './log.js';
import { MemoryMatchmaker } from './matchmaking/index.js';
import type { Matchmaker, WaitingCounts } from './matchmaking/types.js';
import { RealtimeGateway } from './realtime/gateway.js';
import { OriginPolicy } from './realtime/origin-policy.js';
import { MemoryRoomDirectory, type RoomDirectory, type RoomRecord } from './rooms/room-directory.js';
import type { AdmissionCheck } from './realtime/connection-guard.js';
import { ServerStats } from './stats.js';
import { TelemetryFanout, type Telemetry } from './telemetry.js';

export { ConfigError, DEFAULT_OPTIONS, optionsFromEnv, resolveOptions } from './config.js';
export type { LogLevel, NovuServerOptions } from './config.js';
export type { Match, Matchmaker, MatchmakerOptions, JoinRequest, WaitingCounts } from './matchmaking/types.js';
export type { RoomDirectory, RoomRecord, RoomMember } from './rooms/room-directory.js';
export type { Telemetry, RelayKind } from './telemetry.js';
export type { AdmissionCheck, AdmissionContext, AdmissionRefusal } from './realtime/connection-guard.js';

/** Where a started server listens. */
export interface ListenInfo {
  /** `http://host:port` to give clients (127.0.0.1 when bound to every interface). */
  url: string;
  port: number;
  host: string;
}

/** A created server: start it with `listen()`, stop it with `close()`. */
export interface NovuServer {
  /** The resolved settings. */
  readonly options: Readonly<NovuServerOptions>;
  /** The admin bearer token (generated when none was configured). */
  readonly adminToken: string;
  /** Whether the admin token was generated at start. */
  readonly adminTokenGenerated: boolean;
  /** The underlying Node HTTP server. */
  readonly httpServer: HttpServer;
  /** The logger. */
  readonly log: Logger;
  /** Start listening; resolves once connections are accepted. Arguments override the options. */
  listen(port?: number, host?: string): Promise<ListenInfo>;
  /**
   * Graceful stop: refuse new connections, send `server:shutdown`, wait up to
   * `graceMs` (default `shutdownGraceMs`) for clients to leave, then close everything.
   */
  close(graceMs?: number): Promise<void>;
  /** Live numbers: connected clients, waiting users, open rooms. */
  stats(): Promise<LiveStats>;
  /** What operators can see and do. */
  readonly admin: AdminControl;
}

/** Live numbers of the whole service. */
export interface LiveStats {
  online: number;
  waiting: number;
  waitingByMode: WaitingCounts['byMode'];
  rooms: number;
}

/** What operators can see and do (the admin API and dashboard build on it). */
export interface AdminControl {
  /** Live numbers: connected clients, waiting users by mode, open rooms. */
  stats(): Promise<LiveStats>;
  /** Up to `limit` open rooms, oldest first, with members as keyed hashes (never an IP). */
  listRooms(limit?: number): Promise<RoomRecord[]>;
  /** End a room: both members get `partner:left { reason: 'ended' }`. */
  endRoom(roomId: string): Promise<boolean>;
  /** Disconnect live connections whose hashed client or IP matches. Returns how many. */
  disconnectClients(match: { clientKey?: string; ipKey?: string }): Promise<number>;
}

/** Extra wiring for tests and scale-out (different stores, more telemetry sinks, admission checks). */
export interface NovuServerWiring {
  matchmaker?: Matchmaker;
  directory?: RoomDirectory;
  telemetry?: Telemetry[];
  admission?: AdmissionCheck[];
}

/** Create a Novu Chat server. Options not given take their defaults (see `docs/configuration.md`). */
export function createNovuServer(input: Partial<NovuServerOptions> = {}, wiring: NovuServerWiring = {}): NovuServer {
  const options = resolveOptions(input);
  const log = createLogger(options.logLevel);
  const adminTokenGenerated = options.adminToken === undefined;
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const hash = new KeyedHash(options.hashSalt);
  const origins = new OriginPolicy(options.allowedOrigins);
  const limits = new EventLimits(options);
  const stats = new ServerStats();
  const telemetry = new TelemetryFanout([stats, ...(wiring.telemetry ?? [])]);
  const matchmaker = wiring.matchmaker ?? new MemoryMatchmaker({
    interestTimeoutMs: options.interestTimeoutMs,
    repeatAvoidMs: options.repeatAvoidMs,
  });
  const directory = wiring.directory ?? new MemoryRoomDirectory();

  let readiness: 'starting' | 'ready' | 'draining' = 'starting';
  let closing: Promise<void> | undefined;

  // Koa's handler must be on the server before Socket.IO attaches, which routes /socket.io/ past it.
  let handleHttp: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const httpServer = createServer((req, res) => handleHttp(req, res));
  const gateway = new RealtimeGateway(httpServer, {
    options, log, hash, limits, matchmaker, directory, telemetry, origins,
    admission: wiring.admission,
    clustered: false,
  });

  const admin: AdminControl = {
    async stats() {
      const counts = await matchmaker.counts();
      return { online: await gateway.online(), waiting: counts.total, waitingByMode: counts.byMode, rooms: await directory.count() };
    },
    async listRooms(limit = 100) {
      return directory.list(limit);
    },
    async endRoom(roomId) {
      return (await gateway.lobby.endRoom(roomId, 'ended')) !== undefined;
    },
    disconnectClients: (match) => gateway.disconnectClients(match),
  };
  const liveStats = () => admin.stats();
  const app = createHttpApp({
    origins,
    adminToken,
    demoPage: options.demoPage,
    readiness: () => readiness,
    adminStats: async () => ({
      ...(await liveStats()),
      uptimeSeconds: Math.round((Date.now() - stats.startedAt) / 1000),
      totals: {
        connections: stats.connections,
        matches: stats.matches,
        signals: stats.signals,
        messages: stats.messages,
        rateLimited: stats.rateLimited,
      },
    }),
  });
  handleHttp = app.callback();

  return {
    options,
    adminToken,
    adminTokenGenerated,
    httpServer,
    log,
    async listen(port = options.port, host = options.host) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      readiness = 'ready';
      const address = httpServer.address() as AddressInfo;
      const shownHost = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      const urlHost = shownHost.includes(':') ? `[${shownHost}]` : shownHost;
      return { url: `http://${urlHost}:${address.port}`, port: address.port, host: shownHost };
    },
    close(graceMs = options.shutdownGraceMs) {
      closing ??= (async () => {
        readiness = 'draining';
        await gateway.shutdown(graceMs);
        await gateway.close();
        httpServer.closeAllConnections();
      })();
      return closing;
    },
    stats: liveStats,
    admin,
  };
}
