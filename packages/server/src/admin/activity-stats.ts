import type { ErrorCodeName, Mode, PartnerLeftReason } from '@novu-chat/protocol';
import type { ModerationTelemetry, Telemetry } from '../telemetry.js';

/** Counts over the last minute. */
export interface PerMinute {
  connections: number;
  joins: number;
  matches: number;
  messages: number;
  signals: number;
  rateLimited: number;
  reports: number;
}

/** What one process saw: rolling rates, wait times and top interests. */
export interface ActivitySnapshot {
  /** Counts over the last 60 s. */
  perMinute: PerMinute;
  /** Counts since this process started. */
  totals: PerMinute & { refused: number; roomsClosed: number; bans: number; banLifts: number };
  /** Join→match waits over the last `windowMs` (at most the newest `maxWaitSamples`). */
  wait: { samples: number; avgMs: number | null; p95Ms: number | null; windowMs: number };
  /** Most asked-for interests over the last 5–10 minutes, most frequent first. */
  topInterests: { interest: string; count: number }[];
}

/** Options of {@link ActivityStats}. */
export interface ActivityStatsOptions {
  /** Clock (tests). */
  now?: () => number;
  /** Window of the wait average and p95 (default 5 minutes). */
  waitWindowMs?: number;
  /** Most wait samples kept (default 2048). */
  maxWaitSamples?: number;
  /** Most distinct interests counted per generation (default 500). */
  maxInterests?: number;
  /** Length of one interest-count generation (default 5 minutes; two are kept). */
  interestGenerationMs?: number;
  /** How many top interests a snapshot lists (default 10). */
  topInterests?: number;
}

/** Events per second over the last 60 seconds, in 60 one-second buckets. */
class RollingMinute {
  readonly #counts = new Float64Array(60);
  readonly #stamps = new Float64Array(60).fill(-1);

  add(now: number, n = 1): void {
    const second = Math.floor(now / 1000);
    const i = second % 60;
    if (this.#stamps[i] !== second) {
      this.#stamps[i] = second;
      this.#counts[i] = 0;
    }
    this.#counts[i] = (this.#counts[i] ?? 0) + n;
  }

  sum(now: number): number {
    const second = Math.floor(now / 1000);
    let total = 0;
    for (let i = 0; i < 60; i++) {
      const stamp = this.#stamps[i] ?? -1;
      if (stamp > second - 60 && stamp <= second) total += this.#counts[i] ?? 0;
    }
    return total;
  }
}

/**
 * A telemetry sink for the admin dashboard: rolling per-minute counters, join→match waits
 * (average and p95 over a window) and top interests. Memory is bounded whatever the traffic.
 */
export class ActivityStats implements Telemetry, ModerationTelemetry {
  readonly #now: () => number;
  readonly #waitWindowMs: number;
  readonly #maxInterests: number;
  readonly #generationMs: number;
  readonly #topN: number;
  readonly #minute = {
    connections: new RollingMinute(),
    joins: new RollingMinute(),
    matches: new RollingMinute(),
    messages: new RollingMinute(),
    signals: new RollingMinute(),
    rateLimited: new RollingMinute(),
    reports: new RollingMinute(),
  } satisfies Record<keyof PerMinute, RollingMinute>;
  readonly #totals = {
    connections: 0, joins: 0, matches: 0, messages: 0, signals: 0, rateLimited: 0, reports: 0,
    refused: 0, roomsClosed: 0, bans: 0, banLifts: 0,
  };
  /** Ring buffer of wait samples: times and values. */
  readonly #waitAt: Float64Array;
  readonly #waitMs: Float64Array;
  #waitNext = 0;
  #waitCount = 0;
  /** Interest counts: the current generation and the one before. */
  #interests = new Map<string, number>();
  #previousInterests = new Map<string, number>();
  #generationStart: number;

  constructor(options: ActivityStatsOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#waitWindowMs = options.waitWindowMs ?? 5 * 60_000;
    const capacity = options.maxWaitSamples ?? 2048;
    this.#waitAt = new Float64Array(capacity);
    this.#waitMs = new Float64Array(capacity);
    this.#maxInterests = options.maxInterests ?? 500;
    this.#generationMs = options.interestGenerationMs ?? 5 * 60_000;
    this.#topN = options.topInterests ?? 10;
    this.#generationStart = this.#now();
  }

  connectionOpened(): void {
    this.#count('connections');
  }
  connectionClosed(): void {}
  connectionRefused(code: ErrorCodeName): void {
    this.#totals.refused++;
    if (code === 'rate_limited') this.#count('rateLimited');
  }
  queued(_mode: Mode, interests: readonly string[]): void {
    this.#count('joins');
    if (interests.length === 0) return;
    this.#rotateInterests(this.#now());
    for (const interest of interests) {
      const seen = this.#interests.get(interest);
      if (seen !== undefined) this.#interests.set(interest, seen + 1);
      else if (this.#interests.size < this.#maxInterests) this.#interests.set(interest, 1);
    }
  }
  matched(_mode: Mode, waitsMs: readonly number[], _commonInterests: readonly string[] = []): void {
    this.#count('matches');
    const now = this.#now();
    for (const wait of waitsMs) {
      if (!Number.isFinite(wait) || wait < 0) continue;
      this.#waitAt[this.#waitNext] = now;
      this.#waitMs[this.#waitNext] = wait;
      this.#waitNext = (this.#waitNext + 1) % this.#waitAt.length;
      this.#waitCount = Math.min(this.#waitCount + 1, this.#waitAt.length);
    }
  }
  roomClosed(_reason: PartnerLeftReason): void {
    this.#totals.roomsClosed++;
  }
  relayed(): void {
    this.#count('signals');
  }
  messageRelayed(): void {
    this.#count('messages');
  }
  eventRejected(_event: string, code: ErrorCodeName): void {
    if (code === 'rate_limited') this.#count('rateLimited');
  }
  reported(): void {
    this.#count('reports');
  }
  banned(): void {
    this.#totals.bans++;
  }
  banLifted(): void {
    this.#totals.banLifts++;
  }

  /** The numbers now. */
  snapshot(): ActivitySnapshot {
    const now = this.#now();
    const perMinute = Object.fromEntries(
      Object.entries(this.#minute).map(([key, counter]) => [key, counter.sum(now)]),
    ) as unknown as PerMinute;
    return {
      perMinute,
      totals: { ...this.#totals },
      wait: this.#waitSummary(now),
      topInterests: this.#top(now),
    };
  }

  #count(key: keyof PerMinute): void {
    this.#totals[key]++;
    this.#minute[key].add(this.#now());
  }

  #waitSummary(now: number): ActivitySnapshot['wait'] {
    const values: number[] = [];
    for (let i = 0; i < this.#waitCount; i++) {
      if ((this.#waitAt[i] ?? 0) > now - this.#waitWindowMs) values.push(this.#waitMs[i] ?? 0);
    }
    if (values.length === 0) return { samples: 0, avgMs: null, p95Ms: null, windowMs: this.#waitWindowMs };
    values.sort((a, b) => a - b);
    const avg = values.reduce((a, b) => a + b, 0) / values.length;
    const p95 = values[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)] ?? 0;
    return { samples: values.length, avgMs: Math.round(avg), p95Ms: Math.round(p95), windowMs: this.#waitWindowMs };
  }

  #rotateInterests(now: number): void {
    if (now - this.#generationStart < this.#generationMs) return;
    // After two idle generations nothing recent is left.
    this.#previousInterests = now - this.#generationStart < 2 * this.#generationMs ? this.#interests : new Map();
    this.#interests = new Map();
    this.#generationStart = now;
  }

  #top(now: number): ActivitySnapshot['topInterests'] {
    this.#rotateInterests(now);
    const merged = new Map(this.#previousInterests);
    for (const [interest, count] of this.#interests) merged.set(interest, (merged.get(interest) ?? 0) + count);
    return [...merged]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, this.#topN)
      .map(([interest, count]) => ({ interest, count }));
  }
}
