// What the web-test-runner configs of packages/sdk and packages/elements share: Debian's Chromium
// (never downloaded) with fake camera and microphone, a real Novu server started by the runner
// (its URL at /__novu-server-url), and the shape of the run (one file at a time, a media-denied group).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs, requireChromium } from './chromium-base.mjs';

/** The repository root: the runner serves files from here (test/support/ included). */
const root = fileURLToPath(new URL('../../', import.meta.url));

export { requireChromium };

/** Fail at once, with the fix, when a compiled file the tests import (absolute paths) is missing. */
export function requireBuilt(...paths) {
  for (const path of paths) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npx tsc -b\` first.`);
  }
}

/**
 * Chromium with the fake permission prompt `fakeUi` (`--use-fake-ui-for-media-stream`, or `…=deny`).
 * Three fake cameras, so switching cameras can be tested (Chromium's fake_device_1 is a Y16 depth
 * camera WebRTC cannot encode); timers and media keep running in the background test page.
 */
export function chromiumLauncher(fakeUi) {
  const args = chromiumArgs({
    fakeDevices: '--use-fake-device-for-media-stream=device-count=3',
    fakeUi,
    extra: ['--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--autoplay-policy=no-user-gesture-required'],
  });
  return playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath: requireChromium(), headless: true, args },
  });
}

/** Settings every test server starts from: quick timers, generous limits, no logs, no demo page. */
export const TEST_SERVER_OPTIONS = {
  host: '127.0.0.1',
  port: 0,
  logLevel: 'silent',
  demoPage: false,
  repeatAvoidMs: 0,
  interestTimeoutMs: 120_000,
  rateLimitConnections: 100_000,
  maxConnectionsPerIp: 100_000,
  rateLimitMessages: 100_000,
  rateLimitJoins: 100_000,
  rateLimitSignals: 100_000,
  rateLimitTyping: 100_000,
};

/**
 * Runs the server `start()` creates for the whole run and serves its URL at `/__novu-server-url`.
 * `commands` maps server command names (for `executeServerCommand`) to their handlers; `stop` runs
 * before the server closes (for the servers those commands started).
 */
export function novuServerPlugin(start, { commands = {}, stop } = {}) {
  let server;
  let url;
  return {
    name: 'novu-server',
    async serverStart() {
      server = start();
      ({ url } = await server.listen());
    },
    async serverStop() {
      await stop?.();
      await server?.close(0);
    },
    serve(context) {
      if (context.path === '/__novu-server-url') return { body: url, type: 'text' };
      return undefined;
    },
    async executeCommand({ command, payload }) {
      return Object.hasOwn(commands, command) ? commands[command](payload) : undefined;
    },
  };
}

/**
 * The config of a package's browser tests: every `*.test.ts` (or `*.test.js`) of `testDir` in
 * Chromium with camera and microphone granted, but `media-denied.test.*` with them refused by the
 * fake prompt. TypeScript tests are compiled by esbuild as they are served (types are checked by
 * `npm run typecheck:tests`). Files share one server: one at a time, so clients of different files
 * never meet.
 */
export function browserTestConfig({ testDir, exportConditions, plugins = [] }) {
  const deniedFiles = `${testDir}/media-denied.test.{js,ts}`;
  return {
    rootDir: root,
    files: [`${testDir}/**/*.test.{js,ts}`, `!${deniedFiles}`],
    nodeResolve: { browser: true, exportConditions },
    plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), ...plugins],
    browsers: [chromiumLauncher('--use-fake-ui-for-media-stream')],
    groups: [
      {
        // Camera permission refused by the (fake) permission prompt.
        name: 'media-denied',
        files: deniedFiles,
        browsers: [chromiumLauncher('--use-fake-ui-for-media-stream=deny')],
      },
    ],
    concurrency: 1,
    concurrentBrowsers: 1,
    testsFinishTimeout: 600_000,
    browserStartTimeout: 60_000,
    testFramework: { config: { timeout: 60_000 } },
  };
}
