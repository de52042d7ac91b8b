/**
 * The in-memory matchmaking engine: pure, synchronous, no timers and no I/O.
 */
import { sharedInterests, type Mode } from '@novu-chat/protocol';
import { checkMode, distinct, duration } from './checks.js';
import { LinkedQueue, type QueueNode } from './linked-queue.js';
import { RepeatGuard } from './repeat-guard.js';
import { RetrySchedule, type Retry } from './retry-schedule.js';
import type { JoinRequest, Match, Matchmaker, MatchmakerOptions, WaitingCounts } from './types.js';

/** A waiting user. */
interface Entry {
  readonly request: JoinRequest;
  readonly clientKey: string;
  /** The request's interests without duplicates (a private copy). */
  readonly interests: readonly string[];
  /** Join order; smaller waited longer. */
  readonly seq: number;
  /** When the user joined (epoch ms). */
  readonly joinedAt: number;
  /** When the interest timeout falls due (epoch ms); Infinity without interests. */
  readonly deadline: number;
  readonly bucket: Bucket;
  /** The entry's place in each per-interest list, index for index with `interests`. */
  readonly interestNodes: QueueNode<Entry>[];
  /** The entry's place in the bucket's `plain` or `expired` list, once it is open. */
  openNode: QueueNode<Entry> | null;
  /** The entry's place in the deadline list while its interest timeout is pending. */
  deadlineNode: QueueNode<Entry> | null;
  /** The entry's pending retry (its item in the retry heap), or null. */
  retry: Retry<Entry> | null;
}

/** The waiting users of one mode and pool: only they can be paired with each other. */
interface Bucket {
  readonly mode: Mode;
  readonly pool: string;
  /** Users without interests, in join order. */
  readonly plain: LinkedQueue<Entry>;
  /** Users whose interest timeout passed, in join order (= expiry order). */
  readonly expired: LinkedQueue<Entry>;
  /** Users by interest (expired ones stay here too), in join order. */
  readonly byInterest: Map<string, LinkedQueue<Entry>>;
  /** Waiting users in the bucket. */
  size: number;
}

/**
 * The in-memory {@link Matchmaker}. Every method is synchronous.
 *
 * Waiting users sit in FIFO lists per mode and pool: one of users without interests,
 * one of users whose interest timeout passed, and one per interest. A join looks only
 * at list heads (one per interest of the joiner, or the two open lists), skipping the
 * few entries it must not meet (its own client key, former partners), so its cost does
 * not depend on how many users wait. Leaving unlinks the entry in O(interests).
 *
 * Interest timeouts take effect when `expire()` processes them: the caller keeps a
 * single timer for `nextDeadline()` and calls `expire()` when it fires. Until then a
 * user with interests is matched only on a shared interest.
 *
 * Retries follow the rule stated once on {@link Matchmaker.expire}; here they are kept in a
 * {@link RetrySchedule} (a min-heap, stale items dropped lazily and compacted).
 *
 * Interests are compared exactly as given (normalise them with `normalizeInterests`
 * first); the engine only drops duplicates.
 *
 * The clock is read through the `now` option and never allowed to run backwards
 * (a smaller reading counts as the largest seen), so join order, deadline order and
 * repeat-avoidance stay consistent.
 */
export class MemoryMatchmaker implements Matchmaker {
  readonly #interestTimeoutMs: number;
  readonly #repeatAvoidMs: number;
  readonly #clock: () => number;
  #lastNow = Number.NEGATIVE_INFINITY;
  #seq = 0;

  readonly #byId = new Map<string, Entry>();
  /** Buckets by mode, then pool. */
  readonly #buckets: Record<Mode, Map<string, Bucket>> = { video: new Map(), text: new Map() };
  /** Users with a pending interest timeout, in deadline order (= join order, the timeout being constant). */
  readonly #deadlines = new LinkedQueue<Entry>();
  /** Pending retries by time. */
  readonly #retries = new RetrySchedule<Entry>();
  /**
   * Scratch of the last search: the earliest end of the repeat avoidances it skipped
   * (Infinity when none).
   */
  #skippedUntil = Number.POSITIVE_INFINITY;
  readonly #guard = new RepeatGuard();
  readonly #counts: Record<Mode, number> = { video: 0, text: 0 };

  /** @throws RangeError when a duration is negative or not finite. */
  constructor(options: MatchmakerOptions) {
    this.#interestTimeoutMs = duration('interestTimeoutMs', options.interestTimeoutMs);
    this.#repeatAvoidMs = duration('repeatAvoidMs', options.repeatAvoidMs);
    this.#clock = options.now ?? Date.now;
  }

  /**
   * {@inheritDoc Matchmaker.join}
   * @throws RangeError when the mode is not one of `MODES`.
   */
  join(request: JoinRequest): Match | null {
    checkMode(request.mode);
    const now = this.#now();
    const previous = this.#byId.get(request.id);
    if (previous !== undefined) this.#remove(previous);

    const interests = distinct(request.interests);
    const pool = request.pool ?? '';
    // With a zero timeout a user with interests is open from the start.
    const open = interests.length === 0 || this.#interestTimeoutMs === 0;

    const bucket = this.#buckets[request.mode].get(pool);
    let retryAt = Number.POSITIVE_INFINITY;
    if (bucket !== undefined) {
      const partner = this.#findPartner(bucket, request.clientKey, interests, open, now);
      if (partner !== null) {
        this.#remove(partner);
        return this.#pair(partner, request, interests, now, now);
      }
      retryAt = this.#skippedUntil;
    }
    const entry = this.#enqueue(request, interests, pool, open, now);
    this.#retries.set(entry, retryAt);
    return null;
  }

  /** {@inheritDoc Matchmaker.leave} */
  leave(id: string): boolean {
    const entry = this.#byId.get(id);
    if (entry === undefined) return false;
    this.#remove(entry);
    return true;
  }

  /** {@inheritDoc Matchmaker.isWaiting} */
  isWaiting(id: string): boolean {
    return this.#byId.has(id);
  }

  /**
   * {@inheritDoc Matchmaker.recordPartners}
   * @param forMs - How long to keep them apart; defaults to `repeatAvoidMs`. A longer
   *   earlier record is kept (recording never shortens a block).
   */
  recordPartners(clientKeyA: string, clientKeyB: string, forMs?: number): void {
    const now = this.#now();
    const ms = forMs === undefined ? this.#repeatAvoidMs : duration('forMs', forMs);
    this.#guard.add(clientKeyA, clientKeyB, now + ms, now);
  }

  /** {@inheritDoc Matchmaker.expire} */
  expire(): Match[] {
    const now = this.#now();
    const matches: Match[] = [];
    for (;;) {
      const timeout = this.#deadlines.peek();
      const retry = this.#retries.peek();
      const timeoutDue = timeout !== undefined && timeout.deadline <= now;
      const retryDue = retry !== undefined && retry.at <= now;
      // In time order, then join order; a user's own timeout before its retry.
      const timeoutFirst =
        timeoutDue &&
        (!retryDue ||
          timeout.deadline < retry.at ||
          (timeout.deadline === retry.at && timeout.seq <= retry.entry.seq));
      if (timeoutFirst) {
        this.#processTimeout(timeout, now, matches);
      } else if (retryDue) {
        this.#retries.take();
        this.#processRetry(retry.entry, now, matches);
      } else {
        return matches;
      }
    }
  }

  /** {@inheritDoc Matchmaker.nextDeadline} */
  nextDeadline(): number | null {
    const deadline = this.#deadlines.peek()?.deadline ?? Number.POSITIVE_INFINITY;
    const retry = this.#retries.peek()?.at ?? Number.POSITIVE_INFINITY;
    const next = Math.min(deadline, retry);
    return next === Number.POSITIVE_INFINITY ? null : next;
  }

  /** {@inheritDoc Matchmaker.counts} */
  counts(): WaitingCounts {
    return { total: this.#byId.size, byMode: { ...this.#counts } };
  }

  /** The clock, never running backwards. */
  #now(): number {
    const now = this.#clock();
    if (now > this.#lastNow) this.#lastNow = now;
    return this.#lastNow;
  }

  /** A due interest timeout: the user becomes open and searches once more. */
  #processTimeout(entry: Entry, now: number, matches: Match[]): void {
    if (entry.deadlineNode !== null) this.#deadlines.remove(entry.deadlineNode);
    entry.deadlineNode = null;
    const partner = this.#findPartner(entry.bucket, entry.clientKey, entry.interests, true, now, entry.interestNodes);
    if (partner === null) {
      entry.openNode = entry.bucket.expired.push(entry);
      this.#retries.set(entry, this.#skippedUntil);
      return;
    }
    this.#remove(entry);
    this.#remove(partner);
    matches.push(this.#pair(partner, entry.request, entry.interests, entry.joinedAt, now));
  }

  /**
   * A due retry: the user searches again under the rules in force for it (interest-only
   * while its timeout is pending), keeping its place when it stays queued. In a match the
   * longer-waiting of the two is `waiting`.
   */
  #processRetry(entry: Entry, now: number, matches: Match[]): void {
    const open = entry.deadlineNode === null;
    const partner = this.#findPartner(entry.bucket, entry.clientKey, entry.interests, open, now, entry.interestNodes);
    if (partner === null) {
      this.#retries.set(entry, this.#skippedUntil);
      return;
    }
    this.#remove(entry);
    this.#remove(partner);
    matches.push(
      partner.seq < entry.seq
        ? this.#pair(partner, entry.request, entry.interests, entry.joinedAt, now)
        : this.#pair(entry, partner.request, partner.interests, partner.joinedAt, now),
    );
  }

  /**
   * The longest-waiting user of the bucket the seeker may be paired with: one sharing
   * an interest, or (when the seeker is open) one that is open itself. Sets
   * `#skippedUntil` to the earliest end of the repeat avoidances skipped on the way
   * (meaningful when nobody was found: then every compatible user was skipped).
   */
  #findPartner(
    bucket: Bucket,
    clientKey: string,
    interests: readonly string[],
    open: boolean,
    now: number,
    ownNodes: readonly QueueNode<Entry>[] | null = null,
  ): Entry | null {
    this.#skippedUntil = Number.POSITIVE_INFINITY;
    let best: Entry | null = null;
    for (let i = 0; i < interests.length; i += 1) {
      // A waiting seeker reaches its interest lists through its own nodes, without lookups.
      const queue = ownNodes === null ? bucket.byInterest.get(interests[i] as string) : ownNodes[i]?.queue;
      best = this.#older(best, queue ?? undefined, clientKey, now);
    }
    if (open) {
      best = this.#older(best, bucket.plain, clientKey, now);
      best = this.#older(best, bucket.expired, clientKey, now);
    }
    return best;
  }

  /** The older of `best` and the first eligible entry of `queue`. */
  #older(best: Entry | null, queue: LinkedQueue<Entry> | undefined, clientKey: string, now: number): Entry | null {
    if (queue === undefined) return best;
    const candidate = this.#firstEligible(queue, clientKey, now);
    return candidate !== null && (best === null || candidate.seq < best.seq) ? candidate : best;
  }

  /**
   * The oldest entry of a list that is neither the seeker's own client nor a partner it
   * is kept apart from. The entries skipped are bounded by the seeker's own history;
   * the avoidances among them lower `#skippedUntil`.
   */
  #firstEligible(queue: LinkedQueue<Entry>, clientKey: string, now: number): Entry | null {
    for (let node = queue.head; node !== null; node = node.next) {
      const entry = node.value;
      if (entry.clientKey === clientKey) continue;
      const until = this.#guard.until(clientKey, entry.clientKey, now);
      if (until === undefined) return entry;
      if (until < this.#skippedUntil) this.#skippedUntil = until;
    }
    return null;
  }

  /** Record the pairing and describe it. */
  #pair(
    waiting: Entry,
    joiner: JoinRequest,
    joinerInterests: readonly string[],
    joinerSince: number,
    now: number,
  ): Match {
    this.#guard.add(waiting.clientKey, joiner.clientKey, now + this.#repeatAvoidMs, now);
    return {
      waiting: waiting.request,
      joiner,
      commonInterests: sharedInterests(waiting.interests, joinerInterests),
      mode: joiner.mode,
      waitingSince: waiting.joinedAt,
      joinerSince,
    };
  }

  #enqueue(request: JoinRequest, interests: readonly string[], pool: string, open: boolean, now: number): Entry {
    const buckets = this.#buckets[request.mode];
    let bucket = buckets.get(pool);
    if (bucket === undefined) {
      bucket = {
        mode: request.mode,
        pool,
        plain: new LinkedQueue(),
        expired: new LinkedQueue(),
        byInterest: new Map(),
        size: 0,
      };
      buckets.set(pool, bucket);
    }
    const entry: Entry = {
      request,
      clientKey: request.clientKey,
      interests,
      seq: ++this.#seq,
      joinedAt: now,
      deadline: interests.length === 0 ? Number.POSITIVE_INFINITY : now + this.#interestTimeoutMs,
      bucket,
      interestNodes: [],
      openNode: null,
      deadlineNode: null,
      retry: null,
    };
    for (const interest of interests) {
      let queue = bucket.byInterest.get(interest);
      if (queue === undefined) {
        queue = new LinkedQueue();
        bucket.byInterest.set(interest, queue);
      }
      entry.interestNodes.push(queue.push(entry));
    }
    if (interests.length === 0) entry.openNode = bucket.plain.push(entry);
    else if (open) entry.openNode = bucket.expired.push(entry);
    else entry.deadlineNode = this.#deadlines.push(entry);

    bucket.size += 1;
    this.#byId.set(request.id, entry);
    this.#counts[request.mode] += 1;
    return entry;
  }

  /** Take a waiting user out of every list. */
  #remove(entry: Entry): void {
    const { bucket, interests, interestNodes } = entry;
    for (let i = 0; i < interestNodes.length; i += 1) {
      const node = interestNodes[i] as QueueNode<Entry>;
      const queue = node.queue;
      if (queue === null) continue;
      queue.remove(node);
      if (queue.size === 0) bucket.byInterest.delete(interests[i] as string);
    }
    interestNodes.length = 0;
    if (entry.openNode !== null) {
      entry.openNode.queue?.remove(entry.openNode);
      entry.openNode = null;
    }
    if (entry.deadlineNode !== null) {
      this.#deadlines.remove(entry.deadlineNode);
      entry.deadlineNode = null;
    }
    if (entry.retry !== null) this.#retries.drop(entry);
    bucket.size -= 1;
    if (bucket.size === 0) this.#buckets[bucket.mode].delete(bucket.pool);
    this.#byId.delete(entry.request.id);
    this.#counts[entry.request.mode] -= 1;
  }
}
