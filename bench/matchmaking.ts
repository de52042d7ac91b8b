/**
 * Matchmaking engine benchmark: throughput of join → match and the cost of one join,
 * leave or timeout with 1k, 10k and 100k users already waiting. The cost per operation
 * must stay flat as the queue grows (no operation scans the queue).
 *
 * Run directly: `node --import tsx bench/matchmaking.ts [--quick]` prints a markdown table.
 *
 * Two populations are measured:
 * - "interests": every waiting user holds 3 interests from a large vocabulary (3 words per
 *   user, none shared, so nobody already waiting could be paired), all in one mode and pool.
 *   Probes sharing one word with a waiting user match; joins with unused words queue.
 * - "no interests": every waiting user has no interests and waits alone in its own pool
 *   (as with many embedding sites); probes into a used pool match, into a new pool queue.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Mode } from '@novu-chat/protocol';
import { MemoryMatchmaker, type JoinRequest } from '../packages/server/src/matchmaking/index.js';

/** One measurement. */
export interface BenchResult {
  /** Scenario and queue size, for display. */
  name: string;
  /** What was measured (one operation of it). */
  scenario: string;
  /** Users waiting while measuring. */
  waiting: number;
  /** Operations measured. */
  ops: number;
  /** Time the operations took, in seconds (setup excluded). */
  seconds: number;
  /** Operations per second. */
  opsPerSec: number;
  /** Nanoseconds per operation. */
  nsPerOp: number;
}

/** Benchmark options. */
export interface BenchMatchmakingOptions {
  /** Fewer operations per measurement (the whole run takes a few seconds). */
  quick?: boolean;
}

const SIZES = [1_000, 10_000, 100_000];
const MODE: Mode = 'video';
/** Long enough that no timeout falls due unless a scenario makes it. */
const INTEREST_TIMEOUT_MS = 1_000_000_000;
const REPEAT_AVOID_MS = 60_000;

/** A seeded generator, so every run measures the same operations. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** A matchmaker with a controllable clock and a known population of waiting users. */
class Harness {
  time = 0;
  readonly mm: MemoryMatchmaker;
  /** The waiting population (order irrelevant; swap-removed). */
  readonly alive: JoinRequest[] = [];
  readonly #rnd = random(42);
  #serial = 0;

  constructor(
    readonly kind: 'interests' | 'plain',
    interestTimeoutMs = INTEREST_TIMEOUT_MS,
  ) {
    this.mm = new MemoryMatchmaker({
      interestTimeoutMs,
      repeatAvoidMs: REPEAT_AVOID_MS,
      now: () => this.time,
    });
  }

  /** A request that queues: unused interests, or a new pool. */
  fresh(kind = this.kind): JoinRequest {
    const n = (this.#serial += 1);
    const request: JoinRequest = { id: `s${n}`, clientKey: `c${n}`, mode: MODE, interests: [] };
    if (kind === 'interests') request.interests = [`w${n}a`, `w${n}b`, `w${n}c`];
    else request.pool = `site-${n}`;
    return request;
  }

  /** A request that matches the waiting user `target` (shares one interest, or its pool). */
  probeFor(target: JoinRequest): JoinRequest {
    const request = this.fresh();
    if (this.kind === 'interests') {
      const shared = target.interests[Math.floor(this.#rnd() * target.interests.length)] ?? '';
      request.interests = [request.interests[0] ?? '', request.interests[1] ?? '', shared];
    } else if (target.pool !== undefined) {
      request.pool = target.pool;
    }
    return request;
  }

  /** Remove a random waiting user from the population list and return it. */
  takeRandom(): JoinRequest {
    const i = Math.floor(this.#rnd() * this.alive.length);
    const last = this.alive.pop();
    if (last === undefined) throw new Error('population is empty');
    if (i >= this.alive.length) return last;
    const taken = this.alive[i] as JoinRequest;
    this.alive[i] = last;
    return taken;
  }

  /** Add queued users until `size` wait. */
  fill(size: number): void {
    while (this.alive.length < size) {
      const request = this.fresh();
      this.time += 1;
      if (this.mm.join(request) !== null) throw new Error('a population join matched');
      this.alive.push(request);
    }
  }
}

/** Time `run` over `count` operations prepared by `prepare`, restoring the population with `restore`. */
function measure<T>(
  totalOps: number,
  batchSize: number,
  prepare: (count: number) => T,
  run: (batch: T) => void,
  restore: (batch: T) => void,
): { ops: number; seconds: number } {
  let ns = 0n;
  let ops = 0;
  while (ops < totalOps) {
    const count = Math.min(batchSize, totalOps - ops);
    const batch = prepare(count);
    const start = process.hrtime.bigint();
    run(batch);
    ns += process.hrtime.bigint() - start;
    restore(batch);
    ops += count;
  }
  return { ops, seconds: Number(ns) / 1e9 };
}

/** A scenario: a name and a measurement on a harness holding `waiting` users. */
interface Scenario {
  readonly name: string;
  readonly kind: 'interests' | 'plain';
  readonly interestTimeoutMs?: number;
  run(h: Harness, waiting: number, ops: number, batch: number): { ops: number; seconds: number };
}

/** Join a probe that matches a random waiting user; the population is refilled between batches. */
function matchOne(name: string, kind: 'interests' | 'plain'): Scenario {
  return {
    name,
    kind,
    run: (h, waiting, ops, batch) =>
      measure(
        ops,
        batch,
        (count) => Array.from({ length: count }, () => h.probeFor(h.takeRandom())),
        (probes) => {
          for (const probe of probes) {
            if (h.mm.join(probe) === null) throw new Error('a probe did not match');
          }
        },
        () => h.fill(waiting),
      ),
  };
}

/** Join a user who queues; they leave again (untimed) between batches. */
function joinQueued(name: string, kind: 'interests' | 'plain'): Scenario {
  return {
    name,
    kind,
    run: (h, _waiting, ops, batch) =>
      measure(
        ops,
        batch,
        (count) => Array.from({ length: count }, () => h.fresh()),
        (joiners) => {
          for (const joiner of joiners) {
            if (h.mm.join(joiner) !== null) throw new Error('a queued join matched');
          }
        },
        (joiners) => {
          for (const joiner of joiners) h.mm.leave(joiner.id);
        },
      ),
  };
}

/** A random waiting user leaves; the population is refilled between batches. */
function leaveOne(name: string, kind: 'interests' | 'plain'): Scenario {
  return {
    name,
    kind,
    run: (h, waiting, ops, batch) =>
      measure(
        ops,
        batch,
        (count) => Array.from({ length: count }, () => h.takeRandom().id),
        (ids) => {
          for (const id of ids) {
            if (!h.mm.leave(id)) throw new Error('leave of a waiting user failed');
          }
        },
        () => h.fill(waiting),
      ),
  };
}

/** Two users without interests join and are paired (one op = one pair), beside the population. */
const pairWithoutInterests: Scenario = {
  name: 'join → match pair, no interests (pairs)',
  kind: 'interests',
  run: (h, _waiting, ops, batch) =>
    measure(
      ops,
      batch,
      (count) => Array.from({ length: count * 2 }, () => h.fresh('plain')).map((r) => ({ ...r, pool: '' })),
      (joiners) => {
        for (let i = 0; i < joiners.length; i += 2) {
          h.mm.join(joiners[i] as JoinRequest);
          if (h.mm.join(joiners[i + 1] as JoinRequest) === null) throw new Error('a pair did not match');
        }
      },
      () => undefined,
    ),
};

/**
 * The caller's timer fires at nextDeadline() and calls expire(): one op = one timeout
 * processed (every second one pairs with the previous, both being open).
 */
const expireOne: Scenario = {
  name: 'timeout fires: nextDeadline + expire',
  kind: 'interests',
  interestTimeoutMs: 60_000,
  run: (h, waiting, ops, batch) =>
    measure(
      ops,
      batch,
      (count) => count,
      (count) => {
        for (let i = 0; i < count; i += 1) {
          const deadline = h.mm.nextDeadline();
          if (deadline === null) throw new Error('no deadline pending');
          h.time = Math.max(h.time, deadline);
          h.mm.expire();
        }
      },
      () => {
        // Refill with new users, whose timeouts fall due after everyone else's.
        const missing = waiting - h.mm.counts().total;
        for (let i = 0; i < missing; i += 1) {
          h.time += 1;
          h.mm.join(h.fresh());
        }
      },
    ),
};

const SCENARIOS: Scenario[] = [
  pairWithoutInterests,
  matchOne('join → match, shared interest', 'interests'),
  joinQueued('join, queued (3 unused interests)', 'interests'),
  leaveOne('leave (user with 3 interests)', 'interests'),
  expireOne,
  matchOne('join → match, no interests (own pool)', 'plain'),
  joinQueued('join, queued (no interests, new pool)', 'plain'),
  leaveOne('leave (user without interests)', 'plain'),
];

/**
 * Measure the in-memory matchmaking engine.
 *
 * @param opts - `quick`: fewer operations per measurement (about a tenth).
 * @returns One result per scenario and queue size (1k, 10k, 100k waiting).
 */
export async function benchMatchmaking(opts: BenchMatchmakingOptions = {}): Promise<BenchResult[]> {
  const ops = opts.quick === true ? 20_000 : 200_000;
  const results: BenchResult[] = [];
  for (const scenario of SCENARIOS) {
    for (const waiting of SIZES) {
      const h = new Harness(scenario.kind, scenario.interestTimeoutMs);
      h.fill(waiting);
      const batch = Math.max(1, Math.floor(waiting / 10));
      scenario.run(h, waiting, Math.min(ops, 5_000), batch); // warm-up
      const measured = scenario.run(h, waiting, ops, batch);
      if (h.mm.counts().total < waiting - 1) throw new Error(`${scenario.name}: population shrank`);
      results.push({
        name: `${scenario.name} @ ${label(waiting)} waiting`,
        scenario: scenario.name,
        waiting,
        ops: measured.ops,
        seconds: measured.seconds,
        opsPerSec: measured.ops / measured.seconds,
        nsPerOp: (measured.seconds * 1e9) / measured.ops,
      });
      // Let the harness be collected before the next one is built.
      await new Promise((done) => setImmediate(done));
    }
  }
  return results;
}

function label(n: number): string {
  return n >= 1_000 ? `${n / 1_000}k` : String(n);
}

/** The results as a markdown table, one row per scenario, one column group per queue size. */
export function formatMatchmakingTable(results: readonly BenchResult[]): string {
  const sizes = [...new Set(results.map((r) => r.waiting))];
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const head = ['operation', ...sizes.map((s) => `ns/op @ ${label(s)}`), ...sizes.map((s) => `ops/s @ ${label(s)}`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const scenario of scenarios) {
    const row = sizes.map((s) => results.find((r) => r.scenario === scenario && r.waiting === s));
    lines.push(
      `| ${[
        scenario,
        ...row.map((r) => (r === undefined ? '' : Math.round(r.nsPerOp).toLocaleString('en-US'))),
        ...row.map((r) => (r === undefined ? '' : Math.round(r.opsPerSec).toLocaleString('en-US'))),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  const results = await benchMatchmaking({ quick });
  console.log(`## Matchmaking (${quick ? 'quick' : 'full'} run, Node ${process.version})\n`);
  console.log(formatMatchmakingTable(results));
  console.log(`\n_${results.reduce((n, r) => n + r.ops, 0).toLocaleString('en-US')} operations measured in ${((Date.now() - started) / 1_000).toFixed(1)} s overall._`);
}
