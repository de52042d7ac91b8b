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
import { MemoryRoomDirectory, type RoomDirectory, type RoomMember, type RoomRecord } from './rooms/room-directory.js';
import type { AdmissionCheck } from './realtime/connection-guard.js';
import { Operators } from './admin/operators.js';
import { banAdmission, MemoryBanList, type BanList } from './moderation/ban-list.js';
import type { DestinationStream } from 'pino';
import { ClusterMode } from './cluster/cluster-mode.js';
import { TelemetryFanout, type Telemetry } from './telemetry.js';
import { captchaAdmission, termsAdmission, type CaptchaVerifier } from './moderation/bot-defence.js';
import { Moderation } from './moderation/moderation.js';
import { MemoryReportCounter, type ReportCounter } from './moderation/report-counter.js';
import { ReportWebhook } from './moderation/report-webhook.js';
import { loadSites } from './sites/site-config.js';
import { siteOptions, siteOrigins, Sites } from './sites/sites.js';
import { RedisBanList } from './store/redis-ban-list.js';
import { RedisReportCounter } from './store/redis-report-counter.js';
import { IceConfig } from './turn/turn-credentials.js';

export { ConfigError, DEFAULT_OPTIONS, optionsFromEnv, resolveOptions } from './config.js';
export type { LogLevel, NovuServerOptions, TrustProxySetting } from './config.js';
export type { Match, Matchmaker, MatchmakerOptions, JoinRequest, WaitingCounts } from './matchmaking/types.js';
export type { RoomDirectory, RoomRecord, RoomMember } from './rooms/room-directory.js';
export type { Telemetry, RelayKind } from './telemetry.js';
export { MemoryBanList } from './moderation/ban-list.js';
export type { Ban, BanKey, BanList } from './moderation/ban-list.js';
export type { AdminSnapshot, AdminStats, BanView, ProcessSnapshot, RoomMemberView, RoomView } from './admin/admin-service.js';
export type { ActivitySnapshot, ModerationTelemetry } from './admin/live-stats.js';
export type { AdmissionCheck, AdmissionContext, AdmissionRefusal } from './realtime/connection-guard.js';
export type { CaptchaContext, CaptchaVerifier } from './moderation/bot-defence.js';
export { MemoryReportCounter } from './moderation/report-counter.js';
export type { ReportCounter } from './moderation/report-counter.js';
export type { ReportEvent } from './moderation/report-webhook.js';
export { signReportBody, verifyReportSignature } from './moderation/webhook-signature.js';
export { parseSites } from './sites/site-config.js';
export type { SiteConfig, SiteLimits, SitesConfig } from './sites/site-config.js';
export { turnCredential, turnPassword, turnUsername } from './turn/turn-credentials.js';
export type { TurnCredential } from './turn/turn-credentials.js';

/** Where a started server listens. */
export interface ListenInfo {
  /** `http://host:port` to give clients (127.0.0.1 when bound to every interface). */
  url: string;
  port: number;
  host: string;
  /** `http://host:port/metrics` of the separate metrics server (`METRICS_PORT`), when there is one. */
  metricsUrl?: string;
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
  /** Cluster mode (`REDIS_URL`): this process's id; undefined on a single process. */
  readonly processId: string | undefined;
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
  /** Bans (default: in memory). Banned clients and IPs are refused at connect with `banned`. */
  bans?: BanList;
  /** Where JSON log lines go (default stdout). */
  logDestination?: DestinationStream;
  /** Report counts (default: in memory; in cluster mode, in Redis). */
  reports?: ReportCounter;
  /**
   * Bot defence: check the handshake's `captchaToken` with your captcha provider. Connections
   * without a token, or whose token it rejects, are refused with `captcha_failed`.
   */
  captchaVerifier?: CaptchaVerifier;
}

/** Create a Novu Chat server. Options not given take their defaults (see `docs/configuration.md`). */
export function createNovuServer(input: Partial<NovuServerOptions> = {}, wiring: NovuServerWiring = {}): NovuServer {
  const options = resolveOptions(input);
  const sitesConfig = options.sitesFile !== undefined ? loadSites(options.sitesFile) : undefined;
  const log = createLogger(options.logLevel, wiring.logDestination);
  const adminTokenGenerated = options.adminToken === undefined;
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const hash = new KeyedHash(options.hashSalt);
  const origins = new OriginPolicy(sitesConfig ? siteOrigins(sitesConfig, options.allowedOrigins) : options.allowedOrigins, options.publicOrigin);
  const cluster = options.redisUrl ? new ClusterMode({ ...options, redisUrl: options.redisUrl }, log) : undefined;
  const limits = new EventLimits(options, cluster ? { redis: cluster.redis, keyPrefix: cluster.keyPrefix } : undefined);
  const sites = sitesConfig && new Sites(sitesConfig, (site) => new EventLimits(
    siteOptions(options, site),
    cluster ? { redis: cluster.redis, keyPrefix: `${cluster.keyPrefix}site:${Buffer.byteLength(site.key)}:${site.key}:` } : undefined,
  ), options.publicOrigin);
  const bans = wiring.bans ?? (cluster ? new RedisBanList(cluster.redis, cluster.keyPrefix) : new MemoryBanList());
  const operators = new Operators({ options, log, adminToken, bans });
  const telemetry = new TelemetryFanout([...operators.telemetry, ...(wiring.telemetry ?? [])]);
  const matchmaker = wiring.matchmaker ?? cluster?.matchmaker ?? new MemoryMatchmaker({
    interestTimeoutMs: options.interestTimeoutMs,
    repeatAvoidMs: options.repeatAvoidMs,
  });
  const directory = wiring.directory ?? cluster?.directory ?? new MemoryRoomDirectory();
  const ice = new IceConfig(options);
  const webhook = options.reportWebhookUrl !== undefined ? new ReportWebhook({ url: options.reportWebhookUrl, log, secret: options.reportWebhookSecret, dedupeWindowMs: options.reportWindowMs }) : undefined;
  const admission: AdmissionCheck[] = [
    ...(sites ? [sites.admission()] : []),
    banAdmission(bans),
    termsAdmission((siteKey) => sites?.requiresTerms(siteKey, options.requireTerms) ?? options.requireTerms),
    ...(wiring.captchaVerifier ? [captchaAdmission(wiring.captchaVerifier, log)] : []),
    ...(wiring.admission ?? []),
  ];

  let readiness: 'starting' | 'ready' | 'draining' = 'starting';
  let closing: Promise<void> | undefined;

  // Koa's handler must be on the server before Socket.IO attaches, which routes /socket.io/ past it.
  let handleHttp: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const httpServer = createServer((req, res) => handleHttp(req, res));
  const gateway: RealtimeGateway = new RealtimeGateway(httpServer, {
    options, log, hash, limits, matchmaker, directory, telemetry, origins,
    admission,
    sites,
    moderation: new Moderation({
      bans,
      reports: wiring.reports ?? (cluster ? new RedisReportCounter(cluster.redis, cluster.keyPrefix) : new MemoryReportCounter()),
      matchmaker,
      settings: options,
      log,
      webhook,
      disconnect: (match): Promise<number> => gateway.disconnectClients(match),
      telemetry: [operators.activity, operators.metrics],
    }),
    ...(ice.enabled ? { matchExtras: (member: RoomMember) => ice.forMember(member.clientKey) } : {}),
    clustered: cluster !== undefined,
    ...(cluster ? { node: cluster.processId, adapter: cluster.adapter, onlineCount: () => cluster.online() } : {}),
  });
  const startCluster = () => cluster?.start({
    localOnline: () => gateway.localOnline,
    endRoomsOfDeadNode: (node, rooms) => gateway.endRoomsOfDeadNode(node, rooms),
    refreshSchedule: () => gateway.lobby.refresh(),
    leaseLost: () => void gateway.lobby.requeueAll((id) => gateway.io.sockets.sockets.has(id)),
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
  operators.attach({
    io: gateway.io,
    admin,
    localConnections: () => gateway.localOnline,
    draining: () => readiness === 'draining',
    processId: cluster?.processId,
  });
  const app = createHttpApp({
    origins,
    demoPage: options.demoPage,
    readiness: () => (readiness === 'ready' && cluster && !cluster.healthy ? 'redis-down' : readiness),
    operators: operators.middleware,
  });
  handleHttp = app.callback();

  return {
    options,
    adminToken,
    adminTokenGenerated,
    httpServer,
    log,
    async listen(port = options.port, host = options.host) {
      await startCluster();
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const metricsUrl = await operators.listen(host);
      readiness = 'ready';
      const address = httpServer.address() as AddressInfo;
      const shownHost = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      const urlHost = shownHost.includes(':') ? `[${shownHost}]` : shownHost;
      const info: ListenInfo = { url: `http://${urlHost}:${address.port}`, port: address.port, host: shownHost };
      if (metricsUrl) info.metricsUrl = metricsUrl;
      return info;
    },
    close(graceMs = options.shutdownGraceMs) {
      closing ??= (async () => {
        readiness = 'draining';
        await gateway.shutdown(graceMs);
        webhook?.close();
        await operators.close();
        // Socket.IO first: closing its adapter stops the Redis stream readers; then the cluster's own clients.
        await gateway.close();
        await cluster?.close();
        httpServer.closeAllConnections();
      })();
      return closing;
    },
    stats: liveStats,
    admin,
    processId: cluster?.processId,
  };
}
