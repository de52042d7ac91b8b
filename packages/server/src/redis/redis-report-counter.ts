/**
 * The report counter in Redis (cluster mode): every process counts the same reports.
 *
 * Key layout (prefix default `novu:`): `<p>reports:<subjectKey>` is a sorted set of reporter
 * keys scored by the time of their latest report (epoch ms); it expires one window after the
 * latest report. Each `add` is one MULTI: drop reports older than the window, add, count.
 * @module
 */
import type { Redis } from 'ioredis';
import type { ReportCounter } from '../moderation/report-counter.js';

/** A {@link ReportCounter} shared through Redis. */
export class RedisReportCounter implements ReportCounter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(redis: Redis, keyPrefix: string, now: () => number = Date.now) {
    this.#redis = redis;
    this.#prefix = keyPrefix;
    this.#now = now;
  }

  async add(subjectKey: string, reporterKey: string, windowMs: number): Promise<number> {
    const key = `${this.#prefix}reports:${subjectKey}`;
    const now = this.#now();
    const results = await this.#redis
      .multi()
      .zremrangebyscore(key, '-inf', now - windowMs)
      .zadd(key, now, reporterKey)
      .zcard(key)
      .pexpire(key, windowMs)
      .exec();
    const count = results?.[2];
    if (!count || count[0]) throw count?.[0] ?? new Error('report count failed');
    return Number(count[1]);
  }

  async clear(subjectKey: string): Promise<void> {
    await this.#redis.del(`${this.#prefix}reports:${subjectKey}`);
  }
}
