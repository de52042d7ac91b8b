// Snippets of docs/ that claim to run, run. The "custom UI in 20 lines" of docs/sdk.md works when
// pasted into a plain HTML page: the snippet is taken from the document as written, its CDN URL
// replaced by the local SDK bundle and its server URL by a real test server, and two copies in
// Chromium match, show each other's video and chat through the snippet's own form. The
// ALLOWED_ORIGINS table of docs/troubleshooting.md is what a real server does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from '@novu-chat/test-support/chromium';
import { optionsFromEnv } from '@novu-chat/server';
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { closeAll, connectLazy } from '@novu-chat/test-support/clients';

const DOC = readFileSync(new URL('../../docs/sdk.md', import.meta.url), 'utf8');
const BUNDLE = readFileSync(new URL('../../packages/sdk/dist/bundle/novu-sdk.min.js', import.meta.url));
const CDN_URL = 'https://cdn.jsdelivr.net/npm/@novu-chat/sdk/dist/bundle/novu-sdk.min.js';
const DOC_SERVER_URL = 'http://localhost:3001';

/** The first ```html block after a heading of docs/sdk.md. */
function snippetAfter(heading: string): string {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `docs/sdk.md has the section "${heading}"`);
  const block = /```html\n([\s\S]*?)\n```/.exec(DOC.slice(start));
  assert.ok(block?.[1], `an html block under "${heading}"`);
  return block[1];
}

/** Serves the snippet, pasted into a plain page, and the bundle in place of the CDN file. */
async function startSite(html: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (path === '/novu-sdk.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(BUNDLE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

// In-page checks are strings: the test runner's transpiler would add helpers to functions.
const LOG = `[...document.querySelectorAll('#log li')].map((li) => li.textContent)`;
const logHas = (line: string) => `${LOG}.includes(${JSON.stringify(line)})`;
const REMOTE_VIDEO_PLAYS = `(() => { const v = document.getElementById('them'); return !!v.srcObject && v.videoWidth > 0 && v.currentTime > 0; })()`;

describe('docs/sdk.md: "A custom UI in 20 lines"', () => {
  let srv: TestServer;
  let site: Awaited<ReturnType<typeof startSite>>;
  let browser: TestBrowser;
  const problems: string[] = [];
  const snippet = snippetAfter('A custom UI in 20 lines');

  before(async () => {
    srv = await startServer();
    assert.ok(snippet.includes(CDN_URL), 'the snippet loads the SDK from the npm CDN path');
    assert.ok(snippet.includes(`'${DOC_SERVER_URL}'`), 'the snippet talks to the documented server URL');
    assert.match(snippet, /<script type="importmap">/);
    assert.match(snippet, /import \{ NovuClient \} from '@novu-chat\/sdk';/);
    // Pasted into a plain page; only the two URLs change.
    const html = `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>My chat</title></head>\n<body>\n${snippet
      .replaceAll(CDN_URL, '/novu-sdk.min.js')
      .replaceAll(DOC_SERVER_URL, srv.url)}\n</body>\n</html>\n`;
    site = await startSite(html);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    site?.server.closeAllConnections();
    await new Promise<void>((resolve) => (site ? site.server.close(() => resolve()) : resolve()));
    await srv?.close();
  });

  async function open(): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
    });
    // Failed loads by URL; the browser's own favicon request is not the snippet's.
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(site.url);
    return page;
  }

  it('two pasted copies match with video and exchange messages through its form', async () => {
    const a = await open();
    const b = await open();
    for (const page of [a, b]) {
      await page.waitForFunction(`document.getElementById('status').textContent === 'matched'`, undefined, { timeout: 30_000 });
      await page.waitForFunction(logHas('Connected. You both like: music'), undefined, { timeout: 10_000 });
    }
    // Video mode, not the text fallback: the partner's camera plays.
    for (const page of [a, b]) await page.waitForFunction(REMOTE_VIDEO_PLAYS, undefined, { timeout: 30_000 });

    await a.fill('#text', 'hello from the docs');
    await a.click('#form button');
    await b.waitForFunction(logHas('Stranger: hello from the docs'), undefined, { timeout: 10_000 });
    await a.waitForFunction(logHas('You: hello from the docs'), undefined, { timeout: 10_000 });
    assert.equal(await a.inputValue('#text'), '', 'the input is cleared after sending');

    // The typing indicator, then a reply.
    await b.type('#text', 'hi');
    await a.waitForFunction(`!document.getElementById('typing').hidden`, undefined, { timeout: 10_000 });
    await b.click('#form button');
    await a.waitForFunction(logHas('Stranger: hi'), undefined, { timeout: 10_000 });

    // Next: the partner is told.
    await a.click('#next');
    await b.waitForFunction(logHas('Stranger left. Press Next.'), undefined, { timeout: 10_000 });
    assert.deepEqual(problems, []);
  });
});

describe('docs/troubleshooting.md: the ALLOWED_ORIGINS table', () => {
  const doc = readFileSync(new URL('../../docs/troubleshooting.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## `origin_not_allowed`'));
  const rows = [...section.matchAll(/^\| (.+?) \| `([^`]+)` \| (refused|allowed) \|/gm)].map(([, set = '', page = '', result = '']) => ({
    settings: [...set.matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
    page,
    result,
  }));

  it('says what a real server does with each setting, read as the CLI reads it', async () => {
    assert.ok(rows.length >= 7, `${rows.length} rows`);
    for (const { settings, page, result } of rows) {
      for (const setting of settings) {
        const srv = await startServer(optionsFromEnv({ ALLOWED_ORIGINS: setting }));
        try {
          const socket = connectLazy(srv.url, { v: 1 }, { extraHeaders: { origin: page } });
          const outcome = await new Promise<string>((resolve) => {
            socket.once('connect', () => resolve('allowed'));
            socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code === 'origin_not_allowed' ? 'refused' : error.message));
          });
          assert.equal(outcome, result, `ALLOWED_ORIGINS=${setting}, page ${page}`);
        } finally {
          closeAll();
          await srv.close();
        }
      }
    }
  });
});
