import type { Mode } from '@novu-chat/protocol';

/** What a user brings to the queue. */
export interface JoinRequest {
  /** The connection's unique id (Socket.IO socket id). One queue entry per id. */
  id: string;
  /**
   * The anonymous client identity (handshake `clientId`, or a server-made id).
   * Two entries with the same clientKey are never paired (nobody meets themself),
   * and repeat avoidance is keyed on it.
   */
  clientKey: string;
  mode: Mode;
  /** Normalised interests (trimmed, lower-cased, de-duplicated, at most 10). */
  interests: readonly string[];
  /** Keyed hash of the user's IP, carried into the room record for operators' bans. Optional. */
  ipKey?: string;
  /** The server process hosting the connection (cluster mode), so a dead process's rooms can be swept. */
  node?: string;
  /** Extra keys that must be equal for two users to be paired (for example the site key). Empty string: none. */
  pool?: string;
}

/** A pairing the engine made. */
export interface Match {
  /**
   * The user who was already waiting (longest-waiting compatible user). In a match made by
   * an interest timeout, the partner the timed-out user found; in one made by a retry, the
   * longer-waiting of the two.
   */
  waiting: JoinRequest;
  /** The user whose join (or whose interest timeout) produced the match; for a retry, the other user. */
  joiner: JoinRequest;
  /** Interests the two share (sorted), possibly empty. */
  commonInterests: string[];
  mode: Mode;
  /** When the waiting user joined (epoch ms, the engine's clock), for wait-time metrics. */
  waitingSince?: number;
  /** When the joiner joined (epoch ms; the match time for a fresh join). */
  joinerSince?: number;
}

/** Engine settings. */
export interface MatchmakerOptions {
  /**
   * How long a user with interests is matched only on a shared interest (ms). The timeout
   * falls due at exactly join time + interestTimeoutMs; 0 makes such users open at once.
   */
  interestTimeoutMs: number;
  /**
   * How long two former partners are kept apart (ms); they may meet again at exactly match
   * time + repeatAvoidMs. When a search skips someone only because of a repeat avoidance and
   * its user stays queued, the user is retried when that avoidance ends (see `expire()`).
   */
  repeatAvoidMs: number;
  /** The clock; defaults to Date.now. Tests and benchmarks pass their own. */
  now?: () => number;
}

/**
 * The matchmaking engine's interface (★ seam): the in-memory engine implements it
 * synchronously; a Redis implementation (scale-out) implements it with the same rules.
 */
export interface Matchmaker {
  /**
   * Put a user in the queue, or pair them at once. Joining again with the same id
   * replaces the earlier entry (never two entries). Returns the match, or null when queued.
   */
  join(request: JoinRequest): Match | null | Promise<Match | null>;
  /** Remove a user from the queue. Returns whether they were waiting. */
  leave(id: string): boolean | Promise<boolean>;
  /** Whether the id is waiting. */
  isWaiting(id: string): boolean | Promise<boolean>;
  /**
   * Record that two clients were partners, so they are not paired again within repeatAvoidMs
   * (or `forMs`). The engine records this itself for matches it makes; callers may add more
   * (blocks). A pair already kept apart for longer keeps its later time; equal keys are ignored.
   */
  recordPartners(clientKeyA: string, clientKeyB: string, forMs?: number): void | Promise<void>;
  /**
   * Process the interest timeouts and retries that have passed by `now`, in order of time
   * (then join order; a user's timeout before its retry). At its timeout a user becomes open
   * to anyone compatible and is paired at once when someone is waiting. A timeout takes
   * effect only when processed here: until then the user is matched on a shared interest
   * only, so the caller runs expire() at nextDeadline().
   *
   * Retries: when a search (a join, a timeout, a retry) leaves its user queued although it
   * skipped compatible users only because of repeat avoidance (match history or
   * `recordPartners`), the user is retried at the earliest end of those avoidances: it
   * searches again under the rules in force for it (interest-only while its timeout is
   * pending), keeping its place in the queue. A retry that skips again schedules the next
   * one; leaving, being matched or joining again cancels it. So two former partners waiting
   * alone meet as soon as their avoidance ends, without anyone joining.
   *
   * Returns the matches made, in processing order.
   */
  expire(): Match[] | Promise<Match[]>;
  /** When the next interest timeout or retry falls due (epoch ms), or null when none is pending. */
  nextDeadline(): number | null | Promise<number | null>;
  /** How many users wait, in total and by mode. */
  counts(): WaitingCounts | Promise<WaitingCounts>;
}

/** Waiting users by mode. */
export interface WaitingCounts {
  total: number;
  byMode: Record<Mode, number>;
}
