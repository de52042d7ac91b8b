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
 * Run directly: `node --import tsx bench/server-load.ts [--quick] [--cpu-prof]`; `--cpu-prof` writes
 * the server's V8 CPU profile of each scenario to $TMPDIR/novu-bench-profiles/ and prints its hottest functions.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROCESS_ENV } from '@novu-chat/test-support/processes';
import type { BurstResult, ChurnResult, ChurnSpec, GeneratorCommand, GeneratorReply } from './load-generator.ts';
import { wallNow } from './load-generator.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = fileURLToPath(new URL('../packages/server/bin/novu-chat-server.js', import.meta.url));
const GENERATOR = fileURLToPath(new URL('./load-generator.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** The open-file limit every benchmark process gets (the hard limit on these machines). */
const NOFILE = 20_000;
/** The p99 join → match a churn step must stay under. */
export const CHURN_P99_TARGET_MS = 50;

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

/** Idle-connection memory. */
export interface MemoryRow {
  clients: number;
  connected: number;
  connectSeconds: number;
  /** Server CPU while the clients connected, share of one core, %. */
  connectServerCpuPct: number;
  /** Server CPU over the 2 s the clients sat idle, share of one core, %. */
  idleServerCpuPct: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  /** (RSS with N idle − RSS with none) / N, KiB. */
  rssPerClientKiB: number;
  /** The same for V8 heap used + external, both after a full GC, KiB. */
  heapPerClientKiB: number;
}

/** Everything the server-load benchmark measured. */
export interface ServerLoadResult {
  quick: boolean;
  generators: number;
  pinned: boolean;
  /** Largest |parent − generator| wall-clock offset seen, ms (bounded by half the IPC round trip). */
  clockSkewMs: number;
  virtualUsers: number;
  churnStepSeconds: number;
  bursts: BurstRow[];
  churn: ChurnRow[];
  /** The highest target rate held, joins/s (0: none). */
  highestRateHeld: number;
  /** Undefined when the plan has no idle clients. */
  memory: MemoryRow | undefined;
  /** CPU profiles written (with `cpuProfDir`). */
  profiles: string[];
}

// ---------------------------------------------------------------------------------------------
// Processes

const CLK_TCK = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(out.stdout?.trim()) || 100;
})();
/** Pin server and generators to different cores when there are two and taskset exists. */
const PIN = availableParallelism() >= 2 && spawnSync('taskset', ['-p', String(process.pid)]).status === 0;
const SERVER_CORE = 0;
const GENERATOR_CORE = 1;

/** bash: raise the open-file limit, pin to `core`, exec the rest of the arguments. */
function shellScript(core: number): string {
  const pin = PIN ? `taskset -c ${core} ` : '';
  return `ulimit -n ${NOFILE} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec ${pin}"$0" "$@"`;
}

/** CPU time (user + system) of a process so far, ms. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

/** Time the process's main thread spent runnable but waiting for a core, ms (/proc/<pid>/schedstat): other load on its core. */
function runQueueWaitMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** A field of /proc/<pid>/status in KiB (VmRSS, VmHWM). */
function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const found = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(found?.[1]);
  } catch {
    return Number.NaN;
  }
}

const mib = (kib: number) => kib / 1024;

/** TCP retransmission timeouts so far, machine-wide (/proc/net/netstat TcpExt TCPTimeouts): each stalls a loopback connection for 200 ms or more. */
function tcpTimeouts(): number {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((line) => line.startsWith('TcpExt:'));
    const names = lines[0]?.split(/\s+/) ?? [];
    const values = lines[1]?.split(/\s+/) ?? [];
    return Number(values[names.indexOf('TCPTimeouts')]);
  } catch {
    return Number.NaN;
  }
}

/** The server's GC pauses and its `process.memoryUsage()` after two full GCs, printed on SIGUSR2 by a preloaded probe. */
const MEMORY_PROBE = new URL('./server-probe.mjs', import.meta.url).href;

/** perf_hooks' kind of a major (mark-compact) GC. */
const GC_MAJOR = 4;

interface MemoryUsage {
  /** GC pauses since the previous report: [wall-clock start (ms), duration (ms), perf_hooks kind]. */
  gc: [number, number, number][];
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** A running `novu-chat-server` CLI. */
class ServerUnderTest {
  readonly url: string;
  readonly child: ChildProcess;
  readonly #output: () => string;
  readonly #exited: Promise<void>;

  private constructor(url: string, child: ChildProcess, output: () => string, exited: Promise<void>) {
    this.url = url;
    this.child = child;
    this.#output = output;
    this.#exited = exited;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(opts: { cpuProfile?: { dir: string; name: string }; memoryProbe?: boolean; flags?: string[]; log?: string; env?: Record<string, string> } = {}): Promise<ServerUnderTest> {
    const flags: string[] = [...(opts.flags ?? [])];
    if (opts.cpuProfile) flags.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfile.dir}`, `--cpu-prof-name=${opts.cpuProfile.name}`);
    if (opts.memoryProbe) flags.push('--expose-gc', `--import=${MEMORY_PROBE}`);
    const huge = '1000000000';
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...PROCESS_ENV,
      LOG_LEVEL: 'error',
      REPEAT_AVOID_MS: '0',
      STATS_INTERVAL_MS: '0',
      DEMO_PAGE: 'false',
      SHUTDOWN_GRACE_MS: '0',
      RATE_LIMIT_CONNECTIONS: huge,
      RATE_LIMIT_JOINS: huge,
      RATE_LIMIT_MESSAGES: huge,
      RATE_LIMIT_SIGNALS: huge,
      RATE_LIMIT_TYPING: huge,
      ADMIN_TOKEN: 'bench-admin-token-0123456789',
      HASH_SALT: 'bench',
      REDIS_URL: '',
      ...opts.env,
    };
    const child = spawn('bash', ['-c', shellScript(SERVER_CORE), process.execPath, ...flags, BIN], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => {
      live.delete(child);
      if (opts.log) appendFileSync(opts.log, out);
      resolve();
    }));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
      const onData = () => {
        const found = /listening on (http:\/\/\S+)/.exec(out);
        if (!found?.[1]) return;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(found[1]);
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${out}`));
      });
    });
    return new ServerUnderTest(url, child, () => out, exited);
  }

  cpuMs(): number {
    return cpuMs(this.pid);
  }

  rssMiB(): number {
    return mib(statusKiB(this.pid, 'VmRSS'));
  }

  /** `process.memoryUsage()` after a full GC (server started with `memoryProbe`). */
  async memory(): Promise<MemoryUsage> {
    const seen = this.#output().length;
    this.child.kill('SIGUSR2');
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline) {
      const found = /novu-bench-memory (\{.*\})\n/.exec(this.#output().slice(seen));
      if (found?.[1]) return JSON.parse(found[1]) as MemoryUsage;
      await sleep(20);
    }
    throw new Error('the server did not report its memory');
  }

  /** SIGTERM (graceful: the CPU profile is written), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.#exited;
    clearTimeout(timer);
  }
}

/** A forked load generator. */
class Generator {
  readonly child: ChildProcess;
  #nextId = 1;
  readonly #waiting = new Map<number, { resolve: (reply: GeneratorReply) => void; reject: (error: Error) => void }>();

  /** Resolves when the generator listens for commands. */
  readonly ready: Promise<void>;

  private constructor(child: ChildProcess) {
    this.child = child;
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('load generator did not start')), 30_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`load generator exited with ${code}`));
      });
      child.on('message', (reply: GeneratorReply) => {
        if (reply.type !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
    });
    this.ready.catch(() => undefined);
    child.on('message', (reply: GeneratorReply) => {
      const waiter = this.#waiting.get(reply.id);
      if (!waiter) return;
      this.#waiting.delete(reply.id);
      if (reply.type === 'error') waiter.reject(new Error(`load generator: ${reply.message}`));
      else waiter.resolve(reply);
    });
    child.once('exit', (code) => {
      live.delete(child);
      for (const waiter of this.#waiting.values()) waiter.reject(new Error(`load generator exited with ${code}`));
      this.#waiting.clear();
    });
  }

  static start(): Generator {
    const child = fork(GENERATOR, [], {
      cwd: ROOT,
      execPath: 'bash',
      execArgv: ['-c', shellScript(GENERATOR_CORE), process.execPath, `--import=${TSX}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    live.add(child);
    return new Generator(child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Send a command; its reply, or an error after `timeoutMs`. */
  ask<T extends GeneratorReply['type']>(command: DistributiveOmit<GeneratorCommand, 'id'>, timeoutMs: number): Promise<Extract<GeneratorReply, { type: T }>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(new Error(`load generator did not answer ${command.type} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(id, {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply as Extract<GeneratorReply, { type: T }>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ ...command, id } as GeneratorCommand);
    });
  }

  cpuMs(): number {
    return cpuMs(this.pid);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Every child still running, killed on exit whatever happens. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Statistics

/** The value at percentile `p` of sorted samples (NaN if none). */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function merge(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all.sort();
}

const sumCpu = (gens: readonly Generator[]) => gens.reduce((sum, gen) => sum + gen.cpuMs(), 0);
const sumWait = (gens: readonly Generator[]) => gens.reduce((sum, gen) => sum + runQueueWaitMs(gen.pid), 0);

/** Split `total` over `parts` (the first ones get the remainder), each even so pairs stay whole. */
function split(total: number, parts: number): number[] {
  const pairs = Math.floor(total / 2);
  return Array.from({ length: parts }, (_, i) => 2 * (Math.floor(pairs / parts) + (i < pairs % parts ? 1 : 0)));
}

// ---------------------------------------------------------------------------------------------
// Scenarios

async function connectAll(gens: readonly Generator[], url: string, total: number): Promise<{ connected: number; seconds: number }> {
  const started = performance.now();
  const counts = split(total, gens.length);
  const replies = await Promise.all(gens.map((gen, i) =>
    gen.ask<'connected'>({ type: 'connect', url, count: counts[i]!, concurrency: 100, timeoutMs: 120_000 }, 130_000)));
  const connected = replies.reduce((n, r) => n + r.connected, 0);
  const failed = replies.find((r) => r.failed > 0);
  if (failed) throw new Error(`${replies.reduce((n, r) => n + r.failed, 0)} connections failed: ${failed.firstError}`);
  const expected = counts.reduce((n, c) => n + c, 0);
  if (connected < expected) throw new Error(`only ${connected} of ${expected} clients connected in time`);
  return { connected, seconds: (performance.now() - started) / 1000 };
}

async function disconnectAll(gens: readonly Generator[]): Promise<void> {
  await Promise.all(gens.map((gen) => gen.ask<'disconnected'>({ type: 'disconnect' }, 30_000)));
}

async function resetAll(gens: readonly Generator[]): Promise<void> {
  const replies = await Promise.all(gens.map((gen) => gen.ask<'reset'>({ type: 'reset', timeoutMs: 20_000 }, 25_000)));
  const pending = replies.reduce((n, r) => n + r.pending, 0);
  if (pending > 0) throw new Error(`${pending} leave requests were not answered`);
  await sleep(300); // let the partner:left notices land
}

/** The largest clock offset between this process and the generators (best of a few round trips). */
async function clockSkew(gens: readonly Generator[]): Promise<number> {
  let worst = 0;
  for (const gen of gens) {
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < 5; i++) {
      const t0 = wallNow();
      const { wallMs } = await gen.ask<'clock'>({ type: 'clock' }, 5_000);
      const t1 = wallNow();
      if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: wallMs - (t0 + t1) / 2 };
    }
    worst = Math.max(worst, Math.abs(best.offset) + best.rtt / 2);
  }
  return worst;
}

async function runBurst(gens: readonly Generator[], server: ServerUnderTest, clients: number): Promise<BurstRow> {
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
  const latencies = merge(results.map((r) => r.latencies));
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

async function runChurnStep(gens: readonly Generator[], server: ServerUnderTest, rate: number, spec: Omit<ChurnSpec, 'rate'>): Promise<ChurnRow> {
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
  const latencies = merge(results.map((r) => r.joinToMatch));
  const relay = merge(results.map((r) => r.relay));
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

async function runMemory(gens: readonly Generator[], server: ServerUnderTest, clients: number): Promise<MemoryRow> {
  await sleep(1_000);
  const before = await server.memory();
  const rssBefore = server.rssMiB();
  const cpu0 = server.cpuMs();
  const { connected, seconds } = await connectAll(gens, server.url, clients);
  const connectServerCpuPct = ((server.cpuMs() - cpu0) / (seconds * 1000)) * 100;
  const idle0 = server.cpuMs();
  await sleep(2_000);
  const idleServerCpuPct = ((server.cpuMs() - idle0) / 2_000) * 100;
  const after = await server.memory();
  await sleep(500); // RSS settles after the GC returned pages
  const rssAfter = server.rssMiB();
  await disconnectAll(gens);
  return {
    clients,
    connected,
    connectSeconds: seconds,
    connectServerCpuPct,
    idleServerCpuPct,
    rssBeforeMiB: rssBefore,
    rssAfterMiB: rssAfter,
    rssPerClientKiB: ((rssAfter - rssBefore) * 1024) / connected,
    heapPerClientKiB: ((after.heapUsed + after.external - before.heapUsed - before.external) / 1024) / connected,
  };
}

/** The call each matched pair makes in the churn steps. */
const CHURN_SPEC = { iceCandidates: 3, messages: 2 } as const;

/** What a pass runs. */
export interface Plan {
  /** Burst sizes. */
  bursts: number[];
  /** Churn steps, joins per second. */
  rates: number[];
  virtualUsersPerGenerator: number;
  churn: Omit<ChurnSpec, 'rate'>;
  /** Idle connections of the memory measurement. */
  idleClients: number;
}

/** The settings of a pass. */
function plan(quick: boolean): Plan {
  return {
    bursts: [1_000, 5_000],
    rates: [250, 500, 1_000, 1_500, 2_000, 2_500, 3_000],
    virtualUsersPerGenerator: 1_000,
    churn: quick
      ? { warmupMs: 1_000, windowMs: 15_000, drainMs: 3_000, ...CHURN_SPEC }
      : { warmupMs: 5_000, windowMs: 60_000, drainMs: 3_000, ...CHURN_SPEC },
    idleClients: 10_000,
  };
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
  const gens = Array.from({ length: opts.generators ?? 2 }, () => Generator.start());
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

// ---------------------------------------------------------------------------------------------
// Markdown

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : '—');
const int = (x: number) => Math.round(x).toLocaleString('en');

/** The bursts as a markdown table. */
export function formatBurstTable(rows: readonly BurstRow[]): string {
  return [
    '| clients | matched | pairs/s | join→match p50 | p95 | p99 | max | server CPU | generators CPU | server RSS |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${int(r.clients)} | ${int(r.matched)}${r.refused ? ` (${r.refused} refused)` : ''} | ${int(r.pairsPerSecond)} | ${ms(r.p50Ms)} | ${ms(r.p95Ms)} | ${ms(r.p99Ms)} | ${ms(r.maxMs)} | ${int(r.serverCpuMs)} ms | ${int(r.generatorCpuMs)} ms | ${r.serverRssMiB.toFixed(0)} MiB |`),
  ].join('\n');
}

/** The churn steps as a markdown table. */
export function formatChurnTable(rows: readonly ChurnRow[]): string {
  return [
    '| target joins/s | achieved | join→match p50 | p95 | p99 | relay p50 | relay p99 | server CPU | generators CPU | waited for a core: server / generators | generator loop delay p99 | server GC pauses: scavenges · major (longest) | server RSS | server heap after GC | held |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
    ...rows.map((r) => {
      const why = [
        r.achievedRate < 0.95 * r.targetRate ? `rate not held (${int(r.lateJoins)} joins late)` : '',
        r.unmatched ? `${int(r.unmatched)} unmatched` : '',
        r.errors ? `${int(r.errors)} errors: ${r.firstError ?? ''}` : '',
        r.p99Ms > CHURN_P99_TARGET_MS ? `p99 > ${CHURN_P99_TARGET_MS} ms` : '',
      ].filter(Boolean).join('; ');
      return `| ${int(r.targetRate)} | ${int(r.achievedRate)} | ${ms(r.p50Ms)} | ${ms(r.p95Ms)} | ${ms(r.p99Ms)} | ${ms(r.relayP50Ms)} | ${ms(r.relayP99Ms)} | ${r.serverCpuPct.toFixed(0)} % | ${r.generatorCpuPct.toFixed(0)} % | ${r.serverWaitPct.toFixed(0)} % / ${r.generatorWaitPct.toFixed(0)} % | ${ms(r.generatorLoopDelayP99Ms)} | ${int(r.gcMinorCount)} (${r.gcMinorMs.toFixed(0)} ms) · ${int(r.gcMajorCount)} (${ms(r.gcMajorMaxMs)}) | ${r.serverRssMiB.toFixed(0)} MiB | ${r.serverHeapMiB.toFixed(0)} MiB | ${r.held ? 'yes' : `no: ${why}`} |`;
    }),
  ].join('\n');
}

/** The idle-memory measurement as a markdown table. */
export function formatMemoryTable(row: MemoryRow): string {
  return [
    '| idle clients | connect time | server CPU while connecting | server CPU while idle | RSS without clients | RSS with them | RSS per client | V8 heap + external per client (after GC) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${int(row.connected)} | ${row.connectSeconds.toFixed(1)} s (${int(row.connected / row.connectSeconds)}/s) | ${row.connectServerCpuPct.toFixed(0)} % | ${row.idleServerCpuPct.toFixed(1)} % | ${row.rssBeforeMiB.toFixed(1)} MiB | ${row.rssAfterMiB.toFixed(1)} MiB | ${row.rssPerClientKiB.toFixed(1)} KiB | ${row.heapPerClientKiB.toFixed(1)} KiB |`,
  ].join('\n');
}

/** The targets of issue #8 against what was measured. */
export function formatServerLoadTargets(result: ServerLoadResult): string {
  const burst = result.bursts.find((b) => b.clients === 1_000);
  const atTarget = result.churn.find((r) => r.targetRate === 2_000);
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const memory = result.memory;
  const lines = [
    '| target | measured | |',
    '| --- | --- | :---: |',
    memory
      ? `| 10,000 idle connections on one process, < 15 KB each | ${int(memory.connected)} connections, ${memory.rssPerClientKiB.toFixed(1)} KiB RSS each | ${verdict(memory.connected >= 10_000 && memory.rssPerClientKiB * 1.024 < 15)} |`
      : '',
    burst
      ? `| burst of 1,000: all matched, p99 join→match < 100 ms | ${int(burst.matched)} matched, p99 ${ms(burst.p99Ms)} | ${verdict(burst.matched === burst.clients && burst.p99Ms < 100)} |`
      : '',
    `| paced churn ≥ 2,000 joins/s with p99 join→match < 50 ms | highest rate held: ${int(result.highestRateHeld)} joins/s | ${verdict(result.highestRateHeld >= 2_000)} |`,
    `| relay p99 < 10 ms at that rate | ${atTarget ? `${ms(atTarget.relayP99Ms)} at 2,000 joins/s` : 'step not reached'} | ${verdict(!!atTarget && atTarget.relayP99Ms < 10)} |`,
  ];
  return lines.filter(Boolean).join('\n');
}

/** Versions of the Socket.IO server and client measured. */
function socketIoVersions(): string {
  const require = createRequire(new URL('../packages/server/package.json', import.meta.url));
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  return `socket.io ${version('socket.io')}, socket.io-client ${version('socket.io-client')}`;
}

/** The whole docs/benchmarks.md section: method, targets and the three tables. */
export function formatServerLoadSection(result: ServerLoadResult): string {
  const pin = result.pinned
    ? `The server is pinned to core ${SERVER_CORE} and the generators to core ${GENERATOR_CORE} (\`taskset -c\`), so the generators' cost shows beside the server's and never steals the server's core.`
    : 'This machine could not pin processes (`taskset` missing or a single core): server and generators share the cores.';
  return `## The server under load (one process, real WebSockets)

One \`novu-chat-server\` CLI process (in-memory mode; \`LOG_LEVEL=error\`, \`STATS_INTERVAL_MS=0\`,
\`REPEAT_AVOID_MS=0\`, every rate limit raised out of the way) and ${result.generators} load-generator processes
([bench/load-generator.ts](../bench/load-generator.ts), socket.io-client with \`transports: ['websocket']\`),
coordinated over IPC by [bench/server-load.ts](../bench/server-load.ts); ${socketIoVersions()}. ${pin}
Every process is started from \`bash -c 'ulimit -n ${NOFILE}; exec taskset …'\`. Server and generator CPU are
read from \`/proc/<pid>/stat\` (utime + stime; 100 % = one core), memory from \`/proc/<pid>/status\` (VmRSS).

### Targets

${formatServerLoadTargets(result)}

### Burst: everyone joins at once

All clients connect first; then every client sends \`queue:join\` in one loop (one warm-up round, then the
measured round). Join → match is per client, from its \`queue:join\` to its \`match:found\`; pairs/s is
pairs matched over the time from the first join sent to the last match received. CPU columns are the
CPU time the server and the generators spent in the measured round.

${formatBurstTable(result.bursts)}

### Paced churn: join, call set-up, next

${result.virtualUsers.toLocaleString('en')} connected virtual users. A token bucket in each generator paces \`queue:join\`s at the
target rate (split over the generators) from the users that are ready. A matched pair then does what a
call does: the initiator sends an offer, the partner answers, each side sends ${CHURN_SPEC.iceCandidates} ICE candidates
and ${CHURN_SPEC.messages} chat messages (acked, like the SDK's); the offer and answer carry a realistic ~3 KB SDP. Then the initiator
presses next (its next join ends the room) and its partner, told \`partner:left\`, queues again. Each step
runs ${result.churnStepSeconds} s measured (after a warm-up, and with a drain so that every measured join is matched); steps
rise until p99 join → match passes ${CHURN_P99_TARGET_MS} ms or the rate is not held (achieved rate under 95 %, an
unmatched join, or an error). *Relay* is offer/answer sent → partner receives: the sender writes its wall
clock (\`performance.timeOrigin + performance.now()\`) into the SDP and the receiver, possibly another
generator process, subtracts it from its own. All processes read the same host clock; the largest offset
measured between the parent and a generator was ${result.clockSkewMs.toFixed(3)} ms (IPC round trips), well under the
figures reported. Join → match includes the wait for the next joiner (half of the pairs wait for one),
which is 1/rate on average. *Waited for a core*: share of the window the server's (the generators', summed)
main thread was runnable but not running (\`/proc/<pid>/schedstat\`); two generators on one core wait for
each other a little, but high values mean other load shared the cores and the latencies are not the
server's alone. *Generator loop delay*: the worst generator's own event-loop delay p99 in the window
(\`monitorEventLoopDelay\`), the part of the latencies that is the generator's. *Server GC pauses*: the
server's garbage-collection pauses that started in the window (\`perf_hooks\` \`gc\` entries, reported by the
preloaded [probe](../bench/server-probe.mjs)): scavenges (count and total pause) and major mark-compact
GCs (count and longest final pause; their incremental marking runs in steps on the same core before it). *Server heap after GC*: V8 heap used + external after the step and a forced full GC, i.e.
what the server still holds.

${formatChurnTable(result.churn)}

Highest rate held: **${result.highestRateHeld.toLocaleString('en')} joins/s**.

### Memory per idle connection

A fresh server; its RSS and its V8 heap (\`heapUsed + external\`, after two full GCs through a preloaded
\`--expose-gc\` probe on SIGUSR2) are read without clients, then again with the idle clients connected (2 s
settle). Per client = difference / clients.

${result.memory ? formatMemoryTable(result.memory) : 'Not measured in this run.'}
`;
}

// ---------------------------------------------------------------------------------------------
// CPU profiles

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Where a function lives, for grouping: a package, the server, Node itself, or V8's own entries. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return 'node:internal';
  const ours = /packages\/([^/]+)\//.exec(url);
  return ours?.[1] ? `@novu-chat/${ours[1]}` : basename(url);
}

/** The hottest functions (self time) and the share of each package in a `.cpuprofile`. */
export function summarizeCpuProfile(path: string, top = 25): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number };
  const totalHits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / Math.max(1, totalHits);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += hits;
      continue;
    }
    const where = url ? `${url.replace(/^.*\/(node_modules|packages)\//, '$1/').replace(/^file:\/\//, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
    const group = area(url, functionName);
    byArea.set(group, (byArea.get(group) ?? 0) + hits);
  }
  const busy = totalHits - idle;
  const pct = (hits: number) => `${((hits / Math.max(1, busy)) * 100).toFixed(1)} %`;
  const rows = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, hits]) => `  ${pct(hits).padStart(7)}  ${(hits * msPerHit).toFixed(0).padStart(6)} ms  ${key}`);
  return [
    `${basename(path)}: ${(busy * msPerHit / 1000).toFixed(1)} s busy, ${(idle * msPerHit / 1000).toFixed(1)} s idle`,
    ' by package (self time):',
    ...rows(byArea, 15),
    ' hottest functions (self time):',
    ...rows(byFunction, top),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
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
