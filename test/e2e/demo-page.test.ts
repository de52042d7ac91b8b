import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type {} from '@novu-chat/elements'; // the <novu-chat> typings (HTMLElementTagNameMap)
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { launchChromium, type TestBrowser } from '@novu-chat/test-support/chromium';

const waitState = (page: Page, state: string, timeout = 20_000) =>
  page.waitForFunction((s) => document.querySelector('novu-chat')?.state === s, state, { timeout });

describe('the demo page (the <novu-chat> element, full page) in Chromium', () => {
  let srv: TestServer;
  let browser: TestBrowser;
  before(async () => {
    srv = await startServer({ rateLimitConnections: 100, repeatAvoidMs: 1_000 });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('serves the element full page under a strict CSP', async () => {
    const res = await fetch(srv.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await res.text();
    assert.match(html, /<script type="module" src="\/novu-chat.js"><\/script>/);
    assert.match(html, /<novu-chat server="\/"/);
    assert.doesNotMatch(html, /<script>|<script type="module">/, 'no inline script');
  });

  it('matches two tabs; text and typing cross over; next finds the other tab again', async () => {
    const [one, two] = [await browser.context.newPage(), await browser.context.newPage()];
    const errors: string[] = [];
    for (const page of [one, two]) {
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
      });
      await page.goto(srv.url);
      const box = await page.locator('novu-chat').boundingBox();
      assert.deepEqual([box?.width, box?.height], [1024, 720], 'full page');
      await page.click('novu-chat input[name="mode"][value="text"]', { force: true });
      await page.fill('novu-chat #interest-input', 'music, Games,');
      await page.click('novu-chat [part~="start-button"]');
    }
    for (const page of [one, two]) {
      await waitState(page, 'matched');
      await page.locator('novu-chat [part~="common-interests"]', { hasText: 'Games, music' }).waitFor();
    }

    await one.fill('novu-chat [part~="message-input"]', 'hello from one');
    await two.locator('novu-chat .typing.shown').waitFor();
    await one.press('novu-chat [part~="message-input"]', 'Enter');
    await two.locator('novu-chat .msg.partner', { hasText: 'hello from one' }).waitFor();
    await two.fill('novu-chat [part~="message-input"]', 'hi from two');
    await two.click('novu-chat [part~="send-button"]');
    await one.locator('novu-chat .msg.partner', { hasText: 'hi from two' }).waitFor();
    assert.equal(await one.locator('novu-chat .msg.me .bubble').textContent(), 'hello from one');

    await one.click('novu-chat [part~="next-button"]');
    await waitState(two, 'partner-left');
    await two.click('novu-chat [part~="find-next-button"]');
    // The 1 s repeat-avoidance window passes and the two tabs meet again at once (no third user needed).
    const rematch = Date.now();
    for (const page of [one, two]) await waitState(page, 'matched', 5_000);
    assert.ok(Date.now() - rematch < 4_000, `met again after ${Date.now() - rematch} ms`);
    assert.deepEqual(errors, []);

    // Closing or leaving the page tells the partner at once, not after the resume grace (15 s).
    const left = Date.now();
    await one.goto('about:blank');
    await waitState(two, 'partner-left', 3_000);
    assert.ok(Date.now() - left < 3_000);
    await one.close();
    await two.close();
  });
});
