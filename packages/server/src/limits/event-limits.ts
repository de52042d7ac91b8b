import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { NovuServerOptions } from '../config.js';

/** The classes of client events that are rate limited separately. */
export type EventClass = 'join' | 'signal' | 'message' | 'typing';

/** The outcome of a limit check. */
export type LimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Rate limits (rate-limiter-flexible): new connections per IP (keyed hash) per minute,
 * and per-socket budgets for each event class.
 */
export class EventLimits {
  readonly #connections: RateLimiterMemory;
  readonly #events: Record<EventClass, RateLimiterMemory>;

  constructor(options: NovuServerOptions) {
    this.#connections = new RateLimiterMemory({ keyPrefix: 'conn', points: options.rateLimitConnections, duration: 60 });
    const perTenSeconds = (keyPrefix: string, points: number) =>
      new RateLimiterMemory({ keyPrefix, points, duration: 10 });
    this.#events = {
      join: perTenSeconds('join', options.rateLimitJoins),
      signal: perTenSeconds('signal', options.rateLimitSignals),
      message: perTenSeconds('msg', options.rateLimitMessages),
      typing: perTenSeconds('typing', options.rateLimitTyping),
    };
  }

  /** Count a new connection from the (hashed) IP. */
  connection(ipKey: string): Promise<LimitResult> {
    return consume(this.#connections, ipKey);
  }

  /** Count one event of a class from a socket. */
  event(eventClass: EventClass, socketId: string): Promise<LimitResult> {
    return consume(this.#events[eventClass], socketId);
  }

  /** Forget a socket's budgets (on disconnect), so the memory store does not grow. */
  forget(socketId: string): void {
    for (const limiter of Object.values(this.#events)) void limiter.delete(socketId).catch(() => undefined);
  }
}

async function consume(limiter: RateLimiterMemory, key: string): Promise<LimitResult> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
    throw rejection;
  }
}
