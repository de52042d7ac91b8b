/**
 * Cluster benchmark: 1, 2 and 3 server processes on one Redis (loopback only, bounded).
 * - burst: N clients spread over the processes join at once; pairs per second until all matched;
 * - latency: sequential pairs whose two users sit on different processes (when n > 1); time from
 *   the second `queue:join` to `match:found` on both sides, p50/p99.
 * Run directly: `node --import tsx bench/cluster.ts [--quick]`.
 */
import type { Socket } from 'socket.io-client';
import { startRedis } from '@novu-chat/test-support/redis';
import { startServerProcess, type ServerProcess } from '@novu-chat/test-support/processes';
import { ask, closeAll, connect } from '@novu-chat/test-support/clients';
import { invokedDirectly } from './cli.ts';
import { int } from './format.ts';
import { percentile } from './stats.ts';

/** One row of results. */
export interface ClusterBenchRow {
  processes: number;
  burstClients: number;
  pairsPerSecond: number;
  burstP50Ms: number;
  burstP99Ms: number;
  sequentialPairs: number;
  p50Ms: number;
  p99Ms: number;
}

function matchFound(socket: Socket): Promise<number> {
  return new Promise((resolve) => socket.once('match:found', () => resolve(performance.now())));
}

/** Run the cluster benchmark. */
export async function benchCluster(opts: { quick?: boolean } = {}): Promise<ClusterBenchRow[]> {
  const burstClients = opts.quick ? 400 : 2_000;
  const sequentialPairs = opts.quick ? 200 : 1_000;
  const redis = await startRedis();
  const rows: ClusterBenchRow[] = [];
  try {
    for (const n of [1, 2, 3]) {
      const prefix = `bench${n}:`;
      const env = {
        REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, ADMIN_TOKEN: 'bench-admin-token-0123456789', HASH_SALT: 'bench',
        REPEAT_AVOID_MS: '0', LOG_LEVEL: 'error',
      };
      const procs: ServerProcess[] = await Promise.all(Array.from({ length: n }, () => startServerProcess(env)));
      try {
        // Burst: everyone joins at once.
        const clients: Socket[] = [];
        for (let i = 0; i < burstClients; i++) clients.push(await connect(procs[i % n]!.url));
        let times: number[] = [];
        // Round 1 warms up (JIT, Redis script cache); round 2 is measured.
        for (let round = 0; round < 2; round++) {
          const started = performance.now();
          const found = clients.map(matchFound);
          await Promise.all(clients.map((c) => ask(c, 'queue:join', {})));
          times = (await Promise.all(found)).map((t) => t - started).sort((a, b) => a - b);
          await Promise.all(clients.map((c) => ask(c, 'room:leave').catch(() => undefined)));
        }
        const seconds = (times[times.length - 1] ?? 0) / 1000;
        // Sequential pairs, each across processes when there are several.
        const latencies: number[] = [];
        for (let i = 0; i < sequentialPairs; i++) {
          const a = clients[(2 * i) % burstClients]!;
          const b = clients[(2 * i + 1) % burstClients]!;
          await ask(a, 'queue:join', {});
          const both = Promise.all([matchFound(a), matchFound(b)]);
          const t0 = performance.now();
          await ask(b, 'queue:join', {});
          const [ta, tb] = await both;
          latencies.push(Math.max(ta, tb) - t0);
          await ask(a, 'room:leave');
        }
        latencies.sort((x, y) => x - y);
        rows.push({
          processes: n,
          burstClients,
          pairsPerSecond: Math.round(burstClients / 2 / seconds),
          burstP50Ms: percentile(times, 50),
          burstP99Ms: percentile(times, 99),
          sequentialPairs,
          p50Ms: percentile(latencies, 50),
          p99Ms: percentile(latencies, 99),
        });
      } finally {
        closeAll();
        await Promise.all(procs.map((p) => p.stop('SIGTERM')));
      }
    }
  } finally {
    await redis.close();
  }
  return rows;
}

/** The rows as a markdown table. */
export function formatClusterTable(rows: readonly ClusterBenchRow[]): string {
  const f = (x: number) => x.toFixed(2);
  return [
    '| processes | burst clients | pairs/s (burst) | burst join→match p50 | burst p99 | sequential pairs | join→match p50 | p99 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.processes} | ${r.burstClients} | ${int(r.pairsPerSecond)} | ${f(r.burstP50Ms)} ms | ${f(r.burstP99Ms)} ms | ${r.sequentialPairs} | ${f(r.p50Ms)} ms | ${f(r.p99Ms)} ms |`),
  ].join('\n');
}

if (invokedDirectly(import.meta.url)) {
  const rows = await benchCluster({ quick: process.argv.includes('--quick') });
  process.stdout.write(`${formatClusterTable(rows)}\n`);
}
