import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { NovuServerOptions } from '../config.js';

/** The classes of client events that are rate limited separately. */
export type EventClass = 'join' | 'signal' | 'message' | 'typing';

/** The outcome of a limit check. */
export type LimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Rate limits (rate-limiter-flexible): new connections per IP (keyed hash) per minute,
 * and per-socket budgets for each event class.
 *
 * In cluster mode the per-IP connection budget lives in Redis (shared by every process), with
 * an in-memory insurance limiter that takes over while Redis is unreachable. Per-socket budgets
 * stay in memory: a connection lives on one process, and a Redis round trip on every chat
 * message and ICE candidate would buy nothing.
 */
export class EventLimits {
  readonly #connections: RateLimiterAbstract;
  readonly #events: Record<EventClass, RateLimiterMemory>;

  constructor(options: NovuServerOptions, shared?: { redis: Redis; keyPrefix: string }) {
    const connections = { points: options.rateLimitConnections, duration: 60 };
    this.#connections = shared
      ? new RateLimiterRedis({
          ...connections,
          storeClient: shared.redis,
          keyPrefix: `${shared.keyPrefix}rl:conn`,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({ ...connections, keyPrefix: 'conn' }),
        })
      : new RateLimiterMemory({ ...connections, keyPrefix: 'conn' });
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

  /** Charge an IP's connection budget `points` more (a connection of it was disconnected for abuse). */
  async penalise(ipKey: string, points: number): Promise<void> {
    await this.#connections.penalty(ipKey, points).catch(() => undefined);
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

async function consume(limiter: RateLimiterAbstract, key: string): Promise<LimitResult> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
    throw rejection;
  }
}
