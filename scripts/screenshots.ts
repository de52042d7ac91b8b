// Screenshots of <novu-chat> in each state, phone and desktop, light and dark, for the README
// and docs/element.md: `npm run screenshots` (builds first). A real server serves the demo page
// (the element, full page) and two Chromium tabs really match, with fake cameras.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type {} from '@novu-chat/elements'; // the <novu-chat> typings (HTMLElementTagNameMap)
import { launchChromium } from '@novu-chat/test-support/chromium';
import { startServer } from '@novu-chat/test-support/server';

const OUT = 'docs/images';
const VIEWPORTS = { mobile: { width: 375, height: 812 }, desktop: { width: 1440, height: 900 } } as const;
const THEMES = ['light', 'dark'] as const;
type Viewport = keyof typeof VIEWPORTS;
type Theme = (typeof THEMES)[number];

const srv = await startServer({ rateLimitConnections: 10_000, repeatAvoidMs: 0, statsIntervalMs: 500 });
const browser = await launchChromium();
mkdirSync(OUT, { recursive: true });
const shots: string[] = [];

async function open(viewport: Viewport, theme: Theme, options: { denyCamera?: boolean } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS[viewport]);
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  if (options.denyCamera) {
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
  }
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(srv.url);
  await page.waitForFunction(() => customElements.get('novu-chat') !== undefined);
  return page;
}

const state = (page: Page, wanted: string, timeout = 20_000) =>
  page.waitForFunction((s) => document.querySelector('novu-chat')?.state === s, wanted, { timeout });

async function shot(page: Page, name: string): Promise<void> {
  // Let every playing video present a fresh frame, so the capture never shows a blank one.
  await page.evaluate(() =>
    Promise.all(
      [...(document.querySelector('novu-chat')?.shadowRoot?.querySelectorAll('video') ?? [])]
        .filter((video) => video.srcObject && !video.hidden)
        .map((video) => new Promise((resolve) => {
          video.requestVideoFrameCallback(() => resolve(undefined));
          setTimeout(resolve, 2_000);
        })),
    ),
  );
  await page.waitForTimeout(250);
  const path = `${OUT}/element-${name}.png`;
  await page.screenshot({ path });
  shots.push(path);
}

async function addInterests(page: Page, interests: string[]): Promise<void> {
  const input = page.locator('novu-chat #interest-input');
  for (const interest of interests) {
    await input.fill(interest);
    await input.press('Enter');
  }
}

/** Two tabs in `mode`, matched, with a short conversation and the partner typing. */
async function matchedPair(viewport: Viewport, theme: Theme, mode: 'video' | 'text'): Promise<[Page, Page]> {
  const me = await open(viewport, theme);
  const other = await open('desktop', theme);
  for (const page of [me, other]) {
    if (mode === 'text') await page.click('novu-chat .mode-option:nth-child(2)');
    await addInterests(page, page === me ? ['music', 'travel'] : ['music']);
    await page.click('novu-chat [part~="start-button"]');
  }
  await Promise.all([state(me, 'matched'), state(other, 'matched')]);
  if (mode === 'video') {
    await me.waitForFunction(() => {
      const video = document.querySelector('novu-chat')?.shadowRoot?.querySelector<HTMLVideoElement>('video.remote');
      return !!video && video.videoWidth > 0 && video.currentTime > 0.5;
    }, undefined, { timeout: 20_000 });
  }
  const send = (page: Page, text: string) => page.evaluate((t) => document.querySelector('novu-chat')!.send(t), text);
  await send(other, 'Hi! Where are you from?');
  await send(me, 'Hey! Lisbon. You?');
  await send(other, 'Berlin! What music are you into these days?');
  await send(me, 'Mostly jazz and some synth-pop. <img src=x onerror=alert(1)> stays text.');
  await other.locator('novu-chat [part~="message-input"]').pressSequentially('Same here, I love', { delay: 10 });
  await me.waitForSelector('novu-chat .typing.shown');
  return [me, other];
}

for (const viewport of Object.keys(VIEWPORTS) as Viewport[]) {
  for (const theme of THEMES) {
    const suffix = `${viewport}-${theme}`;

    // Landing, then searching (alone in the queue).
    const page = await open(viewport, theme);
    await addInterests(page, ['music', 'travel']);
    await page.locator('novu-chat #interest-input').blur();
    await shot(page, `landing-${suffix}`);
    await page.click('novu-chat [part~="start-button"]');
    await state(page, 'searching');
    await page.waitForSelector('novu-chat [part~="online-count"]');
    await shot(page, `searching-${suffix}`);
    await page.close();

    // A video call with messages and the partner typing; then the partner leaves.
    const [me, other] = await matchedPair(viewport, theme, 'video');
    await shot(me, `call-${suffix}`);
    // The report/block dialog over the call.
    await me.click('novu-chat [part~="report-button"]');
    await me.waitForSelector('novu-chat [part~="report-dialog"][open]');
    await shot(me, `report-${suffix}`);
    await me.keyboard.press('Escape');
    // Focus went back to the report button: drop it, so later shots show no focus ring.
    await me.evaluate(() => (document.querySelector('novu-chat')?.shadowRoot?.activeElement as HTMLElement | null)?.blur());
    await other.evaluate(() => document.querySelector('novu-chat')!.stop());
    await state(me, 'partner-left');
    await me.waitForTimeout(1_000); // the picture-in-picture repaints after the stranger's video goes
    await shot(me, `partner-left-${suffix}`);
    await me.close();
    await other.close();

    // Text mode.
    const [textMe, textOther] = await matchedPair(viewport, theme, 'text');
    await shot(textMe, `text-chat-${suffix}`);
    await textMe.close();
    await textOther.close();

    // Camera refused: the notice offers text mode.
    const denied = await open(viewport, theme, { denyCamera: true });
    await denied.click('novu-chat [part~="start-button"]');
    await denied.waitForSelector('novu-chat [part~="notice"]');
    await shot(denied, `camera-blocked-${suffix}`);
    await denied.close();
  }
}

await browser.close();
await srv.close();
console.log(`${shots.length} screenshots:\n${shots.join('\n')}`);
