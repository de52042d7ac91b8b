import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import Router from '@koa/router';
import cors from '@koa/cors';
import type { OriginPolicy } from '../realtime/origin-policy.js';
import { bearerMatches } from './admin-auth.js';

/** What the HTTP side reads from the rest of the server. */
export interface HttpDeps {
  origins: OriginPolicy;
  adminToken: string;
  demoPage: boolean;
  /** The server's readiness: `starting`, `ready` or `draining`. */
  readiness: () => 'starting' | 'ready' | 'draining';
  /** Live numbers for `/api/admin/stats`. */
  adminStats: () => Promise<object>;
}

const PUBLIC_DIR = new URL('../../public/', import.meta.url);
const DEMO_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/demo.js': { file: 'demo.js', type: 'text/javascript; charset=utf-8' },
  '/demo.css': { file: 'demo.css', type: 'text/css; charset=utf-8' },
};

/** The Koa app: health, readiness, the demo page and the admin API. */
export function createHttpApp(deps: HttpDeps): Koa {
  const app = new Koa();
  const router = new Router();

  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    await next();
  });
  app.use(cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return deps.origins.allows(origin, ctx.get('Host')) ? origin : '';
    },
    allowHeaders: ['Authorization', 'Content-Type'],
    allowMethods: ['GET', 'POST', 'DELETE'],
  }));

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', (ctx) => {
    const state = deps.readiness();
    ctx.status = state === 'ready' ? 200 : 503;
    ctx.body = { status: state };
  });

  router.use('/api/admin', async (ctx, next) => {
    if (!bearerMatches(ctx.get('Authorization'), deps.adminToken)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer');
      ctx.body = { error: { code: 'unauthorized', message: 'A valid admin bearer token is required.' } };
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    await next();
  });
  router.get('/api/admin/stats', async (ctx) => {
    ctx.body = await deps.adminStats();
  });

  router.get('/favicon.ico', (ctx) => {
    ctx.status = 204;
  });

  if (deps.demoPage) {
    const cache = new Map<string, Buffer>();
    for (const [route, { file, type }] of Object.entries(DEMO_FILES)) {
      router.get(route, (ctx) => {
        let body = cache.get(file);
        if (!body) {
          body = readFileSync(fileURLToPath(new URL(file, PUBLIC_DIR)));
          cache.set(file, body);
        }
        ctx.type = type;
        ctx.set('Content-Security-Policy', "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; media-src 'self' blob:; style-src 'self'");
        ctx.body = body;
      });
    }
  }

  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
