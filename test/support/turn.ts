/** A real coturn (`turnserver`, Debian package coturn) on loopback for tests: TURN REST auth, no TLS. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis.ts';

/** Where Debian installs coturn's server (override with TURNSERVER_PATH). */
export const TURNSERVER_PATH = process.env.TURNSERVER_PATH ?? 'turnserver';

/** Fail loudly (never skip) when coturn is missing. */
export function requireTurnserver(): string {
  const probe = spawnSync(TURNSERVER_PATH, ['-h'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error("turnserver not found. Install Debian's coturn (apt-get install -y coturn) or set TURNSERVER_PATH.");
  }
  return TURNSERVER_PATH;
}

/** A running coturn. */
export interface TestTurn {
  /** The UDP listening port on 127.0.0.1. */
  port: number;
  /** `turn:127.0.0.1:<port>?transport=udp`. */
  url: string;
  /** The shared secret (`static-auth-secret`). */
  secret: string;
  /** Everything it logged. */
  output(): string;
  close(): Promise<void>;
}

/**
 * Start coturn on 127.0.0.1 with `use-auth-secret` (the TURN REST credentials the server issues),
 * relaying on loopback (`allow-loopback-peers`), on a free port with a random relay port range.
 */
export async function startTurnserver(secret = `turn-test-${randomBytes(12).toString('hex')}`): Promise<TestTurn> {
  const bin = requireTurnserver();
  const port = await freePort();
  const minPort = 50_000 + Math.floor(Math.random() * 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'novu-turn-'));
  const child: ChildProcess = spawn(bin, [
    '-n', '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${port}`,
    `--min-port=${minPort}`, `--max-port=${minPort + 200}`,
    '--use-auth-secret', `--static-auth-secret=${secret}`, '--realm=novu.test',
    '--allow-loopback-peers', '--no-cli', '--no-tls', '--no-dtls', '--fingerprint',
    '--log-file=stdout', '--simple-log', `--pidfile=${join(dir, 'turnserver.pid')}`, `--db=${join(dir, 'turndb')}`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await stunReady(port, () => child.exitCode !== null, () => out);
  } catch (error) {
    await close();
    throw error;
  }
  return { port, url: `turn:127.0.0.1:${port}?transport=udp`, secret, output: () => out, close };
}

/** Wait until a STUN Binding request to 127.0.0.1:port is answered (coturn is serving). */
async function stunReady(port: number, died: () => boolean, output: () => string, timeoutMs = 10_000): Promise<void> {
  const socket = createSocket('udp4');
  const answered = new Promise<void>((resolve) => socket.once('message', () => resolve()));
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0); // Binding request
  request.writeUInt16BE(0, 2);
  request.writeUInt32BE(0x2112a442, 4); // magic cookie
  randomBytes(12).copy(request, 8);
  const deadline = Date.now() + timeoutMs;
  let done = false;
  void answered.then(() => (done = true));
  try {
    while (!done) {
      if (died()) throw new Error(`turnserver exited:\n${output()}`);
      if (Date.now() > deadline) throw new Error(`turnserver did not answer STUN on port ${port}:\n${output()}`);
      socket.send(request, port, '127.0.0.1');
      await Promise.race([answered, new Promise((r) => setTimeout(r, 100))]);
    }
  } finally {
    socket.close();
  }
}
