// Browser tests of @novu-chat/sdk: real Chromium (Debian's, never downloaded), real server.
// Tests (TypeScript, in test/browser/) import the compiled SDK (dist/), so build first: `npx tsc -b packages/sdk`.
// What both packages' browser tests share is in test/support/wtr.mjs.
import { fileURLToPath } from 'node:url';
import { TEST_SERVER_OPTIONS, browserTestConfig, novuServerPlugin, requireBuilt, requireChromium } from '@novu-chat/test-support/wtr';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

requireChromium("The SDK's browser tests");
requireBuilt(here('../server/dist/index.js'));
const { createNovuServer } = await import('@novu-chat/server');

/** Settings of the servers the tests run against. */
const serverOptions = {
  ...TEST_SERVER_OPTIONS,
  resumeGraceMs: 3_000,
  statsIntervalMs: 500,
  shutdownGraceMs: 500,
};

/**
 * One real server for the run (its URL at `/__novu-server-url`), plus commands (via
 * `executeServerCommand`) to start and gracefully stop a second, disposable server, for the
 * shutdown test.
 */
function novuServer() {
  let extra;
  let extraPort = 0;
  return novuServerPlugin(() => createNovuServer(serverOptions), {
    commands: {
      async 'novu-extra-start'() {
        extra = createNovuServer({ ...serverOptions, port: extraPort });
        const info = await extra.listen();
        extraPort = info.port;
        return info.url;
      },
      async 'novu-extra-stop'(payload) {
        await extra?.close(payload?.graceMs ?? 0);
        extra = undefined;
        return true;
      },
    },
    stop: () => extra?.close(0),
  });
}

export default browserTestConfig({
  testDir: here('./test/browser'),
  exportConditions: ['browser'],
  plugins: [novuServer()],
});
