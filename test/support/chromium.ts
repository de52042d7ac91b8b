/** Launch Debian's Chromium with Playwright for tests: never a downloaded browser. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs, requireChromium } from './chromium-base.mjs';

/** Flags that work on these machines (fake media, WebRTC over loopback only). */
export const CHROMIUM_ARGS = chromiumArgs();

export { CHROMIUM_PATH, requireChromium };

/** A browser context with a fresh user-data-dir, removed on close. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launch Chromium with a fresh profile, camera and microphone granted. */
export async function launchChromium(): Promise<TestBrowser> {
  const executablePath = requireChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'novu-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    permissions: ['camera', 'microphone'],
    viewport: { width: 1024, height: 720 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type { Browser };
