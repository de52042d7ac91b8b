/**
 * The in-memory matchmaking engine: pure, synchronous, no timers and no I/O.
 */
import type { Mode } from '@novu-chat/protocol';
import { sharedInterests } from './interests.js';
import { LinkedQueue, type QueueNode } from './linked-queue.js';
import { RepeatGuard } from './repeat-guard.js';
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

/** The list without duplicates, as a new array. */
function distinct(list: readonly string[]): string[] {
  if (list.length > 16) return [...new Set(list)];
  const out: string[] = [];
  for (const item of list) if (!out.includes(item)) out.push(item);
  return out;
}

/** Checks a duration option. */
function duration(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
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
    if (!Object.hasOwn(this.#buckets, request.mode)) throw new RangeError(`unknown mode: ${String(request.mode)}`);
    const now = this.#now();
    const previous = this.#byId.get(request.id);
    if (previous !== undefined) this.#remove(previous);

    const interests = distinct(request.interests);
    const pool = request.pool ?? '';
    // With a zero timeout a user with interests is open from the start.
    const open = interests.length === 0 || this.#interestTimeoutMs === 0;

    const bucket = this.#buckets[request.mode].get(pool);
    if (bucket !== undefined) {
      const partner = this.#findPartner(bucket, request.clientKey, interests, open, now);
      if (partner !== null) {
        this.#remove(partner);
        return this.#pair(partner, request, interests, now, now);
      }
    }
    this.#enqueue(request, interests, pool, open, now);
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
    for (let node = this.#deadlines.head; node !== null; node = this.#deadlines.head) {
      const entry = node.value;
      if (entry.deadline > now) break;
      this.#deadlines.remove(node);
      entry.deadlineNode = null;
      const partner = this.#findPartner(entry.bucket, entry.clientKey, entry.interests, true, now, entry.interestNodes);
      if (partner === null) {
        entry.openNode = entry.bucket.expired.push(entry);
        continue;
      }
      this.#remove(entry);
      this.#remove(partner);
      matches.push(this.#pair(partner, entry.request, entry.interests, entry.joinedAt, now));
    }
    return matches;
  }

  /** {@inheritDoc Matchmaker.nextDeadline} */
  nextDeadline(): number | null {
    return this.#deadlines.peek()?.deadline ?? null;
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

  /**
   * The longest-waiting user of the bucket the seeker may be paired with: one sharing
   * an interest, or (when the seeker is open) one that is open itself.
   */
  #findPartner(
    bucket: Bucket,
    clientKey: string,
    interests: readonly string[],
    open: boolean,
    now: number,
    ownNodes: readonly QueueNode<Entry>[] | null = null,
  ): Entry | null {
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
   * is kept apart from. The entries skipped are bounded by the seeker's own history.
   */
  #firstEligible(queue: LinkedQueue<Entry>, clientKey: string, now: number): Entry | null {
    for (let node = queue.head; node !== null; node = node.next) {
      const entry = node.value;
      if (entry.clientKey !== clientKey && !this.#guard.isAvoided(clientKey, entry.clientKey, now)) {
        return entry;
      }
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

  #enqueue(request: JoinRequest, interests: readonly string[], pool: string, open: boolean, now: number): void {
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
    bucket.size -= 1;
    if (bucket.size === 0) this.#buckets[bucket.mode].delete(bucket.pool);
    this.#byId.delete(entry.request.id);
    this.#counts[entry.request.mode] -= 1;
  }
}
