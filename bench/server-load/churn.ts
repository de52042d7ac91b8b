/**
 * Scenario "paced churn", one step: the connected virtual users join at a paced rate, exchange
 * offer/answer, ICE candidates and chat messages, then "next". Join → match and offer/answer relay
 * latency, CPU and core-wait of every process, the server's GC pauses and heap over the measured
 * window; whether the step held.
 */
import type { ChurnResult, ChurnSpec } from '../load-generator.ts';
import { wallNow } from '../relay-stamp.ts';
import { mergeSorted, percentile } from '../stats.ts';
import { resetAll, sumCpu, sumWait, type LoadGenerator } from './load-generators.ts';
import { runQueueWaitMs, tcpTimeouts } from './proc-stats.ts';
import { GC_MAJOR, type ServerUnderTest } from './server-under-test.ts';

/** The p99 join → match a churn step must stay under. */
export const CHURN_P99_TARGET_MS = 50;

/** One paced-churn step. */
export interface ChurnRow {
  targetRate: number;
  /** Joins sent per second in the measured window. */
  achievedRate: number;
  joins: number;
  /** Measured joins not matched by the end of the drain. */
  unmatched: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  relaySamples: number;
  relayP50Ms: number;
  relayP99Ms: number;
  /** Share of one core over the measured window, %. */
  serverCpuPct: number;
  generatorCpuPct: number;
  /** Share of the window the server's (generators') main thread was runnable but waited for its core: other load on the machine, %. */
  serverWaitPct: number;
  generatorWaitPct: number;
  serverRssMiB: number;
  /** Server V8 heap used + external after the step, after a full GC: what the server retains, MiB. */
  serverHeapMiB: number;
  errors: number;
  firstError: string | undefined;
  /** Joins the generators could not send on time (no ready user, or a late event loop). */
  lateJoins: number;
  /** TCP retransmission timeouts during the step (machine-wide; loopback should have none). */
  tcpTimeouts: number;
  /** The server's GC pauses in the window: scavenges (count, total ms) and major GCs (count, longest ms). */
  gcMinorCount: number;
  gcMinorMs: number;
  gcMajorCount: number;
  gcMajorMaxMs: number;
  /** The generators' own event-loop delay in the window, worst generator: p99 and max, ms. */
  generatorLoopDelayP99Ms: number;
  generatorLoopDelayMaxMs: number;
  /** Whether the step held: rate within 5 %, everyone matched, no errors, p99 under the target. */
  held: boolean;
}

/** One step at `rate` joins/s (split over the generators); the server must run the memory probe. */
export async function runChurnStep(gens: readonly LoadGenerator[], server: ServerUnderTest, rate: number, spec: Omit<ChurnSpec, 'rate'>): Promise<ChurnRow> {
  const perGen = rate / gens.length;
  const timeoutMs = spec.warmupMs + spec.windowMs + spec.drainMs + 10_000;
  // CPU is read at the edges of the measured window (the warm-up and drain are excluded).
  const sample = () => ({
    cpu: server.cpuMs(),
    generatorCpu: sumCpu(gens),
    wait: runQueueWaitMs(server.pid),
    generatorWait: sumWait(gens),
    at: performance.now(),
    wall: wallNow(),
  });
  let first: ReturnType<typeof sample> | undefined;
  let last: ReturnType<typeof sample> | undefined;
  const marks = [
    setTimeout(() => (first = sample()), spec.warmupMs),
    setTimeout(() => (last = sample()), spec.warmupMs + spec.windowMs),
  ];
  let results: ChurnResult[];
  const re0 = tcpTimeouts();
  try {
    results = (await Promise.all(gens.map((gen) => gen.ask<'churn'>({ type: 'churn', spec: { ...spec, rate: perGen } }, timeoutMs))))
      .map((r) => r.result);
  } finally {
    marks.forEach(clearTimeout);
  }
  const rssMiB = server.rssMiB();
  const timeouts = tcpTimeouts() - re0;
  await resetAll(gens);
  const heap = await server.memory();
  const joins = results.reduce((n, r) => n + r.joins, 0);
  const matched = results.reduce((n, r) => n + r.matched, 0);
  const latencies = mergeSorted(results.map((r) => r.joinToMatch));
  const relay = mergeSorted(results.map((r) => r.relay));
  const errors = results.reduce((n, r) => n + r.errors, 0);
  const seconds = spec.windowMs / 1000;
  const t0 = first ?? { cpu: 0, generatorCpu: 0, wait: 0, generatorWait: 0, at: 0, wall: 0 };
  const t1 = last ?? t0;
  const wall = t1.at > t0.at ? t1.at - t0.at : Number.NaN;
  const pauses = heap.gc.filter(([at]) => at >= t0.wall && at < t1.wall);
  const minor = pauses.filter(([, , kind]) => kind !== GC_MAJOR);
  const major = pauses.filter(([, , kind]) => kind === GC_MAJOR);
  const row: ChurnRow = {
    targetRate: rate,
    achievedRate: joins / seconds,
    joins,
    unmatched: joins - matched,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: joins > matched ? Infinity : percentile(latencies, 99),
    relaySamples: relay.length,
    relayP50Ms: percentile(relay, 50),
    relayP99Ms: percentile(relay, 99),
    serverCpuPct: ((t1.cpu - t0.cpu) / wall) * 100,
    generatorCpuPct: ((t1.generatorCpu - t0.generatorCpu) / wall) * 100,
    serverWaitPct: ((t1.wait - t0.wait) / wall) * 100,
    generatorWaitPct: ((t1.generatorWait - t0.generatorWait) / wall) * 100,
    serverRssMiB: rssMiB,
    serverHeapMiB: (heap.heapUsed + heap.external) / 2 ** 20,
    errors,
    firstError: results.find((r) => r.firstError)?.firstError,
    lateJoins: results.reduce((n, r) => n + r.starved + r.overflowed, 0),
    tcpTimeouts: timeouts,
    gcMinorCount: minor.length,
    gcMinorMs: minor.reduce((sum, [, duration]) => sum + duration, 0),
    gcMajorCount: major.length,
    gcMajorMaxMs: Math.max(0, ...major.map(([, duration]) => duration)),
    generatorLoopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
    generatorLoopDelayMaxMs: Math.max(...results.map((r) => r.loopDelayMaxMs)),
    held: false,
  };
  row.held = row.achievedRate >= 0.95 * rate && row.unmatched === 0 && errors === 0 && row.p99Ms <= CHURN_P99_TARGET_MS;
  return row;
}
