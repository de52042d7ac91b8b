// End to end: the plain page of examples/cdn (which loads only the CDN file, from the Novu server at
// /novu-chat.js) served from another origin under a strict Content-Security-Policy; two browsers
// are matched through a real server and chat through the element's UI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type {} from '@novu-chat/elements'; // the <novu-chat> typings (HTMLElementTagNameMap)
import { launchChromium, type TestBrowser } from '@novu-chat/test-support/chromium';
import { startServer, type TestServer } from '@novu-chat/test-support/server';

const EXAMPLE = readFileSync(new URL('../../examples/cdn/index.html', import.meta.url), 'utf8');

/** Serves the example (pointed at the test server) and a page that frames it, with a strict CSP. */
async function startSite(novuUrl: string): Promise<{ url: string; server: Server }> {
  const ws = novuUrl.replace(/^http/, 'ws');
  const csp = [
    "default-src 'none'",
    `script-src ${novuUrl}`,
    `connect-src ${novuUrl} ${ws}`,
    "style-src 'self'",
    "frame-src 'self'",
    "require-trusted-types-for 'script'",
  ].join('; ');
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let body: string;
    if (path === '/' || path === '/index.html') {
      body = EXAMPLE.replaceAll('http://localhost:3001', novuUrl);
    } else if (path === '/framed.html') {
      body = '<!doctype html><title>framed</title><iframe allow="camera; microphone" src="/index.html" width="800" height="600"></iframe>';
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Collect page errors, CSP violations and dialogs (an XSS would open one). */
function watch(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
}

const chatState = (page: Page) => page.evaluate(() => document.querySelector('novu-chat')?.state);
const waitState = (page: Page, state: string) =>
  page.waitForFunction((s) => document.querySelector('novu-chat')?.state === s, state, { timeout: 20_000 });

/** Whether the stranger's video really plays: decoded frames, a size, and time moving on. */
async function videoPlays(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const video = document.querySelector('novu-chat')?.shadowRoot?.querySelector<HTMLVideoElement>('[part~="remote-video"]');
      return !!video && video.videoWidth > 0 && video.getVideoPlaybackQuality().totalVideoFrames > 5 && video.currentTime > 0;
    },
    undefined,
    { timeout: 20_000 },
  );
  const t1 = await page.evaluate(() => document.querySelector('novu-chat')!.shadowRoot!.querySelector<HTMLVideoElement>('[part~="remote-video"]')!.currentTime);
  await page.waitForTimeout(600);
  const { t2, frames } = await page.evaluate(async () => {
    const el = document.querySelector('novu-chat')!;
    const report = await el.client!.getStats();
    let decoded = 0;
    report?.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') decoded += s.framesDecoded ?? 0;
    });
    return { t2: el.shadowRoot!.querySelector<HTMLVideoElement>('[part~="remote-video"]')!.currentTime, frames: decoded };
  });
  assert.ok(t2 > t1, `the remote video advances (${t1} → ${t2})`);
  assert.ok(frames > 5, `frames decoded: ${frames}`);
}

const bubbles = (page: Page, from: 'me' | 'partner') =>
  page.locator(`novu-chat .msg.${from} .bubble`).allTextContents();

describe('<novu-chat> from the CDN file, in a plain page, two browsers', () => {
  let srv: TestServer;
  let site: { url: string; server: Server };
  let one: TestBrowser;
  let two: TestBrowser;
  before(async () => {
    srv = await startServer({ rateLimitConnections: 1_000, repeatAvoidMs: 0, statsIntervalMs: 500 });
    site = await startSite(srv.url);
    [one, two] = await Promise.all([launchChromium(), launchChromium()]);
  });
  after(async () => {
    await one?.close();
    await two?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    await srv?.close();
  });

  it('serves the CDN file for cross-origin embedding', async () => {
    const res = await fetch(`${srv.url}/novu-chat.js`, { headers: { origin: 'https://site.example' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(await res.text(), /customElements\.define\("novu-chat"/);
    assert.equal((await fetch(`${srv.url}/novu-chat.js.map`)).status, 200);
  });

  it('matches, plays both videos, chats through the UI, shows typing, next and stop work, XSS stays text', async () => {
    const problems: string[] = [];
    const a = await one.context.newPage();
    const b = await two.context.newPage();
    for (const page of [a, b]) {
      watch(page, problems);
      await page.goto(site.url);
      await page.waitForFunction(() => customElements.get('novu-chat') !== undefined);
      assert.equal(await chatState(page), 'idle');
      assert.deepEqual(await page.evaluate(() => document.querySelector('novu-chat')!.interests), ['music', 'games']);
    }
    await a.click('novu-chat [part~="start-button"]');
    await b.click('novu-chat [part~="start-button"]');
    await Promise.all([waitState(a, 'matched'), waitState(b, 'matched')]);
    await a.locator('novu-chat [part~="common-interests"]').filter({ hasText: 'games, music' }).waitFor();

    // Each sees the other's video, really decoded and playing.
    await Promise.all([videoPlays(a), videoPlays(b)]);

    // Typing shows on the other side; messages typed in the UI cross over.
    await a.locator('novu-chat [part~="message-input"]').pressSequentially('Hello from A', { delay: 15 });
    await b.locator('novu-chat .typing.shown').waitFor();
    await a.locator('novu-chat [part~="message-input"]').press('Enter');
    await b.locator('novu-chat .msg.partner .bubble', { hasText: 'Hello from A' }).waitFor();
    await b.locator('novu-chat [part~="message-input"]').fill('Hi A, B here');
    await b.click('novu-chat [part~="send-button"]');
    await a.locator('novu-chat .msg.partner .bubble', { hasText: 'Hi A, B here' }).waitFor();
    assert.deepEqual(await bubbles(a, 'me'), ['Hello from A']);
    assert.deepEqual(await bubbles(b, 'me'), ['Hi A, B here']);

    // A message that is HTML shows literally and runs nothing.
    const evil = '<img src=x onerror=alert(1)>';
    await a.locator('novu-chat [part~="message-input"]').fill(evil);
    await a.locator('novu-chat [part~="message-input"]').press('Enter');
    await b.locator('novu-chat .msg.partner .bubble', { hasText: evil }).waitFor();
    assert.equal(await b.locator('novu-chat .messages img').count(), 0);
    await b.waitForTimeout(300);

    // Next: B is told and finds A again with one tap.
    await a.click('novu-chat [part~="next-button"]');
    await waitState(b, 'partner-left');
    await b.locator('novu-chat [part~="partner-left"]').waitFor();
    await b.click('novu-chat [part~="find-next-button"]');
    await Promise.all([waitState(a, 'matched'), waitState(b, 'matched')]);
    assert.deepEqual(await bubbles(b, 'partner'), [], 'a fresh conversation');
    await Promise.all([videoPlays(a), videoPlays(b)]);

    // Stop: A is back on the start screen with the camera off; B is told.
    await a.click('novu-chat [part~="stop-button"]');
    await waitState(a, 'idle');
    await waitState(b, 'partner-left');
    await a.locator('novu-chat [part~="start-button"]').waitFor();
    assert.equal(await a.evaluate(() => document.querySelector('novu-chat')!.client?.localStream ?? null), null, 'camera released');
    assert.deepEqual(problems, []);
    await a.close();
    await b.close();
  });

  it('works inside an iframe given allow="camera; microphone"', async () => {
    const problems: string[] = [];
    const page = await one.context.newPage();
    watch(page, problems);
    await page.goto(`${site.url}/framed.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator('novu-chat [part~="start-button"]').click();
    const inner = page.frames().find((f) => f !== page.mainFrame())!;
    await inner.waitForFunction(() => {
      const el = document.querySelector('novu-chat');
      return el?.state === 'searching' && (el.client?.localStream?.getVideoTracks().length ?? 0) > 0;
    }, undefined, { timeout: 20_000 });
    await frame.locator('novu-chat [part~="stop-button"]').click();
    await inner.waitForFunction(() => document.querySelector('novu-chat')?.state === 'idle');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
