import { ServerResponse, type IncomingMessage } from 'node:http';

/** The engine.io server's middleware hook. */
interface Engine {
  use(middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void): void;
}

/**
 * Lets go of the HTTP request that opened each connection once the connection is up.
 *
 * engine.io keeps that request for the connection's whole life: on its socket (`request`) and,
 * for WebSocket upgrades, on the stand-in response it gives middlewares (whose `close` listener
 * lives as long as the TCP socket). Everything Novu Chat needs from it is read at the handshake
 * (`socket.handshake` keeps the headers); the rest (the request's streams, raw headers, parsed
 * URL) is ~1.4 KiB per idle connection. Socket.IO supports a released request (its own docs
 * suggest it): later handshakes on the same connection see empty headers.
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

  /** Release the request of an engine.io connection (`socket.conn`). */
  release(connection: { request: IncomingMessage }): void {
    const request = connection.request as IncomingMessage | null;
    if (!request) return;
    const response = this.#responses.get(request) as { req?: unknown } | undefined;
    if (response && 'req' in response) response.req = null;
    (connection as { request: IncomingMessage | null }).request = null;
  }
}
