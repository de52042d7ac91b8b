import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { NovuServerOptions } from '../config.js';
import { bearerMatches } from '../http/admin-auth.js';
import { networkKey } from '../http/network-key.js';
import { SignInThrottle } from '../http/sign-in-throttle.js';
import { TrustedProxies } from '../http/trusted-proxies.js';
import type { AdminControl } from '../admin/admin-control.js';
import { PrometheusMetrics } from '../metrics/prometheus.js';
import type { BanList } from '../moderation/ban-list.js';
import type { Telemetry } from '../telemetry.js';
import { createAdminApi, type AdminApiGuard } from '../admin/admin-api.js';
import { AdminNamespace, adminNamespace, askPeers } from '../admin/admin-namespace.js';
import { adminPage } from '../admin/admin-page.js';
import { AdminService } from '../admin/admin-service.js';
import { ActivityStats } from '../admin/activity-stats.js';

/** What {@link Operators} is built from. */
export interface OperatorsDeps {
  options: Pick<NovuServerOptions, 'metricsToken' | 'metricsPort' | 'metricsHost' | 'trustProxy'>;
  log: Logger;
  adminToken: string;
  bans: BanList;
}

/** What the running server gives the operators' side once it exists. */
export interface OperatorsAttachment {
  io: Server;
  admin: AdminControl;
  /** Connections to this process. */
  localConnections: () => number;
  draining: () => boolean;
  /** This process's id in the cluster (a random one when undefined). */
  processId?: string | undefined;
}

/**
 * Everything for operators, in one place: the telemetry sinks (dashboard numbers, Prometheus),
 * the admin service, its JSON API and Socket.IO namespace, the dashboard page, and `/metrics`
 * (with `METRICS_TOKEN`, or on its own `METRICS_PORT`).
 */
export class Operators {
  /** Rolling numbers for the dashboard. */
  readonly activity = new ActivityStats();
  /** Prometheus metrics (private registry). */
  readonly metrics = new PrometheusMetrics();
  /** Koa middleware: `/admin`, `/api/admin/*` and (unless on its own port) `/metrics`. */
  readonly middleware: Middleware;
  readonly #deps: OperatorsDeps;
  /** Failed admin sign-ins, over the API and the namespace alike. */
  readonly #guard: AdminApiGuard;
  #service: AdminService | undefined;
  #namespace: AdminNamespace | undefined;
  #metricsServer: HttpServer | undefined;

  constructor(deps: OperatorsDeps) {
    this.#deps = deps;
    const proxies = new TrustedProxies(deps.options.trustProxy);
    this.#guard = {
      throttle: new SignInThrottle({ log: deps.log }),
      networkOf: (remote, forwardedFor) => networkKey(proxies.clientAddress(remote, forwardedFor)),
    };
    const page = adminPage();
    let api: Middleware | undefined;
    const { metricsToken, metricsPort } = deps.options;
    const metricsHere = metricsPort === undefined && metricsToken !== undefined;
    const inner: Middleware = async (ctx, next) => {
        if (metricsHere && ctx.path === '/metrics' && ctx.method === 'GET') return this.#serveMetrics(ctx.get('Authorization'), (status, type, body, auth) => {
          ctx.status = status;
          ctx.type = type;
          if (auth) ctx.set('WWW-Authenticate', 'Bearer');
          ctx.body = body;
        });
        if (!ctx.path.startsWith('/api/admin')) return next();
        if (!this.#service) {
          ctx.status = 503;
          ctx.body = { error: { code: 'starting', message: 'The server is starting.' } };
          return;
        }
        if (!api) {
          const router = createAdminApi(this.#service, deps.adminToken, this.#guard);
          const routes = router.routes() as Middleware;
          const allowed = router.allowedMethods() as Middleware;
          api = (c, n) => routes(c, () => allowed(c, n));
        }
        return api(ctx, next);
    };
    this.middleware = (ctx, next) => page(ctx, () => inner(ctx, next));
  }

  /** The telemetry sinks to add to the server's fan-out. */
  get telemetry(): Telemetry[] {
    return [this.activity, this.metrics];
  }

  /** The admin service (after {@link attach}). */
  get service(): AdminService | undefined {
    return this.#service;
  }

  /** Connect to the running server: admin service, namespace `/admin`, scrape-time gauges. */
  attach(running: OperatorsAttachment): void {
    const { log, adminToken, bans } = this.#deps;
    const nsp = adminNamespace(running.io);
    this.#service = new AdminService({
      admin: running.admin,
      bans,
      activity: this.activity,
      moderation: [this.activity, this.metrics],
      log,
      localConnections: running.localConnections,
      draining: running.draining,
      peers: () => askPeers(nsp),
      processId: running.processId,
    });
    this.#namespace = new AdminNamespace({ nsp, service: this.#service, adminToken, log, guard: this.#guard });
    this.metrics.attach({ live: () => running.admin.stats(), activeBans: async () => (await bans.list()).length });
  }

  /**
   * Start the metrics server when `METRICS_PORT` is set; resolves its URL. It binds `METRICS_HOST`,
   * else the server's `host` when `METRICS_TOKEN` guards it, else 127.0.0.1: without a token the
   * metrics (load, rooms, bans) must not be readable from the network by default.
   */
  async listen(serverHost: string | undefined): Promise<string | undefined> {
    const { metricsPort, metricsHost, metricsToken } = this.#deps.options;
    if (metricsPort === undefined) return undefined;
    const host = metricsHost ?? (metricsToken !== undefined ? serverHost : '127.0.0.1');
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' || path !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
        return;
      }
      void this.#serveMetrics(req.headers.authorization, (status, type, body, auth) => {
        const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-store' };
        if (auth) headers['WWW-Authenticate'] = 'Bearer';
        res.writeHead(status, headers).end(body);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(metricsPort, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#metricsServer = server;
    const { port } = server.address() as AddressInfo;
    const shown = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/metrics`;
  }

  /** Stop pushing to dashboards and close the metrics server. */
  async close(): Promise<void> {
    this.#namespace?.close();
    this.#guard.throttle.flush();
    const server = this.#metricsServer;
    this.#metricsServer = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  async #serveMetrics(
    authorization: string | undefined,
    send: (status: number, type: string, body: string, askAuth?: boolean) => void,
  ): Promise<void> {
    const { metricsToken } = this.#deps.options;
    if (metricsToken !== undefined && !bearerMatches(authorization, metricsToken)) {
      return send(401, 'text/plain; charset=utf-8', 'A valid metrics bearer token is required.\n', true);
    }
    try {
      send(200, this.metrics.contentType, await this.metrics.metrics());
    } catch (error) {
      this.#deps.log.error({ err: error }, 'metrics: scrape failed');
      send(500, 'text/plain; charset=utf-8', 'Metrics failed.\n');
    }
  }
}
