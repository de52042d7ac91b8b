/** One server per test, closed after it with every client the test opened (clients.ts). */
import { afterEach } from 'node:test';
import type { NovuServerOptions, NovuServerWiring } from '@novu-chat/server';
import { closeAll } from './clients.ts';
import { startServer, type TestServer } from './server.ts';

/** The server of the running test. */
export interface ServerPerTest {
  /** Start a server (as `startServer` does), closed after the test; a second call replaces it. */
  start(options?: Partial<NovuServerOptions>, wiring?: NovuServerWiring): Promise<TestServer>;
  /** The server the running test started last, if any. */
  readonly current: TestServer | undefined;
}

/**
 * Call in a `describe`: registers the `afterEach` that runs `closeFirst` (e.g. `closeAdminSockets`),
 * closes every client of clients.ts, then the server the test started.
 */
export function serverPerTest(...closeFirst: (() => void)[]): ServerPerTest {
  let current: TestServer | undefined;
  afterEach(async () => {
    for (const close of closeFirst) close();
    closeAll();
    await current?.close();
    current = undefined;
  });
  return {
    async start(options, wiring) {
      current = await startServer(options, wiring);
      return current;
    },
    get current() {
      return current;
    },
  };
}
