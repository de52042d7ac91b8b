import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, type TestServer } from '../support/server.ts';
import { launchChromium, type TestBrowser } from '../support/chromium.ts';

describe('the demo page in Chromium', () => {
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

  it('matches two tabs; text and typing cross over; next finds the other tab again', async () => {
    const [one, two] = [await browser.context.newPage(), await browser.context.newPage()];
    const errors: string[] = [];
    for (const page of [one, two]) {
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(srv.url);
      await page.fill('#interests', 'music, Games');
    }
    await one.click('#start');
    await two.click('#start');
    for (const page of [one, two]) await page.waitForSelector('#status:has-text("you both like games, music")');

    await one.fill('#text', 'hello from one');
    await two.waitForSelector('#typing:not([hidden])');
    await one.press('#text', 'Enter');
    await two.waitForSelector('#messages li.partner:has-text("hello from one")');
    await two.fill('#text', 'hi from two');
    await two.click('#send');
    await one.waitForSelector('#messages li.partner:has-text("hi from two")');
    assert.equal(await one.locator('#messages li.me').textContent(), 'hello from one');

    mkdirSync('docs/images', { recursive: true });
    await two.setViewportSize({ width: 420, height: 640 });
    await two.screenshot({ path: 'docs/images/demo-text-chat.png' });

    await one.click('#next');
    await two.waitForSelector('#status:has-text("The stranger left")');
    await two.click('#next');
    // The short repeat-avoidance window passes and the two tabs meet again.
    for (const page of [one, two]) await page.waitForSelector('#status:has-text("Connected")', { timeout: 5_000 });
    assert.deepEqual(errors, []);
  });
});
