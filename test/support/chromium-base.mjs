// Debian's Chromium for every browser test (Playwright tests and the web-test-runner configs):
// where it is, the check that it is there, and the flags that work on these machines.
// Plain JavaScript (with chromium-base.d.mts beside it) so that web-test-runner's .mjs configs can
// import it as well as the TypeScript tests.
import { existsSync } from 'node:fs';

/** Where Debian installs Chromium (override with CHROMIUM_PATH). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Fail loudly (never skip) when Chromium is missing; `who` names the tests that need it. */
export function requireChromium(who = 'These tests') {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. ${who} need a real Chromium: ` +
        "install Debian's chromium: apt-get install chromium (or set CHROMIUM_PATH).",
    );
  }
  return CHROMIUM_PATH;
}

/**
 * Flags that work on these machines: no sandbox, GPU or /dev/shm, none of the browser's own
 * network chatter, fake camera and microphone (`fakeDevices`) behind a fake permission prompt
 * (`fakeUi`), WebRTC between two clients on a machine with only a loopback interface; then `extra`.
 */
export function chromiumArgs({
  fakeDevices = '--use-fake-device-for-media-stream',
  fakeUi = '--use-fake-ui-for-media-stream',
  extra = [],
} = {}) {
  return [
    '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    fakeDevices, fakeUi, '--allow-loopback-in-peer-connection',
    ...extra,
  ];
}
