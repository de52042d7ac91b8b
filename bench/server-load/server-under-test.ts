/**
 * The server measured: one `novu-chat-server` CLI process in memory mode, every rate limit raised out
 * of the way, pinned to its core, optionally with a CPU profile or the preloaded memory probe
 * (bench/server-probe.mjs) that reports its GC pauses and its heap after a full GC on SIGUSR2.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PROCESS_ENV } from '@novu-chat/test-support/processes';
import { killOnExit, SERVER_CORE, shellScript } from './launch.ts';
import { cpuMs, statusKiB } from './proc-stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../packages/server/bin/novu-chat-server.js', import.meta.url));

/** The server's GC pauses and its `process.memoryUsage()` after two full GCs, printed on SIGUSR2 by a preloaded probe. */
const MEMORY_PROBE = new URL('../server-probe.mjs', import.meta.url).href;

/** perf_hooks' kind of a major (mark-compact) GC. */
export const GC_MAJOR = 4;

/** What the memory probe reports. */
export interface MemoryUsage {
  /** GC pauses since the previous report: [wall-clock start (ms), duration (ms), perf_hooks kind]. */
  gc: [number, number, number][];
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** How to start the server. */
export interface ServerStartOptions {
  /** Write a V8 CPU profile named `name` into `dir` when the server stops. */
  cpuProfile?: { dir: string; name: string };
  /** Preload the memory probe (and `--expose-gc`), for `memory()`. */
  memoryProbe?: boolean;
  /** Extra Node.js flags. */
  flags?: string[];
  /** A file to append the server's output to when it exits. */
  log?: string;
  /** Extra settings, over the benchmark's. */
  env?: Record<string, string>;
}

/** A running `novu-chat-server` CLI. */
export class ServerUnderTest {
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

  static async start(opts: ServerStartOptions = {}): Promise<ServerUnderTest> {
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
    killOnExit(child);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => {
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
    return statusKiB(this.pid, 'VmRSS') / 1024;
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
