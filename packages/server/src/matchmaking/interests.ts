/**
 * Interest tags: validation, normalisation and comparison.
 */
import { Limits } from '@novu-chat/protocol';

/** The outcome of {@link normalizeInterests}. */
export type NormalizedInterests = { ok: true; interests: string[] } | { ok: false; message: string };

/** Counts Unicode code points, stopping early once `max` is exceeded. */
function exceedsCodePoints(text: string, max: number): boolean {
  if (text.length <= max) return false; // each code point is 1 or 2 UTF-16 units
  let count = 0;
  for (const _ of text) {
    count += 1;
    if (count > max) return true;
  }
  return false;
}

/**
 * Validate and normalise the `interests` of a `queue:join`.
 *
 * Each interest is trimmed and lower-cased; duplicates are dropped (first occurrence
 * kept, order preserved). The input is refused when it is not an array, when an item
 * is not a string, is empty after trimming or is longer than
 * `Limits.maxInterestLength` code points after trimming, or when more than
 * `Limits.maxInterests` distinct interests remain. An absent field is the caller's
 * business: pass `[]` for it.
 *
 * @param input - The untrusted value from the payload.
 * @returns The normalised list, or a message saying what is wrong.
 */
export function normalizeInterests(input: unknown): NormalizedInterests {
  if (!Array.isArray(input)) return { ok: false, message: 'interests must be an array of strings' };
  const seen = new Set<string>();
  for (let i = 0; i < input.length; i += 1) {
    const item: unknown = input[i];
    if (typeof item !== 'string') return { ok: false, message: `interests[${i}] must be a string` };
    const trimmed = item.trim();
    if (trimmed.length === 0) return { ok: false, message: `interests[${i}] is empty` };
    // A lone surrogate is not text; in Redis key names two different ones would collide.
    if (!isWellFormed(trimmed)) return { ok: false, message: `interests[${i}] is not well-formed text` };
    if (exceedsCodePoints(trimmed, Limits.maxInterestLength)) {
      return {
        ok: false,
        message: `interests[${i}] is longer than ${Limits.maxInterestLength} characters`,
      };
    }
    seen.add(trimmed.toLowerCase());
    if (seen.size > Limits.maxInterests) {
      return { ok: false, message: `at most ${Limits.maxInterests} different interests are allowed` };
    }
  }
  return { ok: true, interests: [...seen] };
}

/**
 * The interests two lists share, sorted (by UTF-16 code units, like `Array.prototype.sort`).
 * Both lists are expected to be free of duplicates.
 */
export function sharedInterests(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const shared = small.filter((interest) => large.includes(interest));
  return shared.sort();
}

/** Whether a string holds no lone surrogate (String.prototype.isWellFormed, Node 20+). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}
