/** Shared fixtures of the matchmaking tests: a hand-moved clock and join requests. */
import type { Mode } from '@novu-chat/protocol';
import type { JoinRequest, Match } from '../../packages/server/src/matchmaking/types.ts';

/** The fake clock's start (epoch ms). */
export const START = 1_700_000_000_000;

/** A clock the tests move by hand. */
export class FakeClock {
  t = START;
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Options of a test user. */
export interface UserOptions {
  clientKey?: string;
  mode?: Mode;
  interests?: string[];
  pool?: string;
}

/** A join request; the client key defaults to one derived from the id. */
export function user(id: string, options: UserOptions = {}): JoinRequest {
  const request: JoinRequest = {
    id,
    clientKey: options.clientKey ?? `key-${id}`,
    mode: options.mode ?? 'video',
    interests: options.interests ?? [],
  };
  if (options.pool !== undefined) request.pool = options.pool;
  return request;
}

/** The ids of a match, waiting user first. */
export function pairOf(match: Match | null | undefined): [string, string] | null {
  return match ? [match.waiting.id, match.joiner.id] : null;
}
