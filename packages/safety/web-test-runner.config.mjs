// Browser tests of @novu-chat/safety: the real nsfwjs model and TensorFlow.js in Debian's Chromium
// with the fake camera, served from this repository by the runner (no server plugin). The network
// beyond 127.0.0.1 is cut twice: DNS maps every name but localhost to nothing, and the browser context aborts
// any request elsewhere; every request it saw is kept for the tests (`safety-requests` command),
// which assert that none left 127.0.0.1.
// Tests import the compiled package (dist/) and its runtime bundle (dist/runtime/): build first
// with `npx tsc -b packages/safety && npx rollup -c packages/safety/rollup.config.mjs`.
import { fileURLToPath } from 'node:url';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs } from '@novu-chat/test-support/chromium-base';
import { browserTestConfig, requireBuilt, requireChromium } from '@novu-chat/test-support/wtr';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

requireChromium('The safety package browser tests');
requireBuilt(here('./dist/index.js'), here('./dist/runtime/worker.js'), here('./dist/runtime/model/model.json'));

/** Every URL the browser asked for, and those it was refused (not on this machine). */
const requests = [];
const refused = [];
const isLocal = (url) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname) || !/^(https?|wss?):/.test(url);

const launcher = playwrightLauncher({
  product: 'chromium',
  launchOptions: {
    executablePath: requireChromium(),
    headless: true,
    args: chromiumArgs({
      extra: [
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
        '--autoplay-policy=no-user-gesture-required',
      ],
    }),
  },
  async createBrowserContext({ browser }) {
    const context = await browser.newContext();
    // Chromium reports the requests of dedicated Workers here too (the tests check the Worker's own).
    context.on('request', (request) => requests.push(request.url()));
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      refused.push(url);
      return route.abort('internetdisconnected');
    });
    return context;
  },
});

/** `safety-requests`: the URLs asked for so far and those refused. */
function requestLog() {
  return {
    name: 'safety-request-log',
    async executeCommand({ command }) {
      return command === 'safety-requests' ? { requests: [...requests], refused: [...refused] } : undefined;
    },
  };
}

const config = browserTestConfig({
  testDir: here('./test/browser'),
  exportConditions: ['browser'],
  plugins: [requestLog()],
});

export default {
  ...config,
  browsers: [launcher],
  // No camera-denied tests here.
  groups: [],
};
