/** Real server processes (the `novu-chat-server` CLI) for cluster tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/server/bin/novu-chat-server.js', import.meta.url));

/** A running server process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** Send a signal and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Settings every test process gets: loopback, a free port, quiet logs, raised limits. */
export const PROCESS_ENV: Record<string, string> = {
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_CONNECTIONS: '100000',
  MAX_CONNECTIONS_PER_IP: '100000',
  RATE_LIMIT_JOINS: '100000',
  RATE_LIMIT_MESSAGES: '100000',
  RATE_LIMIT_SIGNALS: '100000',
  SHUTDOWN_GRACE_MS: '0',
  STATS_INTERVAL_MS: '0',
  DEMO_PAGE: 'false',
};

/** Start `novu-chat-server` with extra environment; resolves once it prints its URL. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN], {
    env: { ...process.env, ...PROCESS_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server process did not start:\n${out}`)), 20_000);
    const onData = () => {
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (!found?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({
        url: found[1],
        child,
        output: () => out,
        async stop(signal: NodeJS.Signals = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited with ${code}:\n${out}`));
    });
  });
}
