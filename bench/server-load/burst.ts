/**
 * Scenario "burst": every client joins at once (after one warm-up round): everyone matched? pairs per
 * second until the last `match:found`, per-client join → match p50/p95/p99, CPU of the measured round.
 */
import type { BurstResult } from '../load-generator.ts';
import { percentile, mergeSorted } from '../stats.ts';
import { connectAll, disconnectAll, resetAll, sumCpu, type LoadGenerator } from './load-generators.ts';
import { tcpTimeouts } from './proc-stats.ts';
import type { ServerUnderTest } from './server-under-test.ts';

/** One burst. */
export interface BurstRow {
  clients: number;
  matched: number;
  /** Joins refused by the server (should be 0). */
  refused: number;
  pairsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** First join sent → last match received. */
  durationMs: number;
  /** CPU time over the measured burst, ms (one core = wall time). */
  serverCpuMs: number;
  generatorCpuMs: number;
  /** Server RSS after the burst, MiB. */
  serverRssMiB: number;
  /** TCP retransmission timeouts during the burst (machine-wide; loopback should have none). */
  tcpTimeouts: number;
}

/** Connect `clients`, run a warm-up burst and the measured one, disconnect them. */
export async function runBurst(gens: readonly LoadGenerator[], server: ServerUnderTest, clients: number): Promise<BurstRow> {
  const timeoutMs = 30_000;
  await connectAll(gens, server.url, clients);
  const round = async () => {
    const cpu0 = server.cpuMs();
    const gen0 = sumCpu(gens);
    const re0 = tcpTimeouts();
    const results: BurstResult[] = (await Promise.all(gens.map((gen) => gen.ask<'burst'>({ type: 'burst', timeoutMs }, timeoutMs + 5_000))))
      .map((r) => r.result);
    return { results, serverCpuMs: server.cpuMs() - cpu0, generatorCpuMs: sumCpu(gens) - gen0, tcpTimeouts: tcpTimeouts() - re0 };
  };
  await round(); // warm-up: JIT, buffers
  await resetAll(gens);
  const { results, serverCpuMs, generatorCpuMs, tcpTimeouts: timeouts } = await round();
  const latencies = mergeSorted(results.map((r) => r.latencies));
  const matched = results.reduce((n, r) => n + r.matched, 0);
  const first = Math.min(...results.map((r) => r.firstJoinAt));
  const last = Math.max(...results.map((r) => r.lastMatchAt));
  const row: BurstRow = {
    clients,
    matched,
    refused: results.reduce((n, r) => n + r.refused, 0),
    pairsPerSecond: matched / 2 / ((last - first) / 1000),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    durationMs: last - first,
    serverCpuMs,
    generatorCpuMs,
    serverRssMiB: server.rssMiB(),
    tcpTimeouts: timeouts,
  };
  await resetAll(gens);
  await disconnectAll(gens);
  return row;
}
