/**
 * The parent's side of the load generators (bench/load-generator.ts): each a forked process pinned to
 * the generators' core, asked over IPC; and what the scenarios ask of all of them at once (connect,
 * disconnect, reset, clock offset, CPU and core-wait time summed).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { GeneratorCommand, GeneratorReply } from '../load-generator.ts';
import { wallNow } from '../relay-stamp.ts';
import { GENERATOR_CORE, killOnExit, shellScript } from './launch.ts';
import { cpuMs, runQueueWaitMs } from './proc-stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GENERATOR = fileURLToPath(new URL('../load-generator.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A forked load generator. */
export class LoadGenerator {
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
      for (const waiter of this.#waiting.values()) waiter.reject(new Error(`load generator exited with ${code}`));
      this.#waiting.clear();
    });
  }

  static start(): LoadGenerator {
    const child = fork(GENERATOR, [], {
      cwd: ROOT,
      execPath: 'bash',
      execArgv: ['-c', shellScript(GENERATOR_CORE), process.execPath, `--import=${TSX}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    killOnExit(child);
    return new LoadGenerator(child);
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

/** The generators' CPU time so far, summed, ms. */
export const sumCpu = (gens: readonly LoadGenerator[]): number => gens.reduce((sum, gen) => sum + gen.cpuMs(), 0);
/** The generators' time waiting for a core so far, summed, ms. */
export const sumWait = (gens: readonly LoadGenerator[]): number => gens.reduce((sum, gen) => sum + runQueueWaitMs(gen.pid), 0);

/** Split `total` over `parts` (the first ones get the remainder), each even so pairs stay whole. */
function split(total: number, parts: number): number[] {
  const pairs = Math.floor(total / 2);
  return Array.from({ length: parts }, (_, i) => 2 * (Math.floor(pairs / parts) + (i < pairs % parts ? 1 : 0)));
}

/** Connect `total` clients to `url`, split over the generators; throws unless every one connected. */
export async function connectAll(gens: readonly LoadGenerator[], url: string, total: number): Promise<{ connected: number; seconds: number }> {
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

/** Close every generator's connections. */
export async function disconnectAll(gens: readonly LoadGenerator[]): Promise<void> {
  await Promise.all(gens.map((gen) => gen.ask<'disconnected'>({ type: 'disconnect' }, 30_000)));
}

/** Every client leaves its room or the queue; throws if a leave went unanswered. */
export async function resetAll(gens: readonly LoadGenerator[]): Promise<void> {
  const replies = await Promise.all(gens.map((gen) => gen.ask<'reset'>({ type: 'reset', timeoutMs: 20_000 }, 25_000)));
  const pending = replies.reduce((n, r) => n + r.pending, 0);
  if (pending > 0) throw new Error(`${pending} leave requests were not answered`);
  await sleep(300); // let the partner:left notices land
}

/** The largest clock offset between this process and the generators (best of a few round trips). */
export async function clockSkew(gens: readonly LoadGenerator[]): Promise<number> {
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
