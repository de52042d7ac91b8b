/**
 * `createNovuServer`: the whole server assembled from named builders, each returning what the
 * next needs: foundation (settings, logs, cluster mode, limits) → stores → sockets → operators
 * and telemetry → moderation → realtime (lobby, handlers, gateway) → HTTP.
 * @module
 */
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { AdminControl, LiveStats } from './admin/admin-control.js';
import type { NovuServerOptions } from './config.js';
import { Operators } from './operators/operators.js';
import { TelemetryFanout } from './telemetry.js';
import { buildFoundation } from './wiring/foundation.js';
import { buildHttpApp, buildHttpServer, type Readiness } from './wiring/http.js';
import { buildModeration } from './wiring/moderation.js';
import { attachOperators, buildAdminControl } from './wiring/operators.js';
import { buildRealtime, buildSockets } from './wiring/realtime.js';
import type { NovuServerWiring } from './wiring/server-wiring.js';
import { buildStores } from './wiring/stores.js';

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
  /** Cluster mode: this process's id; undefined on a single process. */
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

/** Create a Novu Chat server. Options not given take their defaults (see `docs/configuration.md`). */
export function createNovuServer(input: Partial<NovuServerOptions> = {}, wiring: NovuServerWiring = {}): NovuServer {
  const base = buildFoundation(input, wiring);
  const { options, log, cluster } = base;
  const stores = buildStores(base, wiring);
  const { httpServer, serve } = buildHttpServer();
  const sockets = buildSockets(httpServer, base);
  const operators = new Operators({ options, log, adminToken: base.adminToken, bans: stores.bans });
  const telemetry = new TelemetryFanout([...operators.telemetry, ...(wiring.telemetry ?? [])]);
  const moderation = buildModeration(base, stores, sockets.connections, [operators.activity, operators.metrics], wiring);
  const realtime = buildRealtime(base, stores, sockets, telemetry, moderation);
  const admin = buildAdminControl(stores, sockets, realtime);

  let readiness: Readiness = 'starting';
  let closing: Promise<void> | undefined;
  attachOperators(operators, admin, sockets, base, () => readiness === 'draining');
  serve(buildHttpApp(base, operators, () => readiness));

  const { gateway, lobby } = realtime;
  const startCluster = () => cluster?.start({
    localOnline: () => sockets.connections.local,
    endRoomsOfDeadNode: (node, rooms) => gateway.endRoomsOfDeadNode(node, rooms),
    refreshSchedule: () => lobby.refresh(),
    leaseLost: () => void lobby.requeueAll((id) => sockets.connections.isLocal(id)),
  });

  return {
    options,
    adminToken: base.adminToken,
    adminTokenGenerated: base.adminTokenGenerated,
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
        moderation.webhook?.close();
        await operators.close();
        // Socket.IO first: closing its adapter stops the Redis stream readers; then the cluster's own clients.
        await gateway.close();
        await cluster?.close();
        httpServer.closeAllConnections();
      })();
      return closing;
    },
    stats: () => admin.stats(),
    admin,
    processId: cluster?.processId,
  };
}
