import type { NovuError } from './errors.js';

/** Socket.IO's own backoff, used while it reconnects by itself after the transport dropped. */
export interface TransportBackoff {
  /** The delay before the first attempt, doubled for each further one (ms). */
  readonly initialDelayMs: number;
  /** The longest delay between two attempts (ms). */
  readonly maxDelayMs: number;
  /** Randomisation of each delay, 0 to 1 (0.5: ±50 %), so clients dropped together do not come back together. */
  readonly jitter: number;
}

/**
 * When the client tries again, and how often: the SDK's retry rules, stated once. Pass your own in
 * {@link NovuClientOptions.reconnectPolicy}, or extend {@link DefaultReconnectPolicy}.
 *
 * The link is retried in two ways. A dropped transport (network loss) is reconnected by Socket.IO
 * itself with {@link ReconnectPolicy.transportBackoff}. When the server closed the link on purpose
 * (shutdown) or refused a reconnection with a transient code (`rate_limited`,
 * `server_shutting_down`), the SDK reconnects after {@link ReconnectPolicy.reconnectDelayMs}. Either
 * way, after {@link ReconnectPolicy.maxAttempts} failed attempts the client fails with
 * `connection_failed`.
 *
 * A `queue:join` (after `next()`, a partner leaving with `autoNext`, or a resumed search) that fails
 * is sent again after {@link ReconnectPolicy.joinRetryDelayMs}, while the client keeps searching.
 * The join of `start()` is the caller's answer instead: `start()` rejects, except that a join whose
 * answer never came (`timeout`: the link may have dropped meanwhile) is asked again at once.
 */
export interface ReconnectPolicy {
  /**
   * Reconnection attempts after the link dropped, before `connection_failed`. At least 1: like
   * Socket.IO's own `reconnectionAttempts`, 0 lets Socket.IO retry a dropped transport forever.
   */
  readonly maxAttempts: number;
  /** Socket.IO's backoff for dropped transports. */
  readonly transportBackoff: TransportBackoff;
  /**
   * How long to wait before the SDK's own reconnection attempt `attempt` (1 for the first after the
   * link went down, counting up until a connection succeeds), in ms.
   * @param retryAfterMs - When the server refused with a wait (`rate_limited`), how long it asked for.
   */
  reconnectDelayMs(attempt: number, retryAfterMs: number | undefined): number;
  /**
   * How long to wait before a `queue:join` that failed with `error` is sent again (ms), or `null`
   * when the error is fatal (the client then moves to `error`). The error is emitted either way.
   */
  joinRetryDelayMs(error: NovuError): number | null;
}

/** Options of a {@link DefaultReconnectPolicy}. */
export interface DefaultReconnectPolicyOptions {
  /** See {@link ReconnectPolicy.maxAttempts}. Default: 10. */
  maxAttempts?: number;
}

/** The delay before a failed join is retried when the server named none (ms). */
const JOIN_RETRY_MS = 2_000;

/**
 * The policy used when none is given: exponential backoff from 500 ms to 5 s with ±50 % jitter,
 * 10 attempts; the server's `retryAfterMs` when it names one; failed joins retried only when
 * `rate_limited` (after `retryAfterMs`) or unanswered (`timeout`, after 2 s).
 */
export class DefaultReconnectPolicy implements ReconnectPolicy {
  readonly maxAttempts: number;
  readonly transportBackoff: TransportBackoff = Object.freeze({ initialDelayMs: 500, maxDelayMs: 5_000, jitter: 0.5 });

  /** @param options - The number of attempts. */
  constructor(options: DefaultReconnectPolicyOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 10;
  }

  /** `retryAfterMs`, else min(5 s, 500 ms · 2^attempt) ± 50 %. */
  reconnectDelayMs(attempt: number, retryAfterMs: number | undefined): number {
    if (retryAfterMs !== undefined) return retryAfterMs;
    const { initialDelayMs, maxDelayMs, jitter } = this.transportBackoff;
    return Math.min(maxDelayMs, initialDelayMs * 2 ** attempt) * (1 - jitter + 2 * jitter * Math.random());
  }

  /** `rate_limited`: its `retryAfterMs` (else 2 s); `timeout`: 2 s; anything else is fatal. */
  joinRetryDelayMs(error: NovuError): number | null {
    return error.code === 'rate_limited' || error.code === 'timeout' ? (error.retryAfterMs ?? JOIN_RETRY_MS) : null;
  }
}
