/**
 * The statistics every benchmark reports, written once: percentiles and medians of sorted samples,
 * and the merge of several processes' samples into one sorted set.
 */

/** The value at percentile `p` (0–100) of sorted samples: the nearest rank below, NaN if there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** The median of sorted samples (the mean of the two middle ones for an even count), NaN if there are none. */
export function median(sorted: ArrayLike<number>): number {
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Several sets of samples (e.g. one per load generator) as one sorted set. */
export function mergeSorted(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all.sort();
}
