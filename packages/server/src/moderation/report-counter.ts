/**
 * Counts distinct reporters of a user within a sliding window: the number that decides a ban.
 * Subjects and reporters are keyed hashes only. A memory variant serves one process; the Redis
 * variant (`redis/redis-report-counter.ts`) is shared by every process of a cluster.
 * @module
 */

/** Distinct reporters per subject in a sliding window (★ seam: memory or Redis). */
export interface ReportCounter {
  /**
   * Record that `reporterKey` reported `subjectKey` now, and return how many distinct reporters
   * reported that subject within the last `windowMs` (this one included). A reporter reporting
   * the same subject again only refreshes its time.
   */
  add(subjectKey: string, reporterKey: string, windowMs: number): Promise<number>;
  /** Forget every report of a subject (after it was banned, so the ban is not made twice). */
  clear(subjectKey: string): Promise<void>;
}

/** Options of {@link MemoryReportCounter}. */
export interface MemoryReportCounterOptions {
  /** Clock (tests). */
  now?: () => number;
  /** Most subjects kept; when full the least recently reported is dropped. Default 100 000. */
  maxSubjects?: number;
}

/** A {@link ReportCounter} in this process's memory. */
export class MemoryReportCounter implements ReportCounter {
  /** Subject → reporter → time of its latest report. Map order: least recently reported subject first. */
  readonly #reports = new Map<string, Map<string, number>>();
  readonly #now: () => number;
  readonly #max: number;

  constructor(options: MemoryReportCounterOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#max = options.maxSubjects ?? 100_000;
  }

  async add(subjectKey: string, reporterKey: string, windowMs: number): Promise<number> {
    const now = this.#now();
    const reporters = this.#reports.get(subjectKey) ?? new Map<string, number>();
    this.#reports.delete(subjectKey); // re-insert: most recently reported last
    for (const [reporter, at] of reporters) if (at <= now - windowMs) reporters.delete(reporter);
    reporters.set(reporterKey, now);
    this.#reports.set(subjectKey, reporters);
    while (this.#reports.size > this.#max) {
      const oldest = this.#reports.keys().next().value;
      if (oldest === undefined) break;
      this.#reports.delete(oldest);
    }
    return reporters.size;
  }

  async clear(subjectKey: string): Promise<void> {
    this.#reports.delete(subjectKey);
  }
}
