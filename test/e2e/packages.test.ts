// The four packages as a user gets them: `npm pack`ed, installed from the tarballs into an empty
// project (their registry dependencies resolved by npm, as a user's would be), the server started
// with `npx novu-chat-server` there, and the SDK and the element loaded from that node_modules only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type {} from '@novu-chat/elements'; // the <novu-chat> typings (HTMLElementTagNameMap)
import type { NovuClient } from '@novu-chat/sdk';
import { launchChromium, type TestBrowser } from '@novu-chat/test-support/chromium';
import { ROOT, packPackages } from '../../scripts/pack-packages.mjs';

const run = promisify(execFile);

/**
 * This process's environment without the variables npm adds for a script (`npm test` names the
 * monorepo in them: npm_package_*, npm_config_local_prefix, npm_config_call…), which the user's
 * project must not inherit; npm settings that say how to reach the registry are kept.
 */
const KEPT_NPM_SETTINGS = /^npm_config_(registry|cache|userconfig|globalconfig|cafile|ca|proxy|https_proxy|noproxy|strict_ssl)$/i;
const USER_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEPT_NPM_SETTINGS.test(key)),
);

/** A user's empty project, ES modules. */
const APP_PACKAGE = { name: 'tarball-user', version: '1.0.0', private: true, type: 'module' };

/** What `check.mjs` prints: what the installed packages export, and where they resolve from. */
interface NodeImports {
  NovuClient: string;
  clientState: string;
  PROTOCOL_VERSION: number;
  createNovuServer: string;
  resolved: Record<string, string>;
}

// Run inside the project with plain node: the installed packages only (no tsx, no workspace).
const CHECK_MJS = `
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { NovuClient } from '@novu-chat/sdk';
import { PROTOCOL_VERSION } from '@novu-chat/protocol';
import { createNovuServer } from '@novu-chat/server';
const client = new NovuClient({ url: 'http://127.0.0.1:9' }); // safe before start(): no window needed
const fromServer = createRequire(fileURLToPath(import.meta.resolve('@novu-chat/server')));
const resolved = {
  sdk: fileURLToPath(import.meta.resolve('@novu-chat/sdk')),
  bundle: fileURLToPath(import.meta.resolve('@novu-chat/sdk/bundle')),
  cdn: fileURLToPath(import.meta.resolve('@novu-chat/elements/cdn/novu-chat.js')),
  elementsOfServer: fromServer.resolve('@novu-chat/elements/package.json'),
};
console.log(JSON.stringify({
  NovuClient: typeof NovuClient, clientState: client.state, PROTOCOL_VERSION,
  createNovuServer: typeof createNovuServer, resolved,
}));
`;

// A TypeScript user of every typed entry; checked with nodenext and with node10 resolution.
const CONSUMER_TS = `
import { NovuClient } from '@novu-chat/sdk';
import * as bundle from '@novu-chat/sdk/bundle';
import { NovuChat } from '@novu-chat/elements';
import * as cdn from '@novu-chat/elements/cdn/novu-chat.js';
import type { NovuChatReactProps } from '@novu-chat/elements/react';
import type { NovuChatVueProps } from '@novu-chat/elements/vue';
import { PROTOCOL_VERSION, type MatchFoundPayload } from '@novu-chat/protocol';
import { createNovuServer, type NovuServer } from '@novu-chat/server';

export const client: NovuClient = new bundle.NovuClient({ url: 'https://chat.example.com' });
export const element: typeof NovuChat = cdn.NovuChat;
export const react: NovuChatReactProps = { interests: ['music'], 'onnovu-match': () => {} };
export const vue: NovuChatVueProps = { server: 'https://chat.example.com' };
export const version: number = PROTOCOL_VERSION;
export const onMatch = (match: MatchFoundPayload): string[] => match.commonInterests;
export const server: NovuServer = createNovuServer({ port: 0 });
// @ts-expect-error a wrong option type is caught: the entries are typed, not any
new NovuClient({ url: 42 });
`;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

/** Serves the user's project folder over HTTP, as a site hosting its own copy of the files would. */
function serveFolder(root: string, pages: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page = pages[path];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html']! }).end(page);
      return;
    }
    const file = normalize(join(root, decodeURIComponent(path)));
    if (!file.startsWith(join(root, 'node_modules'))) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      assert.ok(address && typeof address === 'object');
      resolve({ url: `http://127.0.0.1:${address.port}`, server });
    });
  });
}

/** `npx novu-chat-server` in `cwd`, in its own process group; resolves with the URL it prints. */
function startInstalledServer(cwd: string): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn('npx', ['--no', 'novu-chat-server'], {
    cwd,
    detached: true, // its own process group: npx and the server under it are killed together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...USER_ENV,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      REPEAT_AVOID_MS: '1000',
      RATE_LIMIT_CONNECTIONS: '1000',
      SHUTDOWN_GRACE_MS: '0',
      STATS_INTERVAL_MS: '0',
    },
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npx novu-chat-server did not start:\n${out}`)), 60_000);
    const onData = () => {
      const found = /Novu Chat server listening on (http:\/\/\S+)/.exec(out);
      if (!found?.[1]) return;
      clearTimeout(timer);
      resolve({ url: found[1].replace(/\/$/, ''), child, output: () => out });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npx novu-chat-server exited with ${code}:\n${out}`));
    });
  });
}

/** Ends the process group of `child` (npx and the server), SIGKILL if SIGTERM is not enough. */
async function killGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL'); // anything left in the group
}

const waitState = (page: Page, state: string, timeout = 20_000) =>
  page.waitForFunction((s) => document.querySelector('novu-chat')?.state === s, state, { timeout });

/** Collects page errors, console errors and failed loads (but the favicon's) of `page` into `errors`. */
function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A failed load is reported below with its URL.
    if (message.type() === 'error' && !/^Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
}

describe('the packages installed from their tarballs into an empty project', () => {
  let work: string;
  let app: string;
  let srv: { url: string; child: ChildProcess; output: () => string } | undefined;
  let site: { url: string; server: Server } | undefined;
  let browser: TestBrowser | undefined;

  before(
    async () => {
      work = mkdtempSync(join(tmpdir(), 'novu-tarballs-'));
      app = join(work, 'app');
      const packed = packPackages(join(work, 'tarballs'));
      assert.deepEqual(packed.map((p) => p.name).sort(), [
        '@novu-chat/elements', '@novu-chat/protocol', '@novu-chat/sdk', '@novu-chat/server',
      ]);
      await run('mkdir', ['-p', app]);
      writeFileSync(join(app, 'package.json'), JSON.stringify(APP_PACKAGE, null, 2));
      // A user's install: the four tarballs, every other dependency from the registry (npm's cache).
      await run('npm', ['install', '--no-audit', '--no-fund', ...packed.map((p) => p.tarball)], {
        cwd: app,
        env: USER_ENV,
        timeout: 420_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      srv = await startInstalledServer(app);
      browser = await launchChromium();
    },
    { timeout: 600_000 },
  );

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (site ? site.server.close(() => resolve()) : resolve()));
    site?.server.closeAllConnections();
    await killGroup(srv?.child);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installed real copies, with the server depending on the elements it serves', () => {
    const installed = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of ['@novu-chat/protocol', '@novu-chat/server', '@novu-chat/sdk', '@novu-chat/elements']) {
      assert.match(installed.dependencies[name] ?? '', /\.tgz$/, `${name} installed from its tarball`);
      const dir = realpathSync(join(app, 'node_modules', name));
      assert.ok(dir.startsWith(realpathSync(app)), `${name} is a copy in the project, not a link to ${dir}`);
    }
    const server = JSON.parse(readFileSync(join(app, 'node_modules/@novu-chat/server/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    assert.ok(server.dependencies['@novu-chat/elements'], 'the server depends on @novu-chat/elements');
  });

  it('serves the installed element at /novu-chat.js and the demo page at /', async () => {
    const element = await fetch(`${srv!.url}/novu-chat.js`);
    assert.equal(element.status, 200, srv!.output());
    assert.match(element.headers.get('content-type') ?? '', /javascript/);
    const installed = readFileSync(join(app, 'node_modules/@novu-chat/elements/dist/cdn/novu-chat.js'), 'utf8');
    assert.equal(await element.text(), installed, 'the very file of the installed @novu-chat/elements');
    assert.match(installed, /customElements/);

    const demo = await fetch(`${srv!.url}/`);
    assert.equal(demo.status, 200);
    assert.match(demo.headers.get('content-type') ?? '', /text\/html/);
    const html = await demo.text();
    assert.match(html, /<script type="module" src="\/novu-chat.js"><\/script>/);
    assert.match(html, /<novu-chat server="\/"/);
    assert.equal((await fetch(`${srv!.url}/healthz`)).status, 200);
  });

  it('imports the SDK, the protocol and the server with plain node from the project', async () => {
    writeFileSync(join(app, 'check.mjs'), CHECK_MJS);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: app, env: USER_ENV, timeout: 60_000 });
    const found = JSON.parse(stdout) as NodeImports;
    assert.equal(found.NovuClient, 'function');
    assert.equal(found.clientState, 'idle');
    assert.equal(typeof found.PROTOCOL_VERSION, 'number');
    assert.equal(found.createNovuServer, 'function');
    const modules = realpathSync(join(app, 'node_modules'));
    for (const [entry, file] of Object.entries(found.resolved)) {
      assert.ok(realpathSync(file).startsWith(modules), `${entry} resolves inside the project: ${file}`);
    }
    assert.match(found.resolved['bundle'] ?? '', /@novu-chat\/sdk\/dist\/bundle\/novu-sdk\.min\.js$/);
    assert.match(found.resolved['cdn'] ?? '', /@novu-chat\/elements\/dist\/cdn\/novu-chat\.js$/);
  });

  it('type-checks a TypeScript user of every entry, with nodenext and node10 resolution', async () => {
    writeFileSync(join(app, 'consumer.ts'), CONSUMER_TS);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const resolutions: Record<string, Record<string, string>> = {
      nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
      node10: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' },
    };
    for (const [name, resolution] of Object.entries(resolutions)) {
      const compilerOptions = { ...resolution, strict: true, noEmit: true, skipLibCheck: true, target: 'es2022', lib: ['es2022', 'dom'], types: [] };
      writeFileSync(join(app, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
      const result = await run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { cwd: app, timeout: 120_000 }).catch(
        (error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout ?? ''}${error.stderr ?? ''}`, failed: true }),
      );
      assert.ok(!('failed' in result), `tsc with ${name} resolution:\n${result.stdout}`);
    }
  });

  it('matches two tabs of the demo page through the installed server', async () => {
    const errors: string[] = [];
    const tabs = [await browser!.context.newPage(), await browser!.context.newPage()];
    for (const page of tabs) {
      watchErrors(page, errors);
      await page.goto(srv!.url);
      await page.click('novu-chat input[name="mode"][value="text"]', { force: true });
      await page.click('novu-chat [part~="start-button"]');
    }
    for (const page of tabs) await waitState(page, 'matched');
    await tabs[0]!.fill('novu-chat [part~="message-input"]', 'hello from the tarballs');
    await tabs[0]!.press('novu-chat [part~="message-input"]', 'Enter');
    await tabs[1]!.locator('novu-chat .msg.partner', { hasText: 'hello from the tarballs' }).waitFor();
    for (const page of tabs) await page.close();
    assert.deepEqual(errors, []);
  });

  it('matches a site page using the installed CDN file with a page using the installed SDK bundle', async () => {
    const server = srv!.url;
    site = await serveFolder(app, {
      '/element.html': `<!doctype html><meta charset="utf-8">
<script type="module" src="/node_modules/@novu-chat/elements/dist/cdn/novu-chat.js"></script>
<novu-chat server="${server}"></novu-chat>`,
      '/sdk.html': `<!doctype html><meta charset="utf-8"><p id="log"></p>
<script type="module">
  import { NovuClient } from '/node_modules/@novu-chat/sdk/dist/bundle/novu-sdk.min.js';
  const client = new NovuClient({ url: ${JSON.stringify(server)} });
  window.novuClient = client;
  client.on('message', ({ text }) => { document.getElementById('log').textContent = text; });
  client.start({ mode: 'text' });
</script>`,
    });
    const errors: string[] = [];
    const [elementPage, sdkPage] = [await browser!.context.newPage(), await browser!.context.newPage()];
    for (const page of [elementPage, sdkPage]) watchErrors(page, errors);

    await elementPage.goto(`${site.url}/element.html`);
    await elementPage.waitForFunction(() => customElements.get('novu-chat') !== undefined);
    await elementPage.click('novu-chat input[name="mode"][value="text"]', { force: true });
    await elementPage.click('novu-chat [part~="start-button"]');
    await sdkPage.goto(`${site.url}/sdk.html`);

    await waitState(elementPage, 'matched');
    await sdkPage.waitForFunction(
      () => (window as unknown as { novuClient?: NovuClient }).novuClient?.state === 'matched',
      undefined,
      { timeout: 20_000 },
    );
    await sdkPage.evaluate(() =>
      (window as unknown as { novuClient: NovuClient }).novuClient.sendMessage('hi from the SDK bundle'),
    );
    await elementPage.locator('novu-chat .msg.partner', { hasText: 'hi from the SDK bundle' }).waitFor();
    await elementPage.fill('novu-chat [part~="message-input"]', 'hi from the CDN element');
    await elementPage.press('novu-chat [part~="message-input"]', 'Enter');
    await sdkPage.locator('#log', { hasText: 'hi from the CDN element' }).waitFor();
    for (const page of [elementPage, sdkPage]) await page.close();
    assert.deepEqual(errors, []);
  });
});
