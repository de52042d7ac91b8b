// Browser tests of <novu-chat>: Debian's Chromium (never downloaded), fake camera and microphone,
// and a real Novu server started by the runner (its URL at /__novu-server-url).
// Tests (TypeScript, test/browser/) import the compiled element (dist/): build first with
// `npx tsc -b packages/elements`; type-check them with `npx tsc -p tsconfig.browser-tests.json`.
// What both packages' browser tests share is in test/support/wtr.mjs.
import { fileURLToPath } from 'node:url';
import { TEST_SERVER_OPTIONS, browserTestConfig, novuServerPlugin, requireBuilt, requireChromium } from '@novu-chat/test-support/wtr';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

requireChromium("The element's browser tests");
requireBuilt(here('../server/dist/index.js'), here('./dist/index.js'));
const { createNovuServer } = await import('@novu-chat/server');

/** Settings of the servers the tests run against. */
const serverOptions = {
  ...TEST_SERVER_OPTIONS,
  statsIntervalMs: 300,
  shutdownGraceMs: 0,
};

/**
 * One real server for the run (its URL at `/__novu-server-url`), plus commands (through
 * `executeServerCommand`) to start and stop extra servers with other settings:
 * `novu-server-start { options, captcha }` returns the URL of a server with `options` on top of the
 * test settings (e.g. `requireTerms`, `reportBanThreshold`), which accepts only the captcha token
 * `captcha` when given; `novu-server-stop { url }` closes it.
 */
function novuServer() {
  const extras = new Map();
  return novuServerPlugin(() => createNovuServer(serverOptions), {
    commands: {
      async 'novu-server-start'(payload) {
        const { options = {}, captcha } = payload ?? {};
        const wiring = captcha ? { captchaVerifier: async (token) => token === captcha } : {};
        const extra = createNovuServer({ ...serverOptions, ...options }, wiring);
        const info = await extra.listen();
        extras.set(info.url, extra);
        return info.url;
      },
      async 'novu-server-stop'(payload) {
        await extras.get(payload?.url)?.close(0);
        extras.delete(payload?.url);
        return true;
      },
    },
    stop: () => Promise.all([...extras.values()].map((extra) => extra.close(0))),
  });
}

export default browserTestConfig({
  testDir: here('./test/browser'),
  exportConditions: ['browser', 'production'],
  plugins: [novuServer()],
});
