/**
 * RedisMatchmaker against a real redis-server (spawned by `startRedis()`, or REDIS_URL):
 * the shared conformance suite, then what only a shared store has — several processes,
 * concurrency, dead processes and their clean-up.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, afterEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { Mode } from '@novu-chat/protocol';
import { startRedis, type TestRedis } from '@novu-chat/test-support/redis';
import type { JoinRequest, Match } from '../src/matchmaking/types.js';
import { RedisMatchmaker, type RedisMatchmakerOptions } from '../src/redis/redis-matchmaker.js';
import { matchmakerConformance } from './matchmaker-conformance.js';
import { seededRandom } from '@novu-chat/test-support/random';
import { FakeClock, pairOf, START, user } from '@novu-chat/test-support/matchmaking-fixtures';

const TIMEOUT = 10_000;
const AVOID = 60_000;
const PREFIX = 'novu:';



function shuffle<T>(items: T[], rnd: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Started before any test is registered: without redis-server the file fails with the install hint. */
const server: TestRedis = await startRedis();

describe('RedisMatchmaker', () => {
  /** The connection the conformance suite and the assertions use. */
  const redis = new Redis(server.url);
  /** Every connection opened by a test, closed after it. */
  const connections: Redis[] = [];
  let processes = 0;

  after(async () => {
    redis.disconnect();
    await server.close();
  });

  matchmakerConformance(
    'RedisMatchmaker',
    async (options) => {
      const mm = new RedisMatchmaker({ ...options, redis, processId: `conformance-${++processes}`, processTtlMs: 600_000 });
      await mm.heartbeat();
      return mm;
    },
    async () => {
      await redis.flushdb();
    },
  );

  describe('several processes', () => {
    afterEach(async () => {
      for (const connection of connections.splice(0)) connection.disconnect();
      await redis.flushdb();
    });

    /** A "process": its own connection and process id, with a live heartbeat. */
    async function instance(
      processId: string,
      clock: { now: () => number },
      options: Partial<RedisMatchmakerOptions> = {},
    ): Promise<RedisMatchmaker> {
      // As the server connects: with auto-pipelining.
      const connection = new Redis(server.url, { enableAutoPipelining: true });
      connections.push(connection);
      const mm = new RedisMatchmaker({
        interestTimeoutMs: TIMEOUT,
        repeatAvoidMs: AVOID,
        now: clock.now,
        processTtlMs: 600_000,
        ...options,
        redis: connection,
        processId,
      });
      await mm.heartbeat();
      return mm;
    }

    /** Entry, list and owner keys left in Redis (diagnostic keys excluded). */
    async function queueKeys(): Promise<string[]> {
      const keys = await redis.keys(`${PREFIX}*`);
      return keys.filter((key) => /^novu:(e:|b:|own:|procs$|deadlines$)/.test(key)).sort();
    }

    it('pairs users who joined on different processes', async () => {
      const clock = new FakeClock();
      const a = await instance('A', clock);
      const b = await instance('B', clock);
      assert.equal(await a.join(user('x')), null);
      assert.equal(await b.isWaiting('x'), true);
      const match = await b.join(user('y'));
      assert.deepEqual(pairOf(match), ['x', 'y']);
      assert.deepEqual(match?.waiting, user('x'));
      assert.equal(await a.join(user('m1', { interests: ['music', 'art'], pool: 'site' })), null);
      const shared = await b.join(user('m2', { interests: ['art'], pool: 'site' }));
      assert.deepEqual(pairOf(shared), ['m1', 'm2']);
      assert.deepEqual(shared?.commonInterests, ['art']);
      assert.deepEqual(await a.counts(), { total: 0, byMode: { video: 0, text: 0 } });
      // The repeat avoidance recorded by B holds on A.
      assert.equal(await b.join(user('x2', { clientKey: 'key-x' })), null);
      assert.equal(await a.join(user('y2', { clientKey: 'key-y' })), null);
      assert.equal((await b.counts()).total, 2);
    });

    it('never hands one waiting user to two processes', async () => {
      const clock = new FakeClock();
      const mms = [await instance('A', clock), await instance('B', clock), await instance('C', clock)];
      assert.equal(await mms[0]?.join(user('w')), null);
      const joins = Array.from({ length: 60 }, (_, i) => (mms[i % 3] as RedisMatchmaker).join(user(`j${i}`)));
      const matches = (await Promise.all(joins)).filter((m): m is Match => m !== null);
      assert.equal(matches.filter((m) => m.waiting.id === 'w').length, 1);
      const ids = matches.flatMap((m) => [m.waiting.id, m.joiner.id]);
      assert.equal(new Set(ids).size, ids.length, 'nobody matched twice');
      assert.equal(matches.length, 30, '61 users: 30 pairs and one waiting');
      assert.equal((await mms[2]?.counts())?.total, 1);
    });

    it('expires a user of one process from another, and reports its deadline everywhere', async () => {
      const clock = new FakeClock();
      const a = await instance('A', clock);
      const b = await instance('B', clock);
      const c = await instance('C', clock);
      assert.equal(await a.join(user('picky', { interests: ['music'] })), null);
      clock.advance(100);
      assert.equal(await c.join(user('open')), null);
      assert.equal(await b.nextDeadline(), START + TIMEOUT);
      assert.equal(await c.nextDeadline(), START + TIMEOUT);
      clock.advance(TIMEOUT - 101);
      assert.deepEqual(await b.expire(), []);
      clock.advance(1);
      const matches = await b.expire();
      assert.deepEqual(matches.map(pairOf), [['open', 'picky']]);
      assert.deepEqual(await a.expire(), [], 'a timeout is processed once');
      assert.equal(await a.nextDeadline(), null);
      assert.equal((await c.counts()).total, 0);
    });

    it('hands back every field of the waiting request (ipKey, node)', async () => {
      const clock = new FakeClock();
      const a = await instance('A', clock);
      const b = await instance('B', clock);
      const waiting: JoinRequest = { ...user('x', { interests: ['Music', 'music'], pool: 'p' }), ipKey: 'ip-x', node: 'A' };
      const joiner: JoinRequest = { ...user('y', { interests: ['music'], pool: 'p' }), ipKey: 'ip-y', node: 'B' };
      assert.equal(await a.join(waiting), null);
      const match = await b.join(joiner);
      assert.deepEqual(match, { waiting, joiner, commonInterests: ['music'], mode: 'video' });
      assert.equal(await a.join(waiting), null);
      assert.equal(await a.join({ ...joiner, id: 'z', clientKey: 'key-z', interests: ['film'] }), null);
      clock.advance(TIMEOUT);
      assert.deepEqual(await b.expire(), [
        { waiting, joiner: { ...joiner, id: 'z', clientKey: 'key-z', interests: ['film'] }, commonInterests: [], mode: 'video' },
      ]);
    });

    it('moves an entry to the process of a repeated join', async () => {
      const clock = new FakeClock();
      const a = await instance('A', clock);
      const b = await instance('B', clock);
      assert.equal(await a.join(user('x', { mode: 'video' })), null);
      assert.equal(await b.join(user('x', { mode: 'text', interests: ['music'] })), null);
      assert.deepEqual(await a.counts(), { total: 1, byMode: { video: 0, text: 1 } });
      await a.dispose();
      assert.equal(await b.isWaiting('x'), true, 'the entry belongs to B now');
      await b.dispose();
      assert.equal(await b.isWaiting('x'), false);
    });

    it('skips and removes the waiting users of a process whose heartbeat is gone', async () => {
      const clock = new FakeClock();
      const dead = await instance('dead', clock);
      const b = await instance('B', clock);
      assert.equal(await dead.join(user('d1')), null);
      assert.equal(await dead.join(user('d2', { interests: ['music'] })), null);
      assert.equal(await dead.join(user('d3', { mode: 'text' })), null);
      assert.equal(await dead.join(user('d4', { pool: 'elsewhere' })), null);
      clock.advance(1);
      assert.equal(await b.join(user('b0', { interests: ['film'] })), null);
      await redis.del(`${PREFIX}proc:dead`);

      assert.equal(await b.isWaiting('d1'), false, 'a dead process has no waiting users');
      assert.equal(await b.join(user('b1')), null, 'd1 is skipped');
      assert.equal(await b.join(user('b2', { interests: ['music'] })), null, 'd2 is skipped');
      assert.deepEqual(await b.counts(), { total: 5, byMode: { video: 4, text: 1 } }, 'd1 and d2 removed on the way');
      assert.equal(await b.nextDeadline(), START + 1 + TIMEOUT, "b0's deadline, d2's is gone");
      assert.equal(await b.leave('d4'), false, 'a user of a dead process was not waiting');
      assert.equal(await b.sweep(), 1, 'd3');
      assert.deepEqual(await b.counts(), { total: 3, byMode: { video: 3, text: 0 } });
      assert.equal(await b.sweep(), 0);
      assert.deepEqual((await queueKeys()).filter((key) => /own:dead|e:d[0-9]|elsewhere/.test(key)), []);
      assert.deepEqual(await redis.smembers(`${PREFIX}procs`), ['B']);
      // The live users still meet.
      assert.deepEqual(pairOf(await b.join(user('b3'))), ['b1', 'b3']);
    });

    it('removes the due timeouts of a dead process in expire()', async () => {
      const clock = new FakeClock();
      const dead = await instance('dead', clock);
      const b = await instance('B', clock);
      assert.equal(await dead.join(user('d1', { interests: ['music'] })), null);
      assert.equal(await b.join(user('open')), null);
      await redis.del(`${PREFIX}proc:dead`);
      clock.advance(TIMEOUT);
      assert.deepEqual(await b.expire(), []);
      assert.deepEqual(await b.counts(), { total: 1, byMode: { video: 1, text: 0 } });
      assert.equal(await b.nextDeadline(), null);
    });

    it('runs a retry on any process, and drops the retries of dead processes', async () => {
      const clock = new FakeClock();
      const a = await instance('A', clock);
      const b = await instance('B', clock);
      const dead = await instance('dead', clock);
      await a.recordPartners('key-x', 'key-y');
      await b.recordPartners('key-d', 'key-w', AVOID / 2);
      assert.equal(await a.join(user('x')), null);
      assert.equal(await b.join(user('y')), null);
      assert.equal(await b.join(user('w', { mode: 'text' })), null);
      assert.equal(await dead.join(user('d', { mode: 'text' })), null);
      assert.equal(await a.nextDeadline(), START + AVOID / 2, "d's retry");
      assert.equal(await redis.zcard(`${PREFIX}retries`), 2);
      await redis.del(`${PREFIX}proc:dead`);
      assert.equal(await a.nextDeadline(), START + AVOID, "y's retry; d's is dropped with d");
      assert.deepEqual(await b.counts(), { total: 3, byMode: { video: 2, text: 1 } });
      clock.t = START + AVOID;
      assert.deepEqual((await a.expire()).map(pairOf), [['x', 'y']]);
      assert.deepEqual(await b.expire(), [], 'a retry runs once');
      assert.equal(await b.nextDeadline(), null);
      assert.deepEqual(await queueKeys(), ['novu:b:text:0::plain', 'novu:e:w', 'novu:own:B', 'novu:procs']);
    });

    it('lets a heartbeat lapse by its TTL, and tells a process that its lease was lost', async () => {
      const clock = new FakeClock();
      let lost = 0;
      const a = await instance('A', clock, { processTtlMs: 300, onLeaseLost: () => (lost += 1) });
      const b = await instance('B', clock);
      assert.equal(await a.join(user('a1', { mode: 'text' })), null);
      await a.heartbeat();
      assert.equal(lost, 0);
      await new Promise((resolve) => setTimeout(resolve, 700));
      assert.equal(await b.isWaiting('a1'), false);
      assert.equal(await b.sweep(), 1);
      await a.heartbeat();
      assert.equal(lost, 1);
      assert.equal(await a.join(user('a2', { mode: 'text' })), null);
      assert.deepEqual(pairOf(await b.join(user('b1', { mode: 'text' }))), ['a2', 'b1']);
    });

    it('leaves no ghosts when a process is killed (kill -9)', async () => {
      const b = await instance('B', { now: Date.now });
      const fixture = fileURLToPath(new URL('./fixtures/redis-matchmaker-process.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', fixture, server.url, 'child', '30', '1000'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        const exited = once(child, 'exit').then(([code]) => {
          throw new Error(`the child process exited with ${String(code)} before it was ready`);
        });
        const [chunk] = (await Promise.race([once(child.stdout, 'data'), exited])) as [Buffer];
        assert.equal(chunk.toString().trim(), 'ready');
        assert.equal(await b.isWaiting('child-0'), true);
        assert.equal((await b.counts()).total, 30);
      } finally {
        child.kill('SIGKILL');
      }
      await once(child, 'exit');
      const deadline = Date.now() + 3_000;
      while ((await redis.exists(`${PREFIX}proc:child`)) === 1) {
        assert.ok(Date.now() < deadline, 'the heartbeat lapses within its TTL');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(await b.join(user('b1')), null, 'no child user is handed out');
      assert.equal(await b.join(user('b2', { interests: ['music'] })), null);
      assert.equal(await b.join(user('b3', { mode: 'text' })), null);
      const removed = await b.sweep();
      assert.ok(removed > 0 && removed < 30, `the joins removed some, sweep the rest (swept ${removed})`);
      assert.deepEqual(await b.counts(), { total: 3, byMode: { video: 2, text: 1 } });
      assert.deepEqual((await queueKeys()).filter((key) => key.includes('child')), []);
    });

    it('removes a process’s entries and heartbeat on dispose()', async () => {
      const clock = new FakeClock();
      const a = await instance('A', clock);
      const b = await instance('B', clock);
      assert.equal(await a.join(user('a1')), null);
      assert.equal(await a.join(user('a2', { interests: ['music'] })), null);
      assert.equal(await a.join(user('a3', { mode: 'text', pool: 'p' })), null);
      assert.equal(await b.join(user('b1', { mode: 'text' })), null);
      await a.dispose();
      assert.equal(await redis.exists(`${PREFIX}proc:A`), 0);
      assert.deepEqual(await b.counts(), { total: 1, byMode: { video: 0, text: 1 } });
      assert.equal(await b.nextDeadline(), null);
      for (const id of ['a1', 'a2', 'a3']) assert.equal(await b.isWaiting(id), false);
      assert.deepEqual(await queueKeys(), ['novu:b:text:0::plain', 'novu:e:b1', 'novu:own:B', 'novu:procs']);
      await b.leave('b1');
      assert.deepEqual(await queueKeys(), [], 'an empty queue leaves no keys');
    });

    it('loads its scripts again after SCRIPT FLUSH', async () => {
      const clock = new FakeClock();
      const a = await instance('A', clock);
      assert.equal(await a.join(user('x')), null);
      await redis.script('FLUSH');
      const [first, second] = await Promise.all([a.join(user('y')), a.join(user('z'))]);
      assert.deepEqual(pairOf(first), ['x', 'y']);
      assert.equal(second, null);
      assert.equal(await a.isWaiting('z'), true);
    });

    it('bounds the candidates a search skips with scanLimit', async () => {
      const clock = new FakeClock();
      const mm = await instance('A', clock, { scanLimit: 2 });
      assert.equal(await mm.join(user('a', { clientKey: 'same' })), null);
      assert.equal(await mm.join(user('b', { clientKey: 'same' })), null);
      await mm.recordPartners('other', 'same');
      assert.equal(await mm.join(user('c', { clientKey: 'other' })), null);
      assert.equal(await mm.join(user('e', { clientKey: 'same' })), null, 'a and b skipped, c not looked at');
      assert.deepEqual(pairOf(await mm.join(user('f'))), ['a', 'f']);
    });

    it('keeps every invariant under 500 concurrent joins, leaves and expiries on 3 processes', async () => {
      const clock = new FakeClock();
      const options = { interestTimeoutMs: 1_000, repeatAvoidMs: AVOID };
      const mms = [
        await instance('A', clock, options),
        await instance('B', clock, options),
        await instance('C', clock, options),
      ];
      const rnd = seededRandom(42);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
      const on = (): RedisMatchmaker => pick(mms);
      const users = new Map<string, JoinRequest>();
      const joinedAt = new Map<string, number>();
      const matches: Match[] = [];
      const left = new Set<string>();
      let next = 0;

      for (let round = 0; round < 5; round += 1) {
        const ops: (() => Promise<void>)[] = [];
        for (let i = 0; i < 100; i += 1) {
          const n = next++;
          const request = user(`u${n}`, {
            clientKey: `k${n % 400}`,
            mode: rnd() < 0.7 ? 'video' : 'text',
            pool: pick(['', 'p']),
            interests: [...new Set(Array.from({ length: Math.floor(rnd() * 3) }, () => pick(['a', 'b', 'c', 'd'])))],
          });
          users.set(request.id, request);
          joinedAt.set(request.id, clock.t);
          ops.push(async () => {
            const match = await on().join(request);
            if (match) {
              assert.equal(match.joiner.id, request.id);
              matches.push(match);
            }
          });
        }
        for (let i = 0; i < 30; i += 1) {
          const id = `u${Math.floor(rnd() * next)}`;
          ops.push(async () => {
            if (await on().leave(id)) left.add(id);
          });
        }
        for (let i = 0; i < 6; i += 1) ops.push(async () => void matches.push(...(await on().expire())));
        await Promise.all(shuffle(ops, rnd).map((op) => op()));
        clock.advance(400);
      }
      clock.advance(1_000);
      matches.push(...(await on().expire()));

      const matched = new Set<string>();
      const avoided = new Set<string>();
      const open = (id: string): boolean =>
        (users.get(id)?.interests.length ?? 0) === 0 || (joinedAt.get(id) ?? 0) + 1_000 <= clock.t;
      for (const { waiting, joiner, commonInterests, mode } of matches) {
        for (const id of [waiting.id, joiner.id]) {
          assert.ok(!matched.has(id), `${id} matched twice`);
          assert.ok(!left.has(id), `${id} matched after leaving`);
          matched.add(id);
        }
        assert.notEqual(waiting.clientKey, joiner.clientKey);
        assert.equal(waiting.mode, joiner.mode);
        assert.equal(mode, joiner.mode);
        assert.equal(waiting.pool ?? '', joiner.pool ?? '');
        const shared = waiting.interests.filter((i) => joiner.interests.includes(i)).sort();
        assert.deepEqual(commonInterests, shared);
        assert.ok(shared.length > 0 || (open(waiting.id) && open(joiner.id)), `${waiting.id}/${joiner.id} share nothing`);
        avoided.add(`${waiting.clientKey}|${joiner.clientKey}`).add(`${joiner.clientKey}|${waiting.clientKey}`);
      }
      const waiting: JoinRequest[] = [];
      for (const [id, request] of users) {
        const isWaiting = await on().isWaiting(id);
        const outcomes = [matched.has(id), left.has(id), isWaiting].filter(Boolean).length;
        assert.equal(outcomes, 1, `${id} must be exactly one of matched, left, waiting`);
        if (isWaiting) waiting.push(request);
      }
      const byMode = { video: 0, text: 0 };
      for (const request of waiting) byMode[request.mode] += 1;
      assert.deepEqual(await on().counts(), { total: waiting.length, byMode });
      const pending = await on().nextDeadline();
      // Retries of users kept from each other (AVOID) may still be pending, but nothing is due.
      assert.ok(pending === null || pending > clock.t, 'every due timeout and retry processed');
      assert.ok(matches.length > 100, `plenty of matches (${matches.length})`);
      // Everyone left is open now: no two of them may still be pairable.
      for (let i = 0; i < waiting.length; i += 1) {
        for (let j = i + 1; j < waiting.length; j += 1) {
          const x = waiting[i] as JoinRequest;
          const y = waiting[j] as JoinRequest;
          const pairable =
            x.mode === y.mode &&
            (x.pool ?? '') === (y.pool ?? '') &&
            x.clientKey !== y.clientKey &&
            !avoided.has(`${x.clientKey}|${y.clientKey}`);
          assert.ok(!pairable, `${x.id} and ${y.id} both wait but could be paired`);
        }
      }
      // Hygiene: once everyone leaves, no queue structure is left behind.
      await Promise.all(waiting.map((request) => on().leave(request.id)));
      assert.deepEqual(await queueKeys(), []);
      assert.deepEqual(await on().counts(), { total: 0, byMode: { video: 0, text: 0 } });
    });
  });
});
