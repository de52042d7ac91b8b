// Browser tests of <novu-chat>: Debian's Chromium (never downloaded), fake camera and microphone,
// and a real Novu server started by the runner (its URL at /__novu-server-url).
// Tests import the compiled element (dist/): build first with `npx tsc -b packages/elements`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playwrightLauncher } from '@web/test-runner-playwright';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  throw new Error(
    `Chromium was not found at ${chromiumPath}. The element's browser tests need a real Chromium: ` +
      "install Debian's chromium: apt-get install chromium (or set CHROMIUM_PATH).",
  );
}
for (const built of ['../server/dist/index.js', './dist/index.js']) {
  if (!existsSync(here(built))) throw new Error(`${here(built)} is missing: run \`npx tsc -b\` first.`);
}
const { createNovuServer } = await import('@novu-chat/server');

const chromiumArgs = (fakeUi) => [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Three fake cameras so "switch camera" shows (fake_device_1 is a depth camera WebRTC cannot
  // encode: tests only check that the element switches the local track).
  '--use-fake-device-for-media-stream=device-count=3',
  fakeUi,
  '--allow-loopback-in-peer-connection',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--autoplay-policy=no-user-gesture-required',
];

const chromium = (fakeUi) =>
  playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs(fakeUi) },
  });

/** Settings of the servers the tests run against: quick timers, generous limits, no logs, no demo page. */
const serverOptions = {
  host: '127.0.0.1',
  port: 0,
  logLevel: 'silent',
  demoPage: false,
  repeatAvoidMs: 0,
  interestTimeoutMs: 120_000,
  statsIntervalMs: 300,
  shutdownGraceMs: 0,
  rateLimitConnections: 100_000,
  rateLimitMessages: 100_000,
  rateLimitJoins: 100_000,
  rateLimitSignals: 100_000,
  rateLimitTyping: 100_000,
};

/**
 * One real server for the run (its URL at `/__novu-server-url`), plus commands (through
 * `executeServerCommand`) to start and stop extra servers with other settings:
 * `novu-server-start { options, captcha }` returns the URL of a server with `options` on top of the
 * test settings (e.g. `requireTerms`, `reportBanThreshold`), which accepts only the captcha token
 * `captcha` when given; `novu-server-stop { url }` closes it.
 */
function novuServerPlugin() {
  let server;
  let url;
  const extras = new Map();
  return {
    name: 'novu-server',
    async serverStart() {
      server = createNovuServer(serverOptions);
      ({ url } = await server.listen());
    },
    async serverStop() {
      await Promise.all([...extras.values()].map((extra) => extra.close(0)));
      await server?.close(0);
    },
    serve(context) {
      if (context.path === '/__novu-server-url') return { body: url, type: 'text' };
      return undefined;
    },
    async executeCommand({ command, payload }) {
      if (command === 'novu-server-start') {
        const { options = {}, captcha } = payload ?? {};
        const wiring = captcha ? { captchaVerifier: async (token) => token === captcha } : {};
        const extra = createNovuServer({ ...serverOptions, ...options }, wiring);
        const info = await extra.listen();
        extras.set(info.url, extra);
        return info.url;
      }
      if (command === 'novu-server-stop') {
        await extras.get(payload?.url)?.close(0);
        extras.delete(payload?.url);
        return true;
      }
      return undefined;
    },
  };
}

const deniedFiles = here('./test/media-denied.test.js');

export default {
  rootDir: root,
  files: [here('./test/**/*.test.js'), `!${deniedFiles}`],
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  plugins: [novuServerPlugin()],
  browsers: [chromium('--use-fake-ui-for-media-stream')],
  groups: [
    {
      name: 'media-denied',
      files: deniedFiles,
      browsers: [chromium('--use-fake-ui-for-media-stream=deny')],
    },
  ],
  // Files share one server: one at a time, so elements of different files never meet.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 600_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 60_000 } },
};
