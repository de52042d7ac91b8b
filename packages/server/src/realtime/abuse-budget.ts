import { ErrorCode, type ErrorCodeName } from '@novu-chat/protocol';

/** What to do with one refused event. */
export type RefusalVerdict =
  /** Answer it with its error code. */
  | 'answer'
  /** Drop it without an answer (a `rate_limited` already answered in this window). */
  | 'quiet'
  /** The connection spent its budget: disconnect it. */
  | 'disconnect';

/** One connection's count in the current window. */
interface Tally {
  windowStart: number;
  refused: number;
  /** Per rate-limit class: until when further `rate_limited` refusals go unanswered. */
  quietUntil: Record<string, number>;
}

/** The budget's settings. */
export interface AbuseBudgetOptions {
  /** Refused events (any error code) a connection may send per window before it is disconnected. */
  maxRefused: number;
  /** The window, in milliseconds. */
  windowMs: number;
  now?: () => number;
}

/**
 * What abuse costs the abuser: a per-connection budget of refused events (rate limited, invalid,
 * unknown, out of place). An honest client is refused now and then (a race with its partner
 * leaving); a client refused more than `maxRefused` times in `windowMs` is flooding, and is
 * disconnected instead of being answered event after event. `rate_limited` is answered at most
 * once per retry window of each limit class, so a flood of rate-limited events costs the server
 * nothing but the count.
 *
 * Synchronous and allocation-free per event (one small object per connection that was ever
 * refused, dropped with the connection).
 */
export class AbuseBudget<K extends object> {
  readonly #tallies = new WeakMap<K, Tally>();
  readonly #options: Required<AbuseBudgetOptions>;

  constructor(options: AbuseBudgetOptions) {
    this.#options = { now: Date.now, ...options };
  }

  /**
   * Count one refused event of `connection` and say what to do with it.
   * @param limitClass - The rate-limit class of the event (for `rate_limited`: answered once per window of each class).
   */
  refused(connection: K, code: ErrorCodeName, limitClass: string, retryAfterMs = 0): RefusalVerdict {
    const now = this.#options.now();
    let tally = this.#tallies.get(connection);
    if (!tally || now - tally.windowStart >= this.#options.windowMs) {
      tally = { windowStart: now, refused: 0, quietUntil: tally?.quietUntil ?? {} };
      this.#tallies.set(connection, tally);
    }
    tally.refused += 1;
    if (tally.refused > this.#options.maxRefused) return 'disconnect';
    if (code !== ErrorCode.RateLimited) return 'answer';
    if (now < (tally.quietUntil[limitClass] ?? 0)) return 'quiet';
    tally.quietUntil[limitClass] = now + Math.max(retryAfterMs, 1);
    return 'answer';
  }
}
