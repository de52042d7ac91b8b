import type { IncomingMessage } from 'node:http';
import type { KeyedHash } from '../keyed-hash.js';
import { clientIp } from '../http/client-ip.js';
import { networkKey } from '../http/network-key.js';
import { TrustedProxies, type TrustProxySetting } from '../http/trusted-proxies.js';

/** engine.io's `allowRequest` hook: `callback(errorCode, allowed)`. */
type AllowRequest = (req: IncomingMessage, callback: (error: string | null | undefined, allowed: boolean) => void) => void;

/** What engine.io shows of a transport connection. */
interface EngineSocket {
  request: IncomingMessage | null;
  once(event: 'close', listener: () => void): unknown;
}

/** The engine.io server's events this admission listens to. */
interface Engine {
  on(event: 'connection', listener: (socket: EngineSocket) => void): unknown;
  on(event: 'connection_error', listener: (error: { req?: IncomingMessage }) => void): unknown;
}

/** How long a handshake that passed `allowRequest` may take to become a connection before its slot is freed. */
const HANDSHAKE_SLOT_MS = 10_000;

/**
 * The per-IP cap on concurrent transport connections, applied at the engine.io layer: before
 * Socket.IO's CONNECT step, so a client that opens WebSockets and never sends CONNECT cannot
 * hold thousands of them (Socket.IO's own limits only start at CONNECT, and `connectTimeout`
 * closes the idle ones after a few seconds).
 *
 * A handshake takes a slot in `allowRequest` (so concurrent handshakes cannot overshoot the
 * cap), the slot becomes the connection's when engine.io opens it and is freed when that
 * connection closes, when the handshake fails, or after {@link HANDSHAKE_SLOT_MS} at most.
 * Addresses are kept as keyed hashes only.
 */
export class EngineAdmission {
  readonly #perIp = new Map<string, number>();
  /** Handshakes that took a slot and are not yet connections. */
  readonly #pending = new WeakMap<IncomingMessage, { ipKey: string; timer: NodeJS.Timeout }>();
  readonly #deps: { hash: KeyedHash; maxPerIp: number; onRefused?: () => void };
  readonly #proxies: TrustedProxies;

  constructor(deps: { hash: KeyedHash; trustProxy: TrustProxySetting; maxPerIp: number; onRefused?: () => void }) {
    this.#deps = deps;
    this.#proxies = new TrustedProxies(deps.trustProxy);
  }

  /** The `allowRequest` option of the Socket.IO server. */
  readonly allowRequest: AllowRequest = (req, callback) => {
    // The same key as the connection guard's: TRUST_PROXY applied, IPv6 per /64.
    const ip = clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], this.#proxies);
    const ipKey = this.#deps.hash.of(`ip:${networkKey(ip)}`);
    if ((this.#perIp.get(ipKey) ?? 0) >= this.#deps.maxPerIp) {
      this.#deps.onRefused?.();
      callback('Too many connections from this address', false);
      return;
    }
    this.#take(ipKey);
    const timer = setTimeout(() => this.#settle(req, false), HANDSHAKE_SLOT_MS);
    timer.unref();
    this.#pending.set(req, { ipKey, timer });
    callback(null, true);
  };

  /** Follow the engine's connections: a slot is held while its connection is open. */
  attach(engine: Engine): void {
    engine.on('connection', (socket) => {
      const ipKey = socket.request ? this.#settle(socket.request, true) : undefined;
      if (ipKey !== undefined) socket.once('close', () => this.#release(ipKey));
    });
    engine.on('connection_error', (error) => {
      if (error.req) this.#settle(error.req, false);
    });
  }

  /** Concurrent connections (and handshakes) of one hashed address; for tests and metrics. */
  connectionsOf(ipKey: string): number {
    return this.#perIp.get(ipKey) ?? 0;
  }

  /** End a pending handshake: kept (it became a connection) or freed. Returns the key when kept. */
  #settle(req: IncomingMessage, connected: boolean): string | undefined {
    const pending = this.#pending.get(req);
    if (!pending) return undefined;
    this.#pending.delete(req);
    clearTimeout(pending.timer);
    if (connected) return pending.ipKey;
    this.#release(pending.ipKey);
    return undefined;
  }

  #take(ipKey: string): void {
    this.#perIp.set(ipKey, (this.#perIp.get(ipKey) ?? 0) + 1);
  }

  #release(ipKey: string): void {
    const count = (this.#perIp.get(ipKey) ?? 0) - 1;
    if (count > 0) this.#perIp.set(ipKey, count);
    else this.#perIp.delete(ipKey);
  }
}
