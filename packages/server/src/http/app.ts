import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Koa, { type Middleware } from 'koa';
import Router from '@koa/router';
import cors from '@koa/cors';
import type { OriginPolicy } from './origin-policy.js';

/** What the HTTP side reads from the rest of the server. */
export interface HttpDeps {
  origins: OriginPolicy;
  demoPage: boolean;
  /** The server's readiness: `starting`, `ready` or `draining`. */
  readiness: () => 'starting' | 'ready' | 'draining' | 'redis-down';
  /** The operators' routes: `/admin`, `/api/admin/*`, `/metrics` (see `operators/operators.ts`). */
  operators?: Middleware;
}

const PUBLIC_DIR = new URL('../../public/', import.meta.url);
const DEMO_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/demo.css': { file: 'demo.css', type: 'text/css; charset=utf-8' },
};

/**
 * The `<novu-chat>` CDN build (`@novu-chat/elements/dist/cdn/`), served at `/novu-chat.js` so a
 * self-hosting operator's sites can embed the element from the server itself. Found through
 * package resolution (installed beside the server), else in the monorepo checkout.
 */
function elementsCdnDir(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve('@novu-chat/elements/package.json');
    return join(dirname(pkg), 'dist', 'cdn');
  } catch {
    return fileURLToPath(new URL('../../../elements/dist/cdn/', import.meta.url));
  }
}
const ELEMENT_FILES: Record<string, { file: string; type: string }> = {
  '/novu-chat.js': { file: 'novu-chat.js', type: 'text/javascript; charset=utf-8' },
  '/novu-chat.js.map': { file: 'novu-chat.js.map', type: 'application/json; charset=utf-8' },
};

/** A lazily loaded file of the CDN build (see packages/elements/rollup.config.mjs). */
const LAZY_ELEMENT_FILE = /^\/novu-chat-[A-Za-z0-9_-]+\.js(?:\.map)?$/;

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
      return deps.origins.allows(origin) ? origin : '';
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


  router.get('/favicon.ico', (ctx) => {
    ctx.status = 204;
  });

  const cdnDir = elementsCdnDir();
  const serveElementFile = (file: string, type: string, cacheControl: string): Middleware => async (ctx) => {
    let body: Buffer;
    try {
      body = await readFile(join(cdnDir, file));
    } catch {
      ctx.status = 404;
      ctx.body = 'The <novu-chat> element is not built: run `npm run build`.';
      return;
    }
    ctx.type = type;
    // A public script, loaded cross-origin as a module by the sites that embed the chat.
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
    ctx.set('Cache-Control', cacheControl);
    ctx.body = body;
  };
  for (const [route, { file, type }] of Object.entries(ELEMENT_FILES)) {
    router.get(route, serveElementFile(file, type, 'public, max-age=300'));
  }
  // The files the core loads on demand (language packs, dialogs): `novu-chat-<name>-<hash>.js` beside it. The
  // name pattern admits no path separator or dot-dot; the content hash in the name makes them immutable.
  router.get(LAZY_ELEMENT_FILE, async (ctx, next) => {
    const file = ctx.path.slice(1);
    const type = file.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8';
    await serveElementFile(file, type, 'public, max-age=31536000, immutable')(ctx, next);
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

  if (deps.operators) app.use(deps.operators);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
