import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type Koa from 'koa';
import { createHttpApp } from '../http/app.js';
import type { Operators } from '../operators/operators.js';
import type { Foundation } from './foundation.js';

/** The server's readiness as `/readyz` reports it. */
export type Readiness = 'starting' | 'ready' | 'draining';

/** The Node HTTP server, and how to give it the Koa app once that exists. */
export interface HttpServerParts {
  httpServer: HttpServer;
  /** Serve HTTP requests (other than `/socket.io/`) with this app; until then they get 503. */
  serve(app: Koa): void;
}

/**
 * The Node HTTP server. Koa's handler must be on it before Socket.IO attaches (which routes
 * `/socket.io/` past it), but the app is built after Socket.IO: it answers 503 until then.
 */
export function buildHttpServer(): HttpServerParts {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const httpServer = createServer((req, res) => handle(req, res));
  return {
    httpServer,
    serve(app) {
      handle = app.callback();
    },
  };
}

/** The Koa app: health, readiness (Redis down counts as not ready), the demo page and the operators' routes. */
export function buildHttpApp({ options, origins, cluster }: Foundation, operators: Operators, readiness: () => Readiness): Koa {
  return createHttpApp({
    origins,
    demoPage: options.demoPage,
    readiness: () => {
      const state = readiness();
      return state === 'ready' && cluster && !cluster.healthy ? 'redis-down' : state;
    },
    operators: operators.middleware,
  });
}
