// Browser tests of @novu-chat/sdk: real Chromium (Debian's, never downloaded), real server.
// Tests import the compiled SDK (dist/), so build first: `npx tsc -b packages/sdk`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playwrightLauncher } from '@web/test-runner-playwright';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  throw new Error(
    `Chromium was not found at ${chromiumPath}. The SDK's browser tests need a real Chromium: ` +
      "install Debian's chromium: apt-get install chromium (or set CHROMIUM_PATH).",
  );
}
const serverEntry = here('../server/dist/index.js');
if (!existsSync(serverEntry)) {
  throw new Error(`The server is not built (${serverEntry} is missing): run \`npx tsc -b\` first.`);
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
  // Three fake cameras, so switching devices mid-call can be tested. (Chromium's fake_device_1
  // is a Y16 depth camera that WebRTC cannot encode; the tests switch to fake_device_2.)
  '--use-fake-device-for-media-stream=device-count=3',
  fakeUi,
  // WebRTC between two clients on a machine with only a loopback interface.
  '--allow-loopback-in-peer-connection',
  // Keep timers and media running in the background test page.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--autoplay-policy=no-user-gesture-required',
];

const chromium = (fakeUi) =>
  playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs(fakeUi) },
  });

/** Settings of the servers the tests run against: quick timers, generous limits, no logs. */
const serverOptions = {
  host: '127.0.0.1',
  port: 0,
  logLevel: 'silent',
  demoPage: false,
  repeatAvoidMs: 0,
  interestTimeoutMs: 120_000,
  resumeGraceMs: 3_000,
  statsIntervalMs: 500,
  shutdownGraceMs: 500,
  rateLimitConnections: 100_000,
  rateLimitMessages: 100_000,
  rateLimitJoins: 100_000,
  rateLimitSignals: 100_000,
  rateLimitTyping: 100_000,
};

/**
 * Starts one real Novu server for the run and tells the tests its URL at `/__novu-server-url`.
 * Also offers commands (via `executeServerCommand`) to start and gracefully stop a second,
 * disposable server, for the shutdown test.
 */
function novuServerPlugin() {
  let server;
  let url;
  let extra;
  let extraPort = 0;
  return {
    name: 'novu-server',
    async serverStart() {
      server = createNovuServer(serverOptions);
      ({ url } = await server.listen());
    },
    async serverStop() {
      await extra?.close(0);
      await server?.close(0);
    },
    serve(context) {
      if (context.path === '/__novu-server-url') return { body: url, type: 'text' };
      return undefined;
    },
    async executeCommand({ command, payload }) {
      if (command === 'novu-extra-start') {
        extra = createNovuServer({ ...serverOptions, port: extraPort });
        const info = await extra.listen();
        extraPort = info.port;
        return info.url;
      }
      if (command === 'novu-extra-stop') {
        await extra?.close(payload?.graceMs ?? 0);
        extra = undefined;
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
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  plugins: [novuServerPlugin()],
  browsers: [chromium('--use-fake-ui-for-media-stream')],
  groups: [
    {
      // Camera permission refused by the (fake) permission prompt.
      name: 'media-denied',
      files: deniedFiles,
      browsers: [chromium('--use-fake-ui-for-media-stream=deny')],
    },
  ],
  // Test files share one server: run them one at a time so their clients never meet.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 600_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 60_000 } },
};
