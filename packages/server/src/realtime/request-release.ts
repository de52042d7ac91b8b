import { ServerResponse, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

/** The engine.io server's middleware hook. */
interface Engine {
  use(middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void): void;
}

/**
 * Lets go of the HTTP request that opened each connection, and of its headers, once the
 * connection is up.
 *
 * engine.io keeps that request for the connection's whole life: on its socket (`request`) and,
 * for WebSocket upgrades, on the stand-in response it gives middlewares (whose `close` listener
 * lives as long as the TCP socket); Socket.IO keeps its headers in `socket.handshake.headers`.
 * Everything Novu Chat needs from them (origin, forwarded address) is read by the connection
 * guard. Releasing them saves ~1.4 KiB per idle connection, more for browsers that send cookies,
 * and the server holds no visitor's cookies or user agent. Socket.IO supports a released request
 * (its own docs suggest it): later handshakes on the same connection see empty headers.
 */
export class RequestRelease {
  /** Upgrade requests → the stand-in response engine.io made for them. */
  readonly #responses = new WeakMap<IncomingMessage, object>();

  constructor(engine: Engine) {
    engine.use((req, res, next) => {
      if (!(res instanceof ServerResponse)) this.#responses.set(req, res);
      next();
    });
  }

  /** Release what a Socket.IO connection keeps of the request that opened it. */
  release(socket: { conn: { request: IncomingMessage }; handshake: { headers: IncomingHttpHeaders } }): void {
    socket.handshake.headers = {};
    const connection = socket.conn as { request: IncomingMessage | null };
    const request = connection.request;
    if (!request) return;
    const response = this.#responses.get(request) as { req?: unknown } | undefined;
    if (response && 'req' in response) response.req = null;
    connection.request = null;
  }
}
