/**
 * The verdict on one frame: the model's scores judged by the site's rules. Pure (tested in Node).
 * @module
 */
import { CLASS_NAMES, type ClassScores, type ScreenedCategory, type ScreeningRules } from './rules.js';

/** The verdict on one classified frame. */
export type FrameVerdict =
  | {
      /** No screened category reached its threshold. */
      readonly verdict: 'safe';
      /** The model's scores, for the caller's own use (they never leave the device). */
      readonly scores: ClassScores;
    }
  | {
      /** A screened category reached its threshold. */
      readonly verdict: 'flagged';
      /** The screened category that flagged the frame (the highest score among those over threshold). */
      readonly category: ScreenedCategory;
      /** Its score, in [0, 1]. */
      readonly score: number;
      /** The model's scores, for the caller's own use (they never leave the device). */
      readonly scores: ClassScores;
    };

/**
 * Checks that `value` is a full set of scores from the model (every class, each a probability);
 * throws otherwise, so a broken model or message never reads as "safe".
 */
export function checkScores(value: unknown): ClassScores {
  if (value === null || typeof value !== 'object') throw new TypeError('scores must be an object');
  const record = value as Record<string, unknown>;
  for (const name of CLASS_NAMES) {
    const score = record[name];
    if (typeof score !== 'number' || !(score >= 0 && score <= 1)) {
      throw new RangeError(`score of ${name} must be a number in [0, 1], got ${String(score)}`);
    }
  }
  return value as ClassScores;
}

/** Judges one frame's scores: flagged when any screened category is at or over its threshold. */
export function judgeFrame(scores: ClassScores, rules: ScreeningRules): FrameVerdict {
  let worst: { category: ScreenedCategory; score: number } | undefined;
  for (const [category, threshold] of rules.thresholds) {
    const score = scores[category];
    if (score >= threshold && (worst === undefined || score > worst.score)) worst = { category, score };
  }
  return worst ? { verdict: 'flagged', ...worst, scores } : { verdict: 'safe', scores };
}
