/**
 * The real server under load: one `novu-chat-server` CLI process, socket.io-client load generators
 * in separate processes (bench/load-generator.ts), loopback only, bounded in count and time.
 *
 * - burst: 1,000 and 5,000 clients join at once (after a warm-up round): everyone matched? pairs
 *   per second until the last `match:found`, per-client join → match p50/p95/p99;
 * - paced churn: virtual users join at a paced rate, exchange offer/answer, ICE candidates and chat
 *   messages, then "next"; steps of rising rate until p99 join → match passes 50 ms or the rate is
 *   not held; join → match and offer/answer relay latency per step;
 * - idle memory: RSS (and V8 heap after a full GC) of the server with N idle connections minus
 *   without any, divided by N.
 *
 * The server is pinned to core 0 and the generators to core 1 (`taskset`), all started from a shell
 * that raised the open-file limit (`ulimit -n 20000`). Server and generator CPU come from
 * /proc/<pid>/stat (utime + stime), memory from /proc/<pid>/status (VmRSS, VmHWM).
 *
 * This module runs a pass; the rest lives in bench/server-load/:
 * - harness: `launch.ts` (open-file limit, pinning, killed on exit), `proc-stats.ts` (/proc readings),
 *   `server-under-test.ts` (the server process and its memory probe), `load-generators.ts` (the
 *   generator processes over IPC);
 * - scenarios: `burst.ts`, `churn.ts` (one paced step), `idle-memory.ts`; `pass.ts` (the plan of a
 *   pass and its result);
 * - report: `report.ts` (markdown tables and the docs/benchmarks.md section), `cpu-profile.ts`.
 *
 * Run directly: `node --import tsx bench/server-load.ts [--quick] [--cpu-prof]`; `--cpu-prof` writes
 * the server's V8 CPU profile of each scenario to $TMPDIR/novu-bench-profiles/ and prints its hottest functions.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokedDirectly } from './cli.ts';
import { runBurst, type BurstRow } from './server-load/burst.ts';
import { runChurnStep, type ChurnRow } from './server-load/churn.ts';
import { summarizeCpuProfile } from './server-load/cpu-profile.ts';
import { runMemory, type MemoryRow } from './server-load/idle-memory.ts';
import { PIN } from './server-load/launch.ts';
import { clockSkew, connectAll, disconnectAll, LoadGenerator } from './server-load/load-generators.ts';
import { plan, type Plan, type ServerLoadResult } from './server-load/pass.ts';
import { formatBurstTable, formatChurnTable, formatMemoryTable, formatServerLoadTargets } from './server-load/report.ts';
import { ServerUnderTest } from './server-load/server-under-test.ts';

export type { BurstRow } from './server-load/burst.ts';
export { CHURN_P99_TARGET_MS, type ChurnRow } from './server-load/churn.ts';
export type { MemoryRow } from './server-load/idle-memory.ts';
export type { Plan, ServerLoadResult } from './server-load/pass.ts';
export { formatBurstTable, formatChurnTable, formatMemoryTable, formatServerLoadSection, formatServerLoadTargets } from './server-load/report.ts';
export { summarizeCpuProfile } from './server-load/cpu-profile.ts';

/** Options of a run. */
export interface ServerLoadOptions {
  /** The quick pass (`npm run bench`): short churn steps, fewer idle connections. */
  quick?: boolean;
  /** Write the server's CPU profile of each scenario into this directory. */
  cpuProfDir?: string;
  /** Load generator processes (default 2). */
  generators?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Extra Node.js flags for the server processes (e.g. `--trace-gc`), and a file to append their output to. */
  serverFlags?: string[];
  /** Extra settings for the server processes (e.g. `{ RESUME_GRACE_MS: '0' }`), over the benchmark's. */
  serverEnv?: Record<string, string>;
  serverLog?: string;
  /** Override parts of the plan (small development runs). */
  plan?: Partial<Plan>;
}

/** Run every server-load scenario. */
export async function benchServerLoad(opts: ServerLoadOptions = {}): Promise<ServerLoadResult> {
  const quick = opts.quick ?? false;
  const log = opts.log ?? (() => undefined);
  const settings = { ...plan(quick), ...opts.plan };
  const profiles: string[] = [];
  const start = (name: string, probe: { memoryProbe?: boolean } = {}) => {
    const extra = {
      ...probe,
      ...(opts.serverFlags ? { flags: opts.serverFlags } : {}),
      ...(opts.serverLog ? { log: opts.serverLog } : {}),
      ...(opts.serverEnv ? { env: opts.serverEnv } : {}),
    };
    if (!opts.cpuProfDir) return ServerUnderTest.start(extra);
    mkdirSync(opts.cpuProfDir, { recursive: true });
    const file = `${name}-${Date.now()}.cpuprofile`;
    profiles.push(join(opts.cpuProfDir, file));
    return ServerUnderTest.start({ ...extra, cpuProfile: { dir: opts.cpuProfDir, name: file } });
  };
  const gens = Array.from({ length: opts.generators ?? 2 }, () => LoadGenerator.start());
  let server: ServerUnderTest | undefined;
  try {
    await Promise.all(gens.map((gen) => gen.ready));
    const clockSkewMs = await clockSkew(gens);
    const bursts: BurstRow[] = [];
    for (const clients of settings.bursts) {
      log(`  burst of ${clients}…`);
      server = await start(`burst-${clients}`);
      bursts.push(await runBurst(gens, server, clients));
      await server.stop();
    }

    server = undefined;
    const virtualUsers = settings.virtualUsersPerGenerator * gens.length;
    const churn: ChurnRow[] = [];
    if (settings.rates.length > 0) {
      server = await start('churn', { memoryProbe: true });
      await connectAll(gens, server.url, virtualUsers);
      for (const rate of settings.rates) {
        log(`  churn at ${rate} joins/s…`);
        const row = await runChurnStep(gens, server, rate, settings.churn);
        churn.push(row);
        log(`    achieved ${row.achievedRate.toFixed(0)}/s, p50/p99 ${row.p50Ms.toFixed(1)}/${row.p99Ms.toFixed(1)} ms, relay p50/p99 ${row.relayP50Ms.toFixed(2)}/${row.relayP99Ms.toFixed(1)} ms, heap ${row.serverHeapMiB.toFixed(0)} MiB, server ${row.serverCpuPct.toFixed(0)} % (waited ${row.serverWaitPct.toFixed(1)} %), generators ${row.generatorCpuPct.toFixed(0)} % (waited ${row.generatorWaitPct.toFixed(1)} %), ${row.lateJoins} late, ${row.tcpTimeouts} TCP RTOs, generator loop delay p99/max ${row.generatorLoopDelayP99Ms.toFixed(1)}/${row.generatorLoopDelayMaxMs.toFixed(1)} ms`);
        if (!row.held) break;
      }
      await disconnectAll(gens);
      await server.stop();
    }

    let memory: MemoryRow | undefined;
    if (settings.idleClients > 0) {
      log(`  ${settings.idleClients} idle connections…`);
      server = await start('idle', { memoryProbe: true });
      memory = await runMemory(gens, server, settings.idleClients);
      await server.stop();
    }
    server = undefined;

    const held = churn.filter((row) => row.held);
    return {
      quick,
      generators: gens.length,
      pinned: PIN,
      clockSkewMs,
      virtualUsers,
      churnStepSeconds: settings.churn.windowMs / 1000,
      bursts,
      churn,
      highestRateHeld: held.length > 0 ? Math.max(...held.map((row) => row.targetRate)) : 0,
      memory,
      profiles,
    };
  } finally {
    for (const gen of gens) gen.kill();
    if (server) {
      server.child.kill('SIGKILL');
    }
  }
}

if (invokedDirectly(import.meta.url)) {
  const cpuProfDir = process.argv.includes('--cpu-prof') ? join(tmpdir(), 'novu-bench-profiles') : undefined;
  // Small development runs: --bursts=200,400 --rates=250,500 --vus=300 --window-ms=3000 --idle=2000 --generators=2
  // Experiments: --server-env=RESUME_GRACE_MS=0,STATS_INTERVAL_MS=5000 --server-flags="--trace-gc --import=./x.mjs" --server-log=/tmp/server.log
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const list = (name: string) => arg(name)?.split(',').map(Number).filter((n) => n > 0);
  const quick = process.argv.includes('--quick');
  const base = plan(quick);
  const windowMs = arg('window-ms');
  const overrides: Partial<Plan> = {
    ...(list('bursts') ? { bursts: list('bursts')! } : {}),
    ...(list('rates') ? { rates: list('rates')! } : {}),
    ...(arg('vus') ? { virtualUsersPerGenerator: Number(arg('vus')) } : {}),
    ...(arg('idle') ? { idleClients: Number(arg('idle')) } : {}),
    ...(windowMs ? { churn: { ...base.churn, windowMs: Number(windowMs) } } : {}),
  };
  const result = await benchServerLoad({
    quick,
    plan: overrides,
    ...(arg('generators') ? { generators: Number(arg('generators')) } : {}),
    ...(arg('server-flags') ? { serverFlags: arg('server-flags')!.split(' ') } : {}),
    ...(arg('server-log') ? { serverLog: arg('server-log')! } : {}),
    ...(arg('server-env') ? { serverEnv: Object.fromEntries(arg('server-env')!.split(',').map((kv) => kv.split('=') as [string, string])) } : {}),
    ...(cpuProfDir ? { cpuProfDir } : {}),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${formatBurstTable(result.bursts)}\n\n${formatChurnTable(result.churn)}\n\n${result.memory ? formatMemoryTable(result.memory) : ''}\n\n${formatServerLoadTargets(result)}\n`);
  process.stdout.write(`clock skew ≤ ${result.clockSkewMs.toFixed(3)} ms, pinned: ${result.pinned}\n`);
  for (const file of result.profiles) process.stdout.write(`\n${summarizeCpuProfile(file)}\n`);
}
