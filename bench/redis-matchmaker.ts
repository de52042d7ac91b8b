/**
 * RedisMatchmaker benchmark: join → match latency on loopback against a real redis-server
 * (spawned on a free port, or REDIS_URL; keys under a fresh prefix), through one process and
 * across processes.
 *
 * Run directly: `node --import tsx bench/redis-matchmaker.ts [--quick]` prints a markdown table.
 *
 * Scenarios (each "process" is a RedisMatchmaker with its own ioredis connection):
 * - "join → match, one process": a user joins and waits, then a second user joins on the
 *   same process and is matched; the latency is the matching join's.
 * - "join → match, two processes": the same, the second user joining on another process.
 * - "join → match, N waiting": as the previous, beside N users already waiting in the same mode
 *   and pool with three interests each, none shared; the pair shares a fresh interest. The
 *   latency must not grow with N (no scan of the queue).
 * - "join (queued)": a join that finds nobody and queues.
 * - "concurrent joins, 3 processes × 32 in flight": joins without interests from three processes
 *   at once (half are matched); latency per join under load, and the throughput.
 *
 * `opsPerSec` is the join calls completed per second over the whole scenario (untimed
 * waiting joins included), on one event loop.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { JoinRequest } from '../packages/server/src/matchmaking/types.js';
import { RedisMatchmaker, type RedisMatchmakerOptions } from '../packages/server/src/redis/redis-matchmaker.js';
import { startRedis } from '@novu-chat/test-support/redis';
import { invokedDirectly } from './cli.ts';
import { int } from './format.ts';
import { percentile } from './stats.ts';

/** An ioredis connection. */
type Redis = RedisMatchmakerOptions['redis'];
/** ioredis, resolved from the server package (where it is a dependency), not from the repository root. */
const { Redis: RedisClient } = createRequire(new URL('../packages/server/package.json', import.meta.url))('ioredis') as {
  Redis: new (url: string) => Redis;
};

/** One measurement. */
export interface RedisBenchResult {
  /** The scenario. */
  name: string;
  /** Median latency of the measured operation (ms). */
  p50Ms: number;
  /** 99th-percentile latency (ms). */
  p99Ms: number;
  /** Join calls completed per second over the scenario. */
  opsPerSec: number;
}

function result(name: string, samples: number[], joins: number, seconds: number): RedisBenchResult {
  samples.sort((a, b) => a - b);
  return { name, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), opsPerSec: joins / seconds };
}

let counter = 0;
/** A fresh user (unique id and client key). */
function user(interests: string[] = []): JoinRequest {
  counter += 1;
  return { id: `u${counter}`, clientKey: `k${counter}`, mode: 'video', interests, pool: 'bench' };
}

/** Time `iterations` join → match pairs: `waiter` queues a user, `joiner` matches it. */
async function pairs(
  name: string,
  waiter: RedisMatchmaker,
  joiner: RedisMatchmaker,
  iterations: number,
  interests: () => string[] = () => [],
): Promise<RedisBenchResult> {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) {
    const shared = interests();
    if ((await waiter.join(user(shared))) !== null) throw new Error('the waiting user was matched');
    const t0 = performance.now();
    const match = await joiner.join(user(shared));
    samples.push(performance.now() - t0);
    if (match === null) throw new Error('the joiner was not matched');
  }
  return result(name, samples, 2 * iterations, (performance.now() - started) / 1_000);
}

/**
 * Run the scenarios against a throw-away redis-server (or REDIS_URL, under a fresh key prefix).
 * @param opts - `quick`: fewer iterations and a smaller waiting population.
 */
export async function benchRedisMatchmaker(opts: { quick?: boolean } = {}): Promise<RedisBenchResult[]> {
  const quick = opts.quick ?? false;
  const iterations = quick ? 2_000 : 20_000;
  const population = quick ? 1_000 : 10_000;
  const server = await startRedis();
  const connections: Redis[] = [];
  let heartbeats: NodeJS.Timeout | undefined;
  try {
    // A fresh key prefix: never touches other data on a REDIS_URL server.
    const keyPrefix = `bench:${randomUUID()}:`;
    const instance = async (processId: string): Promise<RedisMatchmaker> => {
      const redis = new RedisClient(server.url);
      connections.push(redis);
      const mm = new RedisMatchmaker({ redis, keyPrefix, processId, interestTimeoutMs: 10_000, repeatAvoidMs: 3_000 });
      await mm.heartbeat();
      return mm;
    };
    const a = await instance('bench-a');
    const b = await instance('bench-b');
    const c = await instance('bench-c');
    // As a server does: renew the heartbeats every processTtlMs / 3 (default TTL 5 s).
    heartbeats = setInterval(() => {
      for (const mm of [a, b, c]) void mm.heartbeat();
    }, 1_000);

    await pairs('warm-up', a, b, Math.min(500, iterations));
    const results: RedisBenchResult[] = [];
    results.push(await pairs('join → match, one process', a, a, iterations));
    results.push(await pairs('join → match, two processes', a, b, iterations));

    // A waiting population with interests nobody shares.
    for (let i = 0; i < population; i += 64) {
      const batch = Array.from({ length: Math.min(64, population - i) }, (_, j) => {
        const n = i + j;
        return a.join(user([`w${n}-1`, `w${n}-2`, `w${n}-3`]));
      });
      await Promise.all(batch);
    }
    let fresh = 0;
    results.push(
      await pairs(`join → match, ${int(population)} waiting`, a, b, iterations, () => [
        `fresh${(fresh += 1)}`,
      ]),
    );

    const queued: number[] = [];
    const queuedStart = performance.now();
    const queuedUsers: string[] = [];
    for (let i = 0; i < iterations; i += 1) {
      const request = user([`solo${i}`]);
      const t0 = performance.now();
      if ((await b.join(request)) !== null) throw new Error('a solo joiner was matched');
      queued.push(performance.now() - t0);
      queuedUsers.push(request.id);
    }
    results.push(result('join (queued)', queued, iterations, (performance.now() - queuedStart) / 1_000));
    await Promise.all(queuedUsers.map((id) => b.leave(id)));

    const inFlight = 32;
    const concurrent: number[] = [];
    const perWorker = Math.ceil(iterations / inFlight);
    const concurrentStart = performance.now();
    const worker = async (mm: RedisMatchmaker): Promise<void> => {
      for (let i = 0; i < perWorker; i += 1) {
        const t0 = performance.now();
        await mm.join(user());
        concurrent.push(performance.now() - t0);
      }
    };
    await Promise.all([a, b, c].flatMap((mm) => Array.from({ length: inFlight }, () => worker(mm))));
    results.push(
      result(
        `concurrent joins, 3 processes × ${inFlight} in flight`,
        concurrent,
        concurrent.length,
        (performance.now() - concurrentStart) / 1_000,
      ),
    );
    await Promise.all([a.dispose(), b.dispose(), c.dispose()]);
    return results;
  } finally {
    clearInterval(heartbeats);
    for (const connection of connections) connection.disconnect();
    await server.close();
  }
}

/** The results as a markdown table. */
export function formatRedisTable(results: readonly RedisBenchResult[]): string {
  const lines = ['| Scenario | p50 (ms) | p99 (ms) | joins/s |', '| --- | ---: | ---: | ---: |'];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.p50Ms.toFixed(3)} | ${r.p99Ms.toFixed(3)} | ${int(r.opsPerSec)} |`,
    );
  }
  return lines.join('\n');
}

if (invokedDirectly(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  const results = await benchRedisMatchmaker({ quick });
  console.log(`## RedisMatchmaker on loopback (${quick ? 'quick' : 'full'} run, Node ${process.version})\n`);
  console.log(formatRedisTable(results));
  console.log(`\n_Whole benchmark ${((Date.now() - started) / 1_000).toFixed(1)} s._`);
}
