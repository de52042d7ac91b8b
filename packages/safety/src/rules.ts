/**
 * What the screener looks for: the classifier's classes, the ones a site may screen for, and the
 * thresholds that turn a score into a flag. Pure and dependency-free (tested in Node).
 * @module
 */

/** Every class the nsfwjs model scores a frame in (its scores add up to 1). */
export const CLASS_NAMES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;

/** A class of the nsfwjs model. */
export type ClassName = (typeof CLASS_NAMES)[number];

/** The classes a site may screen for (`Drawing` and `Neutral` are never explicit). */
export const SCREENABLE_CATEGORIES = ['Porn', 'Hentai', 'Sexy'] as const;

/** A class the screener can flag. */
export type ScreenedCategory = (typeof SCREENABLE_CATEGORIES)[number];

/** The model's scores for one frame: a probability in [0, 1] for every class. */
export type ClassScores = Readonly<Record<ClassName, number>>;

/**
 * Screened by default: `Sexy` (swimwear, a bare chest) flags many innocent webcam frames, so a
 * site opts in to it.
 */
export const DEFAULT_CATEGORIES: readonly ScreenedCategory[] = ['Porn', 'Hentai'];

/** Default score at or above which a screened category flags a frame. */
export const DEFAULT_THRESHOLD = 0.6;

/**
 * A threshold in (0, 1] for every screened category, or one per category (`{ Porn: 0.5 }`); a
 * category screened but missing from the object gets {@link DEFAULT_THRESHOLD}.
 */
export type ThresholdOption = number | Partial<Record<ScreenedCategory, number>>;

/** What the screener flags, as given by the site (checked at once: bad settings throw). */
export interface ScreeningRulesOptions {
  /** Score at or above which a frame is flagged; default {@link DEFAULT_THRESHOLD}. */
  threshold?: ThresholdOption;
  /** Categories screened for, a non-empty subset of {@link SCREENABLE_CATEGORIES}; default {@link DEFAULT_CATEGORIES}. */
  categories?: readonly ScreenedCategory[];
}

/** Validated rules: the screened categories, each with its threshold. */
export interface ScreeningRules {
  /** Screened categories and their thresholds, in the order given. */
  readonly thresholds: ReadonlyMap<ScreenedCategory, number>;
}

function isScreenable(value: unknown): value is ScreenedCategory {
  return (SCREENABLE_CATEGORIES as readonly unknown[]).includes(value);
}

function checkThreshold(value: unknown, what: string): number {
  // 0 would flag every frame: a misconfiguration, not a setting.
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
    throw new RangeError(`${what} must be a number in (0, 1], got ${String(value)}`);
  }
  return value;
}

/**
 * Checks the site's rules and fills in the defaults; throws a `TypeError` or `RangeError` naming
 * the bad setting (a typo must not silently screen for nothing).
 */
export function normalizeRules(options: ScreeningRulesOptions = {}): ScreeningRules {
  const categories = options.categories ?? DEFAULT_CATEGORIES;
  if (!Array.isArray(categories) || categories.length === 0) {
    throw new TypeError(`categories must be a non-empty array of ${SCREENABLE_CATEGORIES.join(', ')}`);
  }
  const seen = new Set<ScreenedCategory>();
  for (const category of categories as readonly unknown[]) {
    if (!isScreenable(category)) {
      throw new RangeError(`unknown category ${JSON.stringify(category)}: use ${SCREENABLE_CATEGORIES.join(', ')}`);
    }
    if (seen.has(category)) throw new RangeError(`category ${category} is listed twice`);
    seen.add(category);
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const thresholds = new Map<ScreenedCategory, number>();
  if (typeof threshold === 'number') {
    checkThreshold(threshold, 'threshold');
    for (const category of seen) thresholds.set(category, threshold);
  } else if (threshold !== null && typeof threshold === 'object' && !Array.isArray(threshold)) {
    for (const [key, value] of Object.entries(threshold)) {
      if (!isScreenable(key)) throw new RangeError(`threshold for unknown category ${JSON.stringify(key)}`);
      checkThreshold(value, `threshold.${key}`);
      // A threshold for a category not screened would silently do nothing.
      if (!seen.has(key)) throw new RangeError(`threshold.${key} is set but ${key} is not in categories`);
    }
    for (const category of seen) thresholds.set(category, threshold[category] ?? DEFAULT_THRESHOLD);
  } else {
    throw new TypeError('threshold must be a number in (0, 1] or an object of them by category');
  }
  return { thresholds };
}
