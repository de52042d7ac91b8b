import { MinHeap } from './min-heap.js';

/**
 * A scheduled retry: the entry searches again at `at` (see `Matchmaker.expire` for the rule).
 * Stale (left in the heap, ignored) once `entry.retry` no longer points at it.
 */
export interface Retry<E> {
  readonly at: number;
  readonly entry: E;
}

/** An entry that may have a pending retry. */
export interface RetryHolder<E> {
  /** Join order; smaller waited longer (ties between retries at the same time). */
  readonly seq: number;
  retry: Retry<E> | null;
}

/** Stale retry items tolerated before the heap is compacted (and at most half the heap). */
const STALE_RETRIES = 64;

/**
 * The memory engine's pending retries by time, then join order: a min-heap whose cancelled
 * items go stale and are dropped lazily (from the top) or by compaction.
 */
export class RetrySchedule<E extends RetryHolder<E>> {
  readonly #heap = new MinHeap<Retry<E>>((x, y) => x.at < y.at || (x.at === y.at && x.entry.seq < y.entry.seq));
  #stale = 0;

  /** Schedule the entry's retry at `at` (Infinity: none), replacing any pending one. */
  set(entry: E, at: number): void {
    if (entry.retry !== null) this.drop(entry);
    if (at === Number.POSITIVE_INFINITY) return;
    const retry: Retry<E> = { at, entry };
    entry.retry = retry;
    this.#heap.push(retry);
  }

  /** Cancel the entry's pending retry (its heap item goes stale). */
  drop(entry: E): void {
    entry.retry = null;
    this.#stale += 1;
    if (this.#stale > STALE_RETRIES && 2 * this.#stale > this.#heap.size) {
      // Rebuild without the stale items: amortised O(log n) per cancelled retry.
      const live: Retry<E>[] = [];
      for (let item = this.#heap.pop(); item !== undefined; item = this.#heap.pop()) {
        if (item.entry.retry === item) live.push(item);
      }
      for (const item of live) this.#heap.push(item);
      this.#stale = 0;
    }
  }

  /** The earliest pending retry, dropping stale items from the top. */
  peek(): Retry<E> | undefined {
    for (let top = this.#heap.peek(); top !== undefined; top = this.#heap.peek()) {
      if (top.entry.retry === top) return top;
      this.#heap.pop();
      this.#stale -= 1;
    }
    return undefined;
  }

  /** Take the earliest pending retry (from {@link peek}) off the schedule. */
  take(): void {
    const top = this.peek();
    if (top === undefined) return;
    this.#heap.pop();
    top.entry.retry = null;
  }
}
