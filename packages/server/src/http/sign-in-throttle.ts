/**
 * Throttling of operator sign-in failures (the admin API's bearer token and the `/admin`
 * namespace's `auth.token`), with failures logged in aggregate.
 *
 * A sign-in attempt is a presented credential (a request with no token at all guesses nothing
 * and is not counted). A token of 16+ random characters cannot be guessed, so this is not what keeps the admin
 * safe; it keeps a guesser from costing CPU and flooding the logs. Past `perIp` failures in a
 * window an IP (its network, see `network-key.ts`) is refused outright, right token or not,
 * until the window ends; at the `perConnection`-th failure on one connection (a kept-alive HTTP
 * socket, an engine.io connection) the connection is closed. The first failure of a window is
 * logged at once; the rest are one summary line when the window ends.
 * @module
 */
import type { Logger } from 'pino';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/** Settings of a {@link SignInThrottle}. */
export interface SignInThrottleOptions {
  log: Logger;
  /** Failures per IP network per window before it is refused. Default 10. */
  perIp?: number;
  /** Failures on one connection per window at which it is closed. Default 3. */
  perConnection?: number;
  /** The window (ms). Default 60 000. */
  windowMs?: number;
}

/** Whether a sign-in may be tried now. */
export type SignInGate = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Counts failed operator sign-ins per IP network and per connection (in memory, per process). */
export class SignInThrottle {
  readonly #log: Logger;
  readonly #perIp: RateLimiterMemory;
  readonly #perConnection: RateLimiterMemory;
  readonly #windowMs: number;
  readonly #connectionIds = new WeakMap<object, number>();
  #nextConnectionId = 0;
  /** Failures since the last log line, and from how many networks. */
  #unlogged = 0;
  readonly #networks = new Set<string>();
  #summary: NodeJS.Timeout | undefined;

  constructor(options: SignInThrottleOptions) {
    this.#log = options.log;
    this.#windowMs = options.windowMs ?? 60_000;
    const duration = Math.max(1, Math.ceil(this.#windowMs / 1000));
    this.#perIp = new RateLimiterMemory({ keyPrefix: 'signin-ip', points: options.perIp ?? 10, duration });
    this.#perConnection = new RateLimiterMemory({ keyPrefix: 'signin-conn', points: options.perConnection ?? 3, duration });
  }

  /** Whether `network` may try to sign in now (call before checking the token). */
  async gate(network: string): Promise<SignInGate> {
    const res = await this.#perIp.get(network);
    if (res === null || res.consumedPoints < this.#perIp.points) return { allowed: true };
    return { allowed: false, retryAfterMs: Math.max(1, res.msBeforeNext) };
  }

  /**
   * Count a failed sign-in from `network` on `connection` (any object that lives as long as the
   * connection). Resolves whether the connection is past its budget and should be closed.
   */
  async failed(network: string, connection: object, where: 'api' | 'namespace'): Promise<{ closeConnection: boolean }> {
    this.#record(network, where);
    let id = this.#connectionIds.get(connection);
    if (id === undefined) {
      id = this.#nextConnectionId++;
      this.#connectionIds.set(connection, id);
    }
    const overIp = this.#perIp.consume(network).then(() => false, () => true);
    // The failure that uses up the connection's budget closes it.
    const overConnection = this.#perConnection.consume(String(id)).then((res) => res.remainingPoints <= 0, () => true);
    const [, closeConnection] = await Promise.all([overIp, overConnection]);
    return { closeConnection };
  }

  /** Log the failures not logged yet (on shutdown). */
  flush(): void {
    clearTimeout(this.#summary);
    this.#summary = undefined;
    this.#logSummary();
  }

  #record(network: string, where: 'api' | 'namespace'): void {
    if (this.#summary === undefined) {
      // The first failure of a window is news: say so now, then summarise the rest.
      this.#log.warn({ failures: 1, where }, 'admin: sign-in refused');
      this.#summary = setTimeout(() => {
        this.#summary = undefined;
        this.#logSummary();
      }, this.#windowMs);
      this.#summary.unref();
      return;
    }
    this.#unlogged += 1;
    this.#networks.add(network);
  }

  #logSummary(): void {
    if (this.#unlogged === 0) return;
    this.#log.warn({ failures: this.#unlogged, networks: this.#networks.size, windowMs: this.#windowMs }, 'admin: sign-in refused');
    this.#unlogged = 0;
    this.#networks.clear();
  }
}
