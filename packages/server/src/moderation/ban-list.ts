import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@novu-chat/protocol';
import type { AdmissionCheck } from '../admission.js';

/**
 * A ban key: `client:<clientKey>` or `ip:<ipKey>`, where the keys are the keyed hashes the
 * connection guard keeps in `socket.data`. A ban list never holds a raw IP or client id.
 */
export type BanKey = `client:${string}` | `ip:${string}`;

/** One ban. */
export interface Ban {
  /** Opaque id (used to lift the ban). */
  id: string;
  /** What is banned. */
  key: BanKey;
  /** When the ban was made (epoch ms). */
  createdAt: number;
  /** When it runs out (epoch ms). */
  until: number;
  /** A short operator note (never shown to the user). */
  note?: string;
}

/**
 * Banned clients and IPs, by keyed hash, each for a limited time. Methods are async so a shared
 * store (Redis, for several processes) can implement them; expired bans count as lifted.
 */
export interface BanList {
  /** Ban `key` for `ms` milliseconds. A second ban of the same key replaces the first. */
  ban(key: BanKey, ms: number, note?: string): Promise<Ban>;
  /** Lift a ban by id; resolves whether it existed. */
  lift(id: string): Promise<boolean>;
  /** The ban on `key`, if any is in force. */
  isBanned(key: BanKey): Promise<{ until: number } | null>;
  /** Every ban in force, soonest to run out first. */
  list(): Promise<Ban[]>;
}

/** The longest ban in force on a connection's client or IP key, if any. */
export async function banOf(bans: BanList, clientKey: string, ipKey: string): Promise<{ until: number } | null> {
  const [client, ip] = await Promise.all([bans.isBanned(`client:${clientKey}`), bans.isBanned(`ip:${ipKey}`)]);
  if (client && ip) return client.until >= ip.until ? client : ip;
  return client ?? ip;
}

/**
 * The admission check that refuses a banned client or IP at connect with `banned` and
 * `retryAfterMs` (the time left on the longest ban).
 */
export function banAdmission(bans: BanList, now: () => number = Date.now): AdmissionCheck {
  return async ({ clientKey, ipKey }) => {
    const ban = await banOf(bans, clientKey, ipKey);
    if (!ban) return undefined;
    return { code: ErrorCode.Banned, message: 'This client is banned from this server.', retryAfterMs: Math.max(1, ban.until - now()) };
  };
}

/** Longest ban the server accepts: one year. */
export const MAX_BAN_MS = 365 * 24 * 60 * 60 * 1000;

/** Options of {@link MemoryBanList}. */
export interface MemoryBanListOptions {
  /** Clock (tests). */
  now?: () => number;
  /** Most bans kept; when full the one running out soonest is dropped. Default 100 000. */
  maxBans?: number;
}

/** A ban list in this process's memory (single-process servers). */
export class MemoryBanList implements BanList {
  readonly #byKey = new Map<BanKey, Ban>();
  readonly #byId = new Map<string, Ban>();
  readonly #now: () => number;
  readonly #max: number;

  constructor(options: MemoryBanListOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#max = options.maxBans ?? 100_000;
  }

  async ban(key: BanKey, ms: number, note?: string): Promise<Ban> {
    if (!Number.isFinite(ms) || ms <= 0) throw new RangeError('ban duration must be positive');
    const now = this.#now();
    this.#prune(now);
    const existing = this.#byKey.get(key);
    if (existing) this.#remove(existing);
    if (this.#byId.size >= this.#max) {
      const soonest = [...this.#byId.values()].reduce((a, b) => (b.until < a.until ? b : a));
      this.#remove(soonest);
    }
    const ban: Ban = { id: randomUUID(), key, createdAt: now, until: now + Math.min(ms, MAX_BAN_MS) };
    if (note) ban.note = note;
    this.#byKey.set(key, ban);
    this.#byId.set(ban.id, ban);
    return { ...ban };
  }

  async lift(id: string): Promise<boolean> {
    const ban = this.#byId.get(id);
    if (!ban) return false;
    this.#remove(ban);
    return ban.until > this.#now();
  }

  async isBanned(key: BanKey): Promise<{ until: number } | null> {
    const ban = this.#byKey.get(key);
    if (!ban) return null;
    if (ban.until <= this.#now()) {
      this.#remove(ban);
      return null;
    }
    return { until: ban.until };
  }

  async list(): Promise<Ban[]> {
    this.#prune(this.#now());
    return [...this.#byId.values()].sort((a, b) => a.until - b.until).map((ban) => ({ ...ban }));
  }

  #prune(now: number): void {
    for (const ban of this.#byId.values()) if (ban.until <= now) this.#remove(ban);
  }

  #remove(ban: Ban): void {
    this.#byId.delete(ban.id);
    if (this.#byKey.get(ban.key) === ban) this.#byKey.delete(ban.key);
  }
}
