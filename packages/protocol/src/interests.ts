/**
 * Interest tags: the one set of rules for what an interest is, used by the server to
 * validate a `queue:join` and by clients to clean what a user typed before sending it.
 *
 * The canonical form of an interest is its text trimmed, with every run of whitespace
 * inside it collapsed to one space, lower-cased. Two interests are the same when their
 * canonical forms are equal. Lengths count Unicode code points.
 */
import { Limits } from './limits.js';

/** The outcome of {@link normalizeInterests}. */
export type NormalizedInterests = { ok: true; interests: string[] } | { ok: false; message: string };

const WHITESPACE_RUN = /\s+/g;
/** A lone surrogate: not text, and in key names two different ones would collide. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The canonical form of one interest: trimmed, inner whitespace collapsed to one space,
 * lower-cased. May be empty or too long; {@link normalizeInterests} and
 * {@link parseInterests} decide what to do then.
 */
export function canonicalInterest(text: string): string {
  return text.trim().replace(WHITESPACE_RUN, ' ').toLowerCase();
}

/** Whether `text` has more than `max` Unicode code points (stops counting early). */
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
 * Validate and normalise the `interests` of a `queue:join` (the server's strict rule).
 *
 * Each interest is put in its canonical form ({@link canonicalInterest}); duplicates are
 * dropped (first occurrence kept, order preserved). The input is refused when it is not an
 * array, when an item is not a string, is empty, is not well-formed text or is longer than
 * `Limits.maxInterestLength` code points, or when more than `Limits.maxInterests` distinct
 * interests remain. An absent field is the caller's business: pass `[]` for it.
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
    const interest = canonicalInterest(item);
    if (interest.length === 0) return { ok: false, message: `interests[${i}] is empty` };
    if (LONE_SURROGATE.test(interest)) return { ok: false, message: `interests[${i}] is not well-formed text` };
    if (exceedsCodePoints(interest, Limits.maxInterestLength)) {
      return { ok: false, message: `interests[${i}] is longer than ${Limits.maxInterestLength} characters` };
    }
    seen.add(interest);
    if (seen.size > Limits.maxInterests) {
      return { ok: false, message: `at most ${Limits.maxInterests} different interests are allowed` };
    }
  }
  return { ok: true, interests: [...seen] };
}

/**
 * Clean interests a user typed (a client's lenient rule): the result always passes
 * {@link normalizeInterests}.
 *
 * Accepts an array or the attribute form (`"music, games"`, `"a,b"`); anything else is
 * no interests. Each entry is put in its canonical form and cut to
 * `Limits.maxInterestLength` code points; empty or ill-formed entries and duplicates are
 * dropped, and at most `Limits.maxInterests` are kept.
 */
export function parseInterests(value: unknown): string[] {
  const raw: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const out: string[] = [];
  for (const entry of raw) {
    if (typeof entry !== 'string') continue;
    let interest = canonicalInterest(entry);
    if (exceedsCodePoints(interest, Limits.maxInterestLength)) {
      interest = Array.from(interest).slice(0, Limits.maxInterestLength).join('').trimEnd();
    }
    if (!interest || LONE_SURROGATE.test(interest) || out.includes(interest)) continue;
    out.push(interest);
    if (out.length === Limits.maxInterests) break;
  }
  return out;
}

/**
 * The interests two lists share, sorted (by UTF-16 code units, like `Array.prototype.sort`).
 * Both lists are expected to be canonical and free of duplicates.
 */
export function sharedInterests(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  return small.filter((interest) => large.includes(interest)).sort();
}
