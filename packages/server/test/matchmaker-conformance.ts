/**
 * The matchmaking rules as a reusable node:test suite. Every engine (the in-memory one,
 * a Redis one) must pass it. It uses only the {@link Matchmaker} interface and awaits
 * every call, so synchronous and asynchronous engines run the same tests.
 *
 * Conventions the suite relies on (all part of the interface's contract):
 * - time comes only from the injected `now`; the suite drives a fake clock forward only;
 * - a user's interest timeout takes effect when `expire()` processes it (the caller runs
 *   `expire()` at `nextDeadline()`); until then the user is matched only on a shared interest;
 * - a user is due at exactly join time + `interestTimeoutMs`, and a repeat-avoidance
 *   lapses at exactly record time + its duration.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { Mode } from '@novu-chat/protocol';
import type { JoinRequest, Match, Matchmaker, MatchmakerOptions } from '../src/matchmaking/types.js';
import { seededRandom } from '@novu-chat/test-support/random';
import { FakeClock, pairOf, START, user } from '@novu-chat/test-support/matchmaking-fixtures';

/** Builds the engine under test with the given options (a fresh, empty engine each call). */
export type MatchmakerFactory = (opts: MatchmakerOptions & { now: () => number }) => Matchmaker | Promise<Matchmaker>;

const TIMEOUT = 10_000;
const AVOID = 60_000;


/** Asserts a match between the given ids, in the given roles. */
function assertMatch(match: Match | null | undefined, waitingId: string, joinerId: string, common: string[] = []): void {
  assert.ok(match, `expected ${waitingId} (waiting) to be paired with ${joinerId} (joiner), got no match`);
  assert.equal(match.waiting.id, waitingId, 'waiting user');
  assert.equal(match.joiner.id, joinerId, 'joiner');
  assert.deepEqual(match.commonInterests, common, 'commonInterests');
  assert.equal(match.mode, match.joiner.mode, 'mode');
}

/**
 * Register the conformance suite for one engine.
 *
 * @param name - The suite's title (the engine's name).
 * @param create - Makes a fresh, empty engine; it must use the given `now`.
 * @param cleanup - Run after every test (for example to flush a shared store).
 */
export function matchmakerConformance(name: string, create: MatchmakerFactory, cleanup?: () => Promise<void>): void {
  /** A fresh engine on a fresh fake clock. */
  async function setup(options: Partial<MatchmakerOptions> = {}): Promise<{ mm: Matchmaker; clock: FakeClock }> {
    const clock = new FakeClock();
    const mm = await create({
      interestTimeoutMs: options.interestTimeoutMs ?? TIMEOUT,
      repeatAvoidMs: options.repeatAvoidMs ?? AVOID,
      now: clock.now,
    });
    return { mm, clock };
  }

  describe(`Matchmaker conformance: ${name}`, () => {
    if (cleanup !== undefined) afterEach(cleanup);

    describe('modes and pools', () => {
      it('pairs two users of the same mode', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('a')), null);
        assertMatch(await mm.join(user('b')), 'a', 'b');
      });

      it('never pairs users of different modes', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('a', { mode: 'video' })), null);
        assert.equal(await mm.join(user('b', { mode: 'text' })), null);
        assert.deepEqual(await mm.counts(), { total: 2, byMode: { video: 1, text: 1 } });
        const match = await mm.join(user('c', { mode: 'text' }));
        assertMatch(match, 'b', 'c');
        assert.equal(match?.mode, 'text');
        assert.equal(await mm.isWaiting('a'), true);
      });

      it('pairs only within the same pool, an absent pool being equal to the empty pool', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('x1', { pool: 'site-x' })), null);
        assert.equal(await mm.join(user('y1', { pool: 'site-y' })), null);
        assert.equal(await mm.join(user('n1')), null);
        assertMatch(await mm.join(user('e1', { pool: '' })), 'n1', 'e1');
        assertMatch(await mm.join(user('y2', { pool: 'site-y' })), 'y1', 'y2');
        assertMatch(await mm.join(user('x2', { pool: 'site-x' })), 'x1', 'x2');
      });

      it('keeps modes and pools apart for shared interests and after timeouts too', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a', { mode: 'video', interests: ['music'] })), null);
        assert.equal(await mm.join(user('b', { mode: 'text', interests: ['music'] })), null);
        assert.equal(await mm.join(user('c', { mode: 'video', pool: 'p', interests: ['music'] })), null);
        clock.advance(TIMEOUT);
        assert.deepEqual(await mm.expire(), []);
        assert.equal(await mm.join(user('d', { mode: 'text', pool: 'q' })), null);
        assert.deepEqual(await mm.counts(), { total: 4, byMode: { video: 2, text: 2 } });
      });
    });

    describe('interests', () => {
      it('pairs a joiner with the longest-waiting user sharing any of its interests', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        clock.advance(10);
        assert.equal(await mm.join(user('b', { interests: ['art'] })), null);
        clock.advance(10);
        assert.equal(await mm.join(user('c', { interests: ['film'] })), null);
        // The joiner lists the newer waiter's interest first: order of interests must not matter.
        assertMatch(await mm.join(user('j1', { interests: ['art', 'music'] })), 'a', 'j1', ['music']);
        assertMatch(await mm.join(user('j2', { interests: ['film', 'art'] })), 'b', 'j2', ['art']);
        assertMatch(await mm.join(user('j3', { interests: ['film'] })), 'c', 'j3', ['film']);
      });

      it('breaks ties on equal join times by join order', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['x'] })), null);
        assert.equal(await mm.join(user('b', { interests: ['y'] })), null);
        assert.equal(await mm.join(user('c', { interests: ['z'] })), null);
        assertMatch(await mm.join(user('j', { interests: ['z', 'y'] })), 'b', 'j', ['y']);
      });

      it('lists every shared interest, sorted', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['zeta', 'alpha', 'mid', 'beta'] })), null);
        assertMatch(await mm.join(user('b', { interests: ['mid', 'other', 'zeta', 'alpha'] })), 'a', 'b', [
          'alpha',
          'mid',
          'zeta',
        ]);
      });

      it('queues a fresh joiner with interests even when users without interests wait', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('open')), null);
        assert.equal(await mm.join(user('picky', { interests: ['music'] })), null);
        assert.equal(await mm.isWaiting('open'), true);
        assert.equal(await mm.isWaiting('picky'), true);
      });

      it('does not pair a joiner without interests with a user whose interest timeout is pending', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('picky', { interests: ['music'] })), null);
        clock.advance(TIMEOUT - 1);
        assert.deepEqual(await mm.expire(), []);
        assert.equal(await mm.join(user('open')), null);
        assert.equal((await mm.counts()).total, 2);
      });

      it('does not pair users with disjoint interests before the timeout', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['music', 'art'] })), null);
        clock.advance(1);
        assert.equal(await mm.join(user('b', { interests: ['film', 'games'] })), null);
        clock.advance(TIMEOUT - 2);
        assert.deepEqual(await mm.expire(), []);
        assert.equal((await mm.counts()).total, 2);
      });

      it('lets a joiner without interests pair with a user whose timeout passed', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('picky', { interests: ['music'] })), null);
        clock.advance(TIMEOUT);
        assert.deepEqual(await mm.expire(), []);
        assertMatch(await mm.join(user('open')), 'picky', 'open');
      });

      it('still pairs a timed-out user on a shared interest, but not with a fresh joiner of other interests', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['music', 'art'] })), null);
        assert.equal(await mm.join(user('b', { interests: ['chess'] })), null);
        clock.advance(TIMEOUT);
        // a and b both time out and meet each other.
        assert.equal((await mm.expire()).length, 1);
        assert.equal(await mm.join(user('c', { interests: ['music', 'art'] })), null);
        clock.advance(TIMEOUT);
        assert.deepEqual(await mm.expire(), []);
        assertMatch(await mm.join(user('d', { interests: ['art'] })), 'c', 'd', ['art']);
        assert.equal(await mm.join(user('e', { interests: ['film'] })), null);
        clock.advance(TIMEOUT);
        assert.deepEqual(await mm.expire(), []);
        // e is open now, but a fresh joiner with interests is matched on a shared interest only.
        assert.equal(await mm.join(user('f', { interests: ['art'] })), null);
        clock.advance(TIMEOUT);
        const [match, ...rest] = await mm.expire();
        assertMatch(match, 'e', 'f');
        assert.deepEqual(rest, []);
      });

      it('pairs an open joiner with the longest-waiting open user (timed-out user waiting longer)', async () => {
        const { mm, clock } = await setup();
        // picky and plain are kept apart so that both stay open in the queue.
        await mm.recordPartners('key-picky', 'key-plain', 10 * AVOID);
        assert.equal(await mm.join(user('picky', { interests: ['music'] })), null);
        clock.advance(5);
        assert.equal(await mm.join(user('plain')), null);
        clock.advance(TIMEOUT);
        assert.deepEqual(await mm.expire(), []);
        assertMatch(await mm.join(user('j1')), 'picky', 'j1');
        assertMatch(await mm.join(user('j2')), 'plain', 'j2');
      });

      it('pairs an open joiner with the longest-waiting open user (user without interests waiting longer)', async () => {
        const { mm, clock } = await setup();
        await mm.recordPartners('key-picky', 'key-plain', 10 * AVOID);
        assert.equal(await mm.join(user('plain')), null);
        clock.advance(5);
        assert.equal(await mm.join(user('picky', { interests: ['music'] })), null);
        clock.advance(TIMEOUT);
        assert.deepEqual(await mm.expire(), []);
        assertMatch(await mm.join(user('j1')), 'plain', 'j1');
        assertMatch(await mm.join(user('j2')), 'picky', 'j2');
      });
    });

    describe('interest timeout', () => {
      it('pairs a user with a waiting open user when its timeout is processed, without a new join', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('picky', { interests: ['music'] })), null);
        clock.advance(100);
        assert.equal(await mm.join(user('open')), null);
        clock.advance(TIMEOUT - 100);
        const matches = await mm.expire();
        assert.equal(matches.length, 1);
        assertMatch(matches[0], 'open', 'picky');
        assert.equal(await mm.isWaiting('open'), false);
        assert.equal(await mm.isWaiting('picky'), false);
        assert.deepEqual(await mm.counts(), { total: 0, byMode: { video: 0, text: 0 } });
      });

      it('pairs two timed-out users with disjoint interests with each other', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        clock.advance(1_000);
        assert.equal(await mm.join(user('b', { interests: ['art'] })), null);
        clock.advance(TIMEOUT - 1_000);
        // a is open now, but b is still interest-only and shares nothing with a.
        assert.deepEqual(await mm.expire(), []);
        assert.equal((await mm.counts()).total, 2);
        clock.advance(1_000);
        const matches = await mm.expire();
        assert.equal(matches.length, 1);
        assertMatch(matches[0], 'a', 'b');
      });

      it('pairs a timed-out user with a user sharing an interest whose timeout is still pending', async () => {
        const { mm, clock } = await setup();
        // The avoidance ends when a times out: b's retry falls due then too, but a's timeout
        // comes first (equal times go in join order).
        await mm.recordPartners('key-a', 'key-b', TIMEOUT);
        assert.equal(await mm.join(user('a', { interests: ['music', 'art'] })), null);
        clock.advance(1);
        assert.equal(await mm.join(user('b', { interests: ['music', 'film'] })), null);
        assert.equal(await mm.nextDeadline(), START + TIMEOUT);
        clock.advance(TIMEOUT - 1);
        const matches = await mm.expire();
        assert.equal(matches.length, 1);
        assertMatch(matches[0], 'b', 'a', ['music']);
      });

      it('falls due at exactly join time + interestTimeoutMs', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('picky', { interests: ['music'] })), null);
        assert.equal(await mm.join(user('open')), null);
        clock.advance(TIMEOUT - 1);
        assert.deepEqual(await mm.expire(), []);
        clock.advance(1);
        assert.equal((await mm.expire()).length, 1);
      });

      it('reports the earliest pending interest timeout in nextDeadline()', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.nextDeadline(), null);
        assert.equal(await mm.join(user('open', { mode: 'text' })), null);
        assert.equal(await mm.nextDeadline(), null, 'users without interests have no deadline');
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        clock.advance(1_000);
        assert.equal(await mm.join(user('b', { interests: ['art'] })), null);
        clock.advance(1_000);
        assert.equal(await mm.join(user('c', { interests: ['film'] })), null);
        assert.equal(await mm.nextDeadline(), START + TIMEOUT);
        assert.equal(await mm.leave('a'), true);
        assert.equal(await mm.nextDeadline(), START + 1_000 + TIMEOUT);
        clock.t = START + 1_000 + TIMEOUT;
        assert.deepEqual(await mm.expire(), []);
        assert.equal(await mm.nextDeadline(), START + 2_000 + TIMEOUT, 'a processed timeout is no longer pending');
        clock.t = START + 2_000 + TIMEOUT;
        assert.equal((await mm.expire()).length, 1);
        assert.equal(await mm.nextDeadline(), null);
      });

      it('processes every due timeout in deadline order in one expire() call', async () => {
        const { mm, clock } = await setup();
        for (const [id, interest] of [
          ['a', 'w'],
          ['b', 'x'],
          ['c', 'y'],
          ['d', 'z'],
        ] as const) {
          assert.equal(await mm.join(user(id, { interests: [interest] })), null);
          clock.advance(1);
        }
        assert.equal(await mm.join(user('later', { interests: ['v'] })), null);
        clock.t = START + 3 + TIMEOUT;
        const matches = await mm.expire();
        assert.equal(matches.length, 2);
        assertMatch(matches[0], 'a', 'b');
        assertMatch(matches[1], 'c', 'd');
        assert.equal(await mm.nextDeadline(), START + 4 + TIMEOUT);
        assert.deepEqual(await mm.counts(), { total: 1, byMode: { video: 1, text: 0 } });
      });

      it('restarts the interest timeout when a user joins again', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        clock.advance(5_000);
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        assert.equal(await mm.nextDeadline(), START + 5_000 + TIMEOUT);
      });
    });

    describe('repeat avoidance', () => {
      it('does not pair former partners again within repeatAvoidMs', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a')), null);
        assertMatch(await mm.join(user('b')), 'a', 'b');
        clock.advance(AVOID - 1);
        assert.equal(await mm.join(user('a2', { clientKey: 'key-a' })), null);
        assert.equal(await mm.join(user('b2', { clientKey: 'key-b' })), null);
        assert.equal((await mm.counts()).total, 2);
      });

      it('pairs former partners again once repeatAvoidMs has passed', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a')), null);
        assertMatch(await mm.join(user('b')), 'a', 'b');
        assert.equal(await mm.join(user('a')), null);
        clock.advance(AVOID - 1);
        assert.equal(await mm.join(user('b')), null);
        assert.equal(await mm.leave('b'), true);
        clock.advance(1);
        assertMatch(await mm.join(user('b')), 'a', 'b');
      });

      it('keeps former partners apart on shared interests and after timeouts too', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        assertMatch(await mm.join(user('b', { interests: ['music'] })), 'a', 'b', ['music']);
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        assert.equal(await mm.join(user('b', { interests: ['music'] })), null);
        clock.advance(TIMEOUT);
        assert.deepEqual(await mm.expire(), []);
        assert.equal((await mm.counts()).total, 2);
      });

      it('falls through to the next eligible user in the same list', async () => {
        const { mm } = await setup();
        await mm.recordPartners('key-a', 'key-c');
        await mm.recordPartners('key-b', 'key-a');
        assert.equal(await mm.join(user('a')), null);
        assert.equal(await mm.join(user('c')), null);
        assertMatch(await mm.join(user('b')), 'c', 'b');
        assert.equal(await mm.join(user('x', { interests: ['music'] })), null);
        assert.equal(await mm.join(user('x2', { clientKey: 'key-x', interests: ['music'] })), null, 'same client');
        await mm.recordPartners('key-y', 'key-x');
        assert.equal(await mm.join(user('y', { interests: ['music'] })), null);
        await mm.recordPartners('key-z', 'key-x');
        assertMatch(await mm.join(user('z', { interests: ['music'] })), 'y', 'z', ['music']);
      });

      it('falls through to the next eligible user in another list', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        assert.equal(await mm.join(user('c', { interests: ['film'] })), null);
        await mm.recordPartners('key-b', 'key-a');
        assertMatch(await mm.join(user('b', { interests: ['music', 'film'] })), 'c', 'b', ['film']);
        assert.equal(await mm.isWaiting('a'), true);
      });

      it('keeps clients recorded with recordPartners apart for repeatAvoidMs, both ways round', async () => {
        const { mm, clock } = await setup();
        await mm.recordPartners('key-b', 'key-a');
        assert.equal(await mm.join(user('a')), null);
        assert.equal(await mm.join(user('b')), null);
        await mm.leave('b');
        clock.advance(AVOID);
        assertMatch(await mm.join(user('b')), 'a', 'b');
      });

      it('honours a custom duration in recordPartners (a block)', async () => {
        const { mm, clock } = await setup();
        await mm.recordPartners('key-a', 'key-b', 5 * AVOID);
        assert.equal(await mm.join(user('a')), null);
        clock.advance(AVOID);
        assert.equal(await mm.join(user('b')), null);
        await mm.leave('b');
        clock.advance(4 * AVOID - 1);
        assert.equal(await mm.join(user('b')), null);
        await mm.leave('b');
        clock.advance(1);
        assertMatch(await mm.join(user('b')), 'a', 'b');
      });
    });

    describe('retries when a repeat avoidance ends', () => {
      it('pairs two former partners waiting alone at the end of their avoidance, without a new join', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('a')), null);
        assertMatch(await mm.join(user('b')), 'a', 'b');
        clock.advance(1_000);
        assert.equal(await mm.join(user('a')), null);
        assert.equal(await mm.nextDeadline(), null, 'nobody was skipped');
        clock.advance(1_000);
        assert.equal(await mm.join(user('b')), null);
        assert.equal(await mm.nextDeadline(), START + AVOID, 'the retry of b');
        clock.t = START + AVOID - 1;
        assert.deepEqual(await mm.expire(), []);
        assert.equal((await mm.counts()).total, 2);
        clock.t = START + AVOID;
        const matches = await mm.expire();
        assert.equal(matches.length, 1);
        assertMatch(matches[0], 'a', 'b');
        assert.deepEqual(await mm.counts(), { total: 0, byMode: { video: 0, text: 0 } });
        assert.equal(await mm.nextDeadline(), null);
        assert.deepEqual(await mm.expire(), []);
      });

      it('pairs at the end of a block recorded with recordPartners (forMs)', async () => {
        const { mm, clock } = await setup();
        await mm.recordPartners('key-a', 'key-b', 5 * AVOID);
        assert.equal(await mm.join(user('a', { mode: 'text' })), null);
        clock.advance(AVOID);
        assert.equal(await mm.join(user('b', { mode: 'text' })), null);
        assert.equal(await mm.nextDeadline(), START + 5 * AVOID);
        clock.t = START + 5 * AVOID;
        const matches = await mm.expire();
        assert.equal(matches.length, 1);
        assertMatch(matches[0], 'a', 'b');
        assert.equal(await mm.nextDeadline(), null);
      });

      it('pairs on a shared interest at the end of the avoidance, under the interest timeout', async () => {
        const { mm, clock } = await setup({ repeatAvoidMs: TIMEOUT / 2 });
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        assertMatch(await mm.join(user('b', { interests: ['music'] })), 'a', 'b', ['music']);
        assert.equal(await mm.join(user('open')), null);
        clock.advance(1);
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        clock.advance(1);
        assert.equal(await mm.join(user('b', { interests: ['art', 'music'] })), null);
        assert.equal(await mm.nextDeadline(), START + TIMEOUT / 2, "b's retry comes before any timeout");
        clock.t = START + TIMEOUT / 2;
        // b's timeout is still pending: it meets a (shared interest), not the longer-waiting open user.
        const matches = await mm.expire();
        assert.equal(matches.length, 1);
        assertMatch(matches[0], 'a', 'b', ['music']);
        assert.equal(await mm.isWaiting('open'), true);
        assert.equal(await mm.nextDeadline(), null);
      });

      it('does not pair a user with pending interests at a retry on anything but a shared interest', async () => {
        const { mm, clock } = await setup({ repeatAvoidMs: TIMEOUT / 2 });
        await mm.recordPartners('key-a', 'key-b');
        assert.equal(await mm.join(user('open')), null);
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        clock.advance(1);
        assert.equal(await mm.join(user('b', { interests: ['music'] })), null);
        assert.equal(await mm.nextDeadline(), START + TIMEOUT / 2);
        assert.equal(await mm.leave('a'), true);
        clock.t = START + TIMEOUT / 2;
        assert.deepEqual(await mm.expire(), [], 'b is still interest-only and shares nothing with open');
        assert.equal(await mm.nextDeadline(), START + 1 + TIMEOUT, "b's interest timeout");
        clock.t = START + 1 + TIMEOUT;
        const matches = await mm.expire();
        assertMatch(matches[0], 'open', 'b');
      });

      it('drops the retry of a user who left, and does nothing when the skipped user left', async () => {
        const { mm, clock } = await setup();
        await mm.recordPartners('key-a', 'key-b');
        assert.equal(await mm.join(user('a')), null);
        assert.equal(await mm.join(user('b')), null);
        assert.equal(await mm.nextDeadline(), START + AVOID);
        assert.equal(await mm.leave('b'), true);
        assert.equal(await mm.nextDeadline(), null, 'the retry left with b');
        clock.t = START + AVOID;
        assert.deepEqual(await mm.expire(), []);
        assert.equal(await mm.isWaiting('a'), true);

        await mm.recordPartners('key-c', 'key-d');
        assert.equal(await mm.join(user('c', { mode: 'text' })), null);
        assert.equal(await mm.join(user('d', { mode: 'text' })), null);
        assert.equal(await mm.leave('c'), true);
        clock.t = START + 2 * AVOID;
        assert.deepEqual(await mm.expire(), []);
        assert.equal(await mm.isWaiting('d'), true);
        assert.equal(await mm.nextDeadline(), null);
        assert.deepEqual(await mm.counts(), { total: 2, byMode: { video: 1, text: 1 } });
      });

      it('drops the retry of a user matched by someone else, or joining again', async () => {
        const { mm, clock } = await setup({ repeatAvoidMs: TIMEOUT / 2 });
        await mm.recordPartners('key-a', 'key-b');
        await mm.recordPartners('key-c', 'key-a');
        assert.equal(await mm.join(user('a')), null);
        assert.equal(await mm.join(user('b')), null);
        assert.equal(await mm.nextDeadline(), START + TIMEOUT / 2, "b's retry");
        assertMatch(await mm.join(user('c')), 'b', 'c');
        assert.equal(await mm.nextDeadline(), null, "b's retry went with b");
        clock.advance(1);
        assert.equal(await mm.join(user('b')), null, 'b is back, still kept from a');
        assert.equal(await mm.nextDeadline(), START + TIMEOUT / 2);
        assert.equal(await mm.join(user('b', { mode: 'text' })), null, 'b joins again elsewhere, skipping nobody');
        assert.equal(await mm.nextDeadline(), null);
        clock.t = START + TIMEOUT / 2;
        assert.deepEqual(await mm.expire(), []);
        assert.deepEqual(await mm.counts(), { total: 2, byMode: { video: 1, text: 1 } });
      });

      it('chains retries while further avoidances keep the user apart', async () => {
        const { mm, clock } = await setup();
        // a and b never meet; c is kept from a until 1 AVOID, from b until 2 AVOID.
        await mm.recordPartners('key-a', 'key-b', 100 * AVOID);
        await mm.recordPartners('key-c', 'key-a', AVOID);
        await mm.recordPartners('key-c', 'key-b', 2 * AVOID);
        assert.equal(await mm.join(user('a')), null);
        clock.advance(1);
        assert.equal(await mm.join(user('b')), null);
        clock.advance(1);
        assert.equal(await mm.join(user('c')), null);
        assert.equal(await mm.nextDeadline(), START + AVOID);
        // Just before c's avoidance of a ends, it is extended (a block): the retry skips again.
        clock.t = START + AVOID - 1;
        await mm.recordPartners('key-c', 'key-a', 3 * AVOID);
        clock.t = START + AVOID;
        assert.deepEqual(await mm.expire(), []);
        assert.equal(await mm.nextDeadline(), START + 2 * AVOID, 'the next retry: the end of the avoidance of b');
        clock.t = START + 2 * AVOID;
        const matches = await mm.expire();
        assert.equal(matches.length, 1);
        assertMatch(matches[0], 'b', 'c');
        assert.equal(await mm.isWaiting('a'), true);
        assert.equal(await mm.nextDeadline(), null);
      });

      it('keeps the user’s place in the queue when a retry finds nobody', async () => {
        const { mm, clock } = await setup();
        await mm.recordPartners('key-a', 'key-b');
        await mm.recordPartners('key-z', 'key-a', 100 * AVOID);
        await mm.recordPartners('key-z', 'key-b', 100 * AVOID);
        assert.equal(await mm.join(user('a')), null);
        clock.advance(1);
        assert.equal(await mm.join(user('b')), null);
        clock.advance(1);
        assert.equal(await mm.join(user('z')), null);
        clock.t = START + AVOID - 1;
        await mm.recordPartners('key-a', 'key-b', AVOID);
        clock.t = START + AVOID;
        assert.deepEqual(await mm.expire(), [], 'the retry of b skips a again');
        assertMatch(await mm.join(user('x')), 'a', 'x');
        assertMatch(await mm.join(user('y')), 'b', 'y', []);
        assert.equal(await mm.isWaiting('z'), true);
      });

      it('makes the longer-waiting user the waiting one when its own retry finds the partner', async () => {
        const { mm, clock } = await setup();
        await mm.recordPartners('key-picky', 'key-plain', TIMEOUT + 500);
        assert.equal(await mm.join(user('picky', { interests: ['music'] })), null);
        clock.advance(1);
        assert.equal(await mm.join(user('plain')), null);
        assert.equal(await mm.nextDeadline(), START + TIMEOUT, 'plain skipped nobody: picky is not open yet');
        clock.t = START + TIMEOUT;
        assert.deepEqual(await mm.expire(), [], 'picky is open now, but kept from plain');
        assert.equal(await mm.nextDeadline(), START + TIMEOUT + 500);
        clock.t = START + TIMEOUT + 500;
        const matches = await mm.expire();
        assert.equal(matches.length, 1);
        assertMatch(matches[0], 'picky', 'plain');
      });

      it('processes due timeouts and retries in one expire() call, in time order', async () => {
        const { mm, clock } = await setup();
        await mm.recordPartners('key-a', 'key-b', TIMEOUT / 2);
        await mm.recordPartners('key-c', 'key-d', 4 * TIMEOUT);
        assert.equal(await mm.join(user('a')), null);
        assert.equal(await mm.join(user('b')), null);
        assert.equal(await mm.join(user('c', { interests: ['x'] })), null);
        assert.equal(await mm.join(user('d', { interests: ['x'] })), null);
        assert.equal(await mm.join(user('e', { interests: ['y'] })), null);
        assert.equal(await mm.nextDeadline(), START + TIMEOUT / 2);
        clock.t = START + 3 * TIMEOUT;
        const matches = await mm.expire();
        // b's retry meets a; c times out and skips d (kept apart), d times out and skips c,
        // e times out and meets c, open since its own timeout.
        assert.deepEqual(matches.map((m) => [m.waiting.id, m.joiner.id]), [
          ['a', 'b'],
          ['c', 'e'],
        ]);
        assert.equal(await mm.isWaiting('d'), true);
        assert.equal(await mm.nextDeadline(), START + 4 * TIMEOUT, "d's retry");
        clock.t = START + 4 * TIMEOUT;
        assert.deepEqual(await mm.expire(), [], 'c is gone');
        assert.equal(await mm.nextDeadline(), null);
        assert.equal(await mm.isWaiting('d'), true);
      });
    });

    describe('identity and bookkeeping', () => {
      it('never pairs two entries of the same client key', async () => {
        const { mm, clock } = await setup();
        assert.equal(await mm.join(user('tab1', { clientKey: 'same' })), null);
        assert.equal(await mm.join(user('tab2', { clientKey: 'same' })), null);
        assert.equal(await mm.join(user('tab3', { clientKey: 'same', interests: ['music'] })), null);
        assert.equal(await mm.join(user('tab4', { clientKey: 'same', interests: ['music'] })), null);
        clock.advance(TIMEOUT);
        assert.deepEqual(await mm.expire(), []);
        assert.equal((await mm.counts()).total, 4);
        assertMatch(await mm.join(user('other')), 'tab1', 'other');
      });

      it('keeps one entry per id: joining again replaces the earlier entry', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('a', { mode: 'video' })), null);
        assert.equal(await mm.join(user('a', { mode: 'video' })), null, 'nobody meets themself');
        assert.deepEqual(await mm.counts(), { total: 1, byMode: { video: 1, text: 0 } });
        assert.equal(await mm.join(user('a', { mode: 'text', interests: ['music'] })), null);
        assert.deepEqual(await mm.counts(), { total: 1, byMode: { video: 0, text: 1 } });
        assert.equal(await mm.join(user('b', { mode: 'video' })), null, 'the old video entry is gone');
        assertMatch(await mm.join(user('c', { mode: 'text', interests: ['music'] })), 'a', 'c', ['music']);
      });

      it('lets a repeated join match at once', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('a', { mode: 'video' })), null);
        assert.equal(await mm.join(user('b', { mode: 'text' })), null);
        assertMatch(await mm.join(user('a', { mode: 'text' })), 'b', 'a');
        assert.equal(await mm.isWaiting('a'), false);
        assert.deepEqual(await mm.counts(), { total: 0, byMode: { video: 0, text: 0 } });
      });

      it('moves a repeated join to the back of the queue', async () => {
        const { mm, clock } = await setup();
        await mm.recordPartners('key-a', 'key-b', 10 * AVOID);
        assert.equal(await mm.join(user('a')), null);
        clock.advance(1);
        assert.equal(await mm.join(user('b')), null);
        clock.advance(1);
        assert.equal(await mm.join(user('a')), null);
        assertMatch(await mm.join(user('c')), 'b', 'c');
      });

      it('treats leave of an unknown id as a no-op returning false', async () => {
        const { mm } = await setup();
        assert.equal(await mm.leave('nobody'), false);
        assert.equal(await mm.join(user('a')), null);
        assert.equal(await mm.isWaiting('a'), true);
        assert.equal(await mm.leave('a'), true);
        assert.equal(await mm.isWaiting('a'), false);
        assert.equal(await mm.leave('a'), false);
        assert.equal(await mm.join(user('b')), null, 'a left user is never paired');
      });

      it('takes matched users out of the queue', async () => {
        const { mm } = await setup();
        assert.equal(await mm.join(user('a', { interests: ['music'] })), null);
        assertMatch(await mm.join(user('b', { interests: ['music'] })), 'a', 'b', ['music']);
        assert.equal(await mm.isWaiting('a'), false);
        assert.equal(await mm.isWaiting('b'), false);
        assert.equal(await mm.leave('a'), false);
        assert.equal(await mm.nextDeadline(), null);
        assert.deepEqual(await mm.counts(), { total: 0, byMode: { video: 0, text: 0 } });
        assert.equal(await mm.join(user('c', { interests: ['music'] })), null);
      });

      it('counts waiting users in total and by mode', async () => {
        const { mm } = await setup();
        assert.deepEqual(await mm.counts(), { total: 0, byMode: { video: 0, text: 0 } });
        await mm.join(user('v1', { mode: 'video', interests: ['a'] }));
        await mm.join(user('v2', { mode: 'video', interests: ['b'] }));
        await mm.join(user('t1', { mode: 'text' }));
        assert.deepEqual(await mm.counts(), { total: 3, byMode: { video: 2, text: 1 } });
        await mm.leave('v1');
        assert.deepEqual(await mm.counts(), { total: 2, byMode: { video: 1, text: 1 } });
      });
    });

    describe('random operations', () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        it(`keeps every invariant over 2000 random operations (seed ${seed})`, async () => {
          const clock = new FakeClock();
          const options = { interestTimeoutMs: 1_000, repeatAvoidMs: 2_500 };
          const mm = await create({ ...options, now: clock.now });
          await runRandomOperations(mm, clock, options, seed, 2_000);
        });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Property test: a naive reference model and random operations.
// ---------------------------------------------------------------------------------------------


/** A waiting user in the model. */
interface ModelUser {
  readonly request: JoinRequest;
  readonly pool: string;
  readonly joinedAt: number;
  readonly joinStep: number;
  /** When (time, step) the user became open to anyone compatible; null while interest-only. */
  openedAt: number | null;
  openStep: number | null;
  /**
   * When the user searches again (its last search skipped repeat-avoided users and found
   * nobody): the earliest end of those avoidances. Null when none is pending.
   */
  retryAt: number | null;
}

/** A pairing in a comparable form. */
interface Pairing {
  waiting: string;
  joiner: string;
  commonInterests: string[];
  mode: Mode;
}

/** A repeat-avoidance record. */
interface AvoidRecord {
  readonly a: string;
  readonly b: string;
  readonly until: number;
  readonly step: number;
}

/** The rules, implemented as plainly as possible (linear scans everywhere). */
class ReferenceModel {
  /** Waiting users in join order. */
  waiting: ModelUser[] = [];
  readonly records: AvoidRecord[] = [];

  constructor(
    readonly interestTimeoutMs: number,
    readonly repeatAvoidMs: number,
  ) {}

  /** Whether two client keys are kept apart at `now` (considering records made before `step`). */
  avoided(a: string, b: string, now: number, step = Number.POSITIVE_INFINITY): boolean {
    return this.records.some(
      (r) => r.step < step && r.until > now && ((r.a === a && r.b === b) || (r.a === b && r.b === a)),
    );
  }

  record(a: string, b: string, until: number, step: number): void {
    if (a !== b) this.records.push({ a, b, until, step });
  }

  /** Until when two client keys are kept apart, when they are at `now` (the latest record wins). */
  avoidedUntil(a: string, b: string, now: number): number | undefined {
    let until: number | undefined;
    for (const r of this.records) {
      const samePair = (r.a === a && r.b === b) || (r.a === b && r.b === a);
      if (samePair && r.until > now && (until === undefined || r.until > until)) until = r.until;
    }
    return until;
  }

  find(id: string): ModelUser | undefined {
    return this.waiting.find((u) => u.request.id === id);
  }

  remove(id: string): boolean {
    const before = this.waiting.length;
    this.waiting = this.waiting.filter((u) => u.request.id !== id);
    return this.waiting.length !== before;
  }

  /** Whether `w` is someone `seeker` may meet, repeat avoidance aside. */
  compatible(seeker: JoinRequest, pool: string, seekerOpen: boolean, w: ModelUser): boolean {
    return (
      w.request.id !== seeker.id &&
      w.request.mode === seeker.mode &&
      w.pool === pool &&
      w.request.clientKey !== seeker.clientKey &&
      (w.request.interests.some((i) => seeker.interests.includes(i)) || (seekerOpen && w.openedAt !== null))
    );
  }

  /** The longest-waiting user `seeker` may be paired with now. */
  partnerFor(seeker: JoinRequest, pool: string, seekerOpen: boolean, now: number): ModelUser | undefined {
    return this.waiting.find(
      (w) => this.compatible(seeker, pool, seekerOpen, w) && !this.avoided(w.request.clientKey, seeker.clientKey, now),
    );
  }

  /**
   * The retry time of a seeker that found nobody: the earliest end of the avoidances that
   * keep it from the compatible users (all of them, as nobody was found), or null.
   */
  retryFor(seeker: JoinRequest, pool: string, seekerOpen: boolean, now: number): number | null {
    let at: number | null = null;
    for (const w of this.waiting) {
      if (!this.compatible(seeker, pool, seekerOpen, w)) continue;
      const until = this.avoidedUntil(w.request.clientKey, seeker.clientKey, now);
      if (until !== undefined && (at === null || until < at)) at = until;
    }
    return at;
  }

  /** Whether the user's retry is due at `now`. */
  retryDue(u: ModelUser, now: number): boolean {
    return u.retryAt !== null && u.retryAt <= now;
  }

  pair(waiting: ModelUser, joiner: JoinRequest, now: number, step: number): Pairing {
    this.remove(waiting.request.id);
    this.remove(joiner.id);
    this.record(waiting.request.clientKey, joiner.clientKey, now + this.repeatAvoidMs, step);
    return {
      waiting: waiting.request.id,
      joiner: joiner.id,
      commonInterests: waiting.request.interests.filter((i) => joiner.interests.includes(i)).sort(),
      mode: joiner.mode,
    };
  }

  join(request: JoinRequest, now: number, step: number): Pairing | null {
    this.remove(request.id);
    const pool = request.pool ?? '';
    const open = request.interests.length === 0;
    const partner = this.partnerFor(request, pool, open, now);
    if (partner !== undefined) return this.pair(partner, request, now, step);
    this.waiting.push({
      request,
      pool,
      joinedAt: now,
      joinStep: step,
      openedAt: open ? now : null,
      openStep: open ? step : null,
      retryAt: this.retryFor(request, pool, open, now),
    });
    return null;
  }

  /**
   * Due timeouts and retries, one at a time in order of time, then join order, a user's
   * timeout before its retry. A timeout opens its user, who searches (the partner is the
   * waiting one); a retry searches under the user's current rules (the longer-waiting of
   * the two is the waiting one). A search that finds nobody sets the next retry.
   */
  expire(now: number, step: number): Pairing[] {
    const pairings: Pairing[] = [];
    for (;;) {
      let next: { index: number; time: number; kind: 0 | 1 } | undefined;
      const consider = (index: number, time: number, kind: 0 | 1): void => {
        if (time > now) return;
        const earlier =
          next === undefined ||
          time < next.time ||
          (time === next.time && (index < next.index || (index === next.index && kind < next.kind)));
        if (earlier) next = { index, time, kind };
      };
      this.waiting.forEach((u, index) => {
        if (u.openedAt === null) consider(index, u.joinedAt + this.interestTimeoutMs, 0);
        if (u.retryAt !== null) consider(index, u.retryAt, 1);
      });
      if (next === undefined) return pairings;
      const due = this.waiting[next.index] as ModelUser;
      if (next.kind === 0) {
        due.openedAt = now;
        due.openStep = step;
        const partner = this.partnerFor(due.request, due.pool, true, now);
        if (partner !== undefined) pairings.push(this.pair(partner, due.request, now, step));
        else due.retryAt = this.retryFor(due.request, due.pool, true, now);
      } else {
        due.retryAt = null;
        const open = due.openedAt !== null;
        const partner = this.partnerFor(due.request, due.pool, open, now);
        if (partner === undefined) due.retryAt = this.retryFor(due.request, due.pool, open, now);
        else if (this.waiting.indexOf(partner) < next.index) pairings.push(this.pair(partner, due.request, now, step));
        else pairings.push(this.pair(due, partner.request, now, step));
      }
    }
  }

  nextDeadline(): number | null {
    let next: number | null = null;
    for (const u of this.waiting) {
      if (u.openedAt === null) {
        const deadline = u.joinedAt + this.interestTimeoutMs;
        if (next === null || deadline < next) next = deadline;
      }
      if (u.retryAt !== null && (next === null || u.retryAt < next)) next = u.retryAt;
    }
    return next;
  }

  counts(): { total: number; byMode: Record<Mode, number> } {
    const byMode: Record<Mode, number> = { video: 0, text: 0 };
    for (const u of this.waiting) byMode[u.request.mode] += 1;
    return { total: this.waiting.length, byMode };
  }
}

function toPairing(match: Match): Pairing {
  return {
    waiting: match.waiting.id,
    joiner: match.joiner.id,
    commonInterests: [...match.commonInterests],
    mode: match.mode,
  };
}

const IDS = Array.from({ length: 30 }, (_, i) => `u${i}`);
/** Ids i and i + 20 share a client key (two tabs of one client). */
const KEY_OF = new Map(IDS.map((id, i) => [id, `k${i % 20}`]));
const VOCABULARY = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const POOLS: (string | undefined)[] = [undefined, '', 'p'];

/**
 * Run random joins, leaves, recordPartners and expiries with a randomly advancing clock,
 * checking the engine against the reference model and the invariants after every step.
 */
async function runRandomOperations(
  mm: Matchmaker,
  clock: FakeClock,
  options: MatchmakerOptions,
  seed: number,
  steps: number,
): Promise<void> {
  const rnd = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const model = new ReferenceModel(options.interestTimeoutMs, options.repeatAvoidMs);
  /** Ids matched (or left) since their last join: they must not appear in a match. */
  const gone = new Set<string>(IDS);
  const log: string[] = [];

  const checkMatch = (match: Match, step: number, context: string): void => {
    const { waiting, joiner } = match;
    const where = `${context} (seed ${seed}, step ${step})\n${log.slice(-12).join('\n')}`;
    assert.ok(!gone.has(waiting.id), `matched a user that left or was matched already: ${waiting.id}; ${where}`);
    assert.ok(!gone.has(joiner.id), `matched a user that left or was matched already: ${joiner.id}; ${where}`);
    assert.notEqual(waiting.id, joiner.id, `matched a user with themself; ${where}`);
    assert.notEqual(waiting.clientKey, joiner.clientKey, `matched two entries of one client; ${where}`);
    assert.equal(waiting.mode, joiner.mode, `matched across modes; ${where}`);
    assert.equal(waiting.pool ?? '', joiner.pool ?? '', `matched across pools; ${where}`);
    assert.ok(
      !model.avoided(waiting.clientKey, joiner.clientKey, clock.t, step),
      `matched repeat-avoided clients; ${where}`,
    );
    gone.add(waiting.id);
    gone.add(joiner.id);
  };

  for (let step = 0; step < steps; step += 1) {
    const r = rnd();
    if (r < 0.45) {
      const id = pick(IDS);
      const interests =
        rnd() < 0.4 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(VOCABULARY)))];
      const request: JoinRequest = {
        id,
        clientKey: KEY_OF.get(id) ?? id,
        mode: rnd() < 0.8 ? 'video' : 'text',
        interests,
      };
      const pool = pick(POOLS);
      if (pool !== undefined) request.pool = pool;
      log.push(`#${step} t=${clock.t} join ${JSON.stringify(request)}`);
      gone.delete(id);
      const expected = model.join(request, clock.t, step);
      const actual = await mm.join(request);
      if (actual !== null) {
        assert.equal(actual.joiner.id, id, 'the joiner of a join is the one who joined');
        checkMatch(actual, step, 'join');
      }
      assert.deepEqual(actual && toPairing(actual), expected, `join result (seed ${seed}, step ${step})`);
    } else if (r < 0.6) {
      const id = pick(IDS);
      log.push(`#${step} t=${clock.t} leave ${id}`);
      const expected = model.remove(id);
      gone.add(id);
      assert.equal(await mm.leave(id), expected, `leave result (seed ${seed}, step ${step})`);
    } else if (r < 0.87) {
      if (r < 0.8) clock.advance(Math.floor(rnd() * 700));
      if (r >= 0.835) {
        // As the server does: expire() exactly at nextDeadline().
        const deadline = model.nextDeadline();
        if (deadline !== null && deadline > clock.t) clock.t = deadline;
      }
      log.push(`#${step} t=${clock.t} expire`);
      const expected = model.expire(clock.t, step);
      const actual = await mm.expire();
      for (const match of actual) checkMatch(match, step, 'expire');
      assert.deepEqual(actual.map(toPairing), expected, `expire result (seed ${seed}, step ${step})`);
      assert.ok(
        model.waiting.every((u) => !model.retryDue(u, clock.t)),
        `expire() leaves no retry due (seed ${seed}, step ${step})`,
      );
    } else if (r < 0.93) {
      const a = `k${Math.floor(rnd() * 20)}`;
      const b = `k${Math.floor(rnd() * 20)}`;
      const forMs = rnd() < 0.5 ? undefined : Math.floor(rnd() * 3 * options.repeatAvoidMs);
      log.push(`#${step} t=${clock.t} recordPartners ${a} ${b} ${String(forMs)}`);
      model.record(a, b, clock.t + (forMs ?? options.repeatAvoidMs), step);
      await mm.recordPartners(a, b, forMs);
    } else {
      clock.advance(Math.floor(rnd() * 50));
      log.push(`#${step} t=${clock.t} (clock only)`);
    }

    const where = `(seed ${seed}, step ${step})`;
    assert.deepEqual(await mm.counts(), model.counts(), `counts ${where}`);
    assert.equal(await mm.nextDeadline(), model.nextDeadline(), `nextDeadline ${where}`);
    for (const id of IDS) {
      assert.equal(await mm.isWaiting(id), model.find(id) !== undefined, `isWaiting(${id}) ${where}`);
    }
    assertNoMissedPairs(model, clock.t, where);
  }
}

/**
 * No two waiting users should have been paired: users of one mode and pool and of different
 * clients who share an interest (or are both open) must have been kept apart by a repeat
 * avoidance at the moment the later of them joined (or became open), and must still be kept
 * apart now, unless a retry of one of them is due (expire() has not run since the avoidance
 * ended). Right after expire() no retry is due, so every such pair is kept apart at that time.
 */
function assertNoMissedPairs(model: ReferenceModel, now: number, where: string): void {
  const users = model.waiting;
  for (let i = 0; i < users.length; i += 1) {
    for (let j = i + 1; j < users.length; j += 1) {
      const x = users[i] as ModelUser;
      const y = users[j] as ModelUser;
      if (x.request.mode !== y.request.mode || x.pool !== y.pool) continue;
      if (x.request.clientKey === y.request.clientKey) continue;
      const keys = [x.request.clientKey, y.request.clientKey] as const;
      const shares = x.request.interests.some((interest) => y.request.interests.includes(interest));
      const bothOpen = x.openStep !== null && y.openStep !== null && x.openedAt !== null && y.openedAt !== null;
      if (shares) {
        const later = x.joinStep > y.joinStep ? x : y;
        assert.ok(
          model.avoided(...keys, later.joinedAt, later.joinStep),
          `${x.request.id} and ${y.request.id} share an interest and both wait ${where}`,
        );
      }
      if (bothOpen) {
        const later = (x.openStep ?? 0) > (y.openStep ?? 0) ? x : y;
        assert.ok(
          model.avoided(...keys, later.openedAt ?? 0, (later.openStep ?? 0) + 1),
          `${x.request.id} and ${y.request.id} are both open and both wait ${where}`,
        );
      }
      if (shares || bothOpen) {
        assert.ok(
          model.avoided(...keys, now) || model.retryDue(x, now) || model.retryDue(y, now),
          `${x.request.id} and ${y.request.id} could meet now, and no retry is due ${where}`,
        );
      }
    }
  }
}
