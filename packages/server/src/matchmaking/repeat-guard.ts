/**
 * Keeps former partners apart for a while (repeat avoidance, blocks).
 */
import { MinHeap } from './min-heap.js';

/** One recorded pair and when it was due to lapse (a heap entry; stale once the pair is extended). */
interface Expiry {
  readonly until: number;
  readonly key: string;
}

/** One key per unordered pair; the length prefix keeps it unambiguous for any strings. */
function pairKey(a: string, b: string): string {
  return a < b ? `${a.length}:${a}${b}` : `${b.length}:${b}${a}`;
}

/**
 * A symmetric set of client-key pairs that must not be paired before a given time.
 *
 * Lookups are O(1). Memory is bounded by the pairs recorded within the longest
 * duration in use: lapsed pairs are dropped lazily, in order of expiry, whenever a
 * pair is added (amortised O(log n) per `add`), or all at once with `prune`.
 * The guard holds no clock: every call takes the current time.
 */
export class RepeatGuard {
  /** Pair key → time (epoch ms) until which the two are kept apart. */
  readonly #until = new Map<string, number>();
  readonly #expiries = new MinHeap<Expiry>((x, y) => x.until < y.until);

  /** How many pairs are stored (lapsed pairs not yet pruned included). */
  get size(): number {
    return this.#until.size;
  }

  /**
   * Keep `a` and `b` apart until `until` (epoch ms). A pair already kept apart for
   * longer keeps its later time: recording never shortens a block. `a === b` is ignored,
   * and so is a time not after `now`.
   */
  add(a: string, b: string, until: number, now: number): void {
    this.prune(now);
    if (a === b || !(until > now)) return;
    const key = pairKey(a, b);
    const current = this.#until.get(key);
    if (current !== undefined && current >= until) return;
    this.#until.set(key, until);
    this.#expiries.push({ until, key });
  }

  /** Whether `a` and `b` must still be kept apart at `now`. */
  isAvoided(a: string, b: string, now: number): boolean {
    return this.until(a, b, now) !== undefined;
  }

  /**
   * Until when (epoch ms) `a` and `b` are kept apart, when they still are at `now`;
   * undefined when they may meet. At the returned time they may meet again.
   */
  until(a: string, b: string, now: number): number | undefined {
    const until = this.#until.get(pairKey(a, b));
    return until !== undefined && until > now ? until : undefined;
  }

  /** Drop every pair that has lapsed by `now`. Returns how many were dropped. */
  prune(now: number): number {
    let dropped = 0;
    for (let top = this.#expiries.peek(); top !== undefined && top.until <= now; top = this.#expiries.peek()) {
      this.#expiries.pop();
      const current = this.#until.get(top.key);
      // A later `add` may have extended the pair; its own heap entry drops it in time.
      if (current === undefined || current > now) continue;
      this.#until.delete(top.key);
      dropped += 1;
    }
    return dropped;
  }

  /** Forget every pair. */
  clear(): void {
    this.#until.clear();
    this.#expiries.clear();
  }
}
