/** A real redis-server for tests: `REDIS_URL` when given, else one spawned on a free loopback port. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running Redis for a test. */
export interface TestRedis {
  url: string;
  port: number;
  /** Stop the server (a spawned one), keeping its port so `start()` can bring it back. */
  stop(): Promise<void>;
  /** Start a stopped server again on the same port. */
  start(): Promise<void>;
  /** Stop and clean up. */
  close(): Promise<void>;
}

/** Fail loudly (never skip) when redis-server is missing. */
export function requireRedisServer(): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error("redis-server not found. Install Debian's redis-server (apt-get install -y redis-server) or set REDIS_URL.");
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Use REDIS_URL, or spawn a throw-away redis-server (no persistence) on 127.0.0.1. */
export async function startRedis(): Promise<TestRedis> {
  const given = process.env.REDIS_URL;
  if (given) {
    const port = Number(new URL(given).port || 6379);
    const noop = async () => undefined;
    return { url: given, port, stop: () => Promise.reject(new Error('cannot stop an external REDIS_URL')), start: noop, close: noop };
  }
  requireRedisServer();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'novu-redis-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
      child?.stdout?.on('data', (chunk: Buffer) => {
        out += chunk;
        if (/Ready to accept connections/i.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child?.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${out}`));
      });
    });
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
