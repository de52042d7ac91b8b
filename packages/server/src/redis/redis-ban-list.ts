/**
 * The ban list in Redis (cluster mode): a ban made on one process (by an operator or by
 * reports) is enforced by every process.
 *
 * Key layout (prefix default `novu:`):
 * - `<p>ban:<banKey>`: the ban as JSON (`{ id, key, createdAt, until, note? }`), expiring at `until`;
 * - `<p>ban-id:<id>`: the ban key of ban `id`, expiring at `until` (lifting by id);
 * - `<p>bans`: sorted set of ban keys scored by `until` (listing; lapsed members are pruned on read).
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MAX_BAN_MS, type Ban, type BanKey, type BanList } from '../moderation/ban-list.js';

/** A {@link BanList} shared through Redis. */
export class RedisBanList implements BanList {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(redis: Redis, keyPrefix: string, now: () => number = Date.now) {
    this.#redis = redis;
    this.#prefix = keyPrefix;
    this.#now = now;
  }

  async ban(key: BanKey, ms: number, note?: string): Promise<Ban> {
    if (!Number.isFinite(ms) || ms <= 0) throw new RangeError('ban duration must be positive');
    const now = this.#now();
    const ban: Ban = { id: randomUUID(), key, createdAt: now, until: now + Math.min(ms, MAX_BAN_MS) };
    if (note) ban.note = note;
    const previous = await this.#read(key);
    const tx = this.#redis.multi();
    if (previous) tx.del(this.#idKey(previous.id));
    tx.set(this.#banKey(key), JSON.stringify(ban), 'PXAT', ban.until)
      .set(this.#idKey(ban.id), key, 'PXAT', ban.until)
      .zadd(`${this.#prefix}bans`, ban.until, key);
    await tx.exec();
    return { ...ban };
  }

  async lift(id: string): Promise<boolean> {
    const key = await this.#redis.get(this.#idKey(id));
    if (!key) return false;
    const ban = await this.#read(key as BanKey);
    const tx = this.#redis.multi().del(this.#idKey(id));
    if (ban?.id === id) tx.del(this.#banKey(key as BanKey)).zrem(`${this.#prefix}bans`, key);
    await tx.exec();
    return ban?.id === id && ban.until > this.#now();
  }

  async isBanned(key: BanKey): Promise<{ until: number } | null> {
    const ban = await this.#read(key);
    return ban && ban.until > this.#now() ? { until: ban.until } : null;
  }

  async list(): Promise<Ban[]> {
    const now = this.#now();
    const index = `${this.#prefix}bans`;
    await this.#redis.zremrangebyscore(index, '-inf', now);
    const keys = await this.#redis.zrange(index, 0, -1);
    if (keys.length === 0) return [];
    const values = await this.#redis.mget(keys.map((key) => this.#banKey(key as BanKey)));
    const bans: Ban[] = [];
    for (const value of values) {
      const ban = value ? parseBan(value) : undefined;
      if (ban && ban.until > now) bans.push(ban);
    }
    return bans.sort((a, b) => a.until - b.until);
  }

  async #read(key: BanKey): Promise<Ban | undefined> {
    const value = await this.#redis.get(this.#banKey(key));
    return value ? parseBan(value) : undefined;
  }

  #banKey(key: BanKey): string {
    return `${this.#prefix}ban:${key}`;
  }

  #idKey(id: string): string {
    return `${this.#prefix}ban-id:${id}`;
  }
}

function parseBan(value: string): Ban | undefined {
  try {
    const ban = JSON.parse(value) as Partial<Ban>;
    if (typeof ban.id !== 'string' || typeof ban.key !== 'string' || typeof ban.until !== 'number' || typeof ban.createdAt !== 'number') return undefined;
    return ban as Ban;
  } catch {
    return undefined;
  }
}
