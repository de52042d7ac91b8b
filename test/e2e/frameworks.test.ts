// End to end: <novu-chat> inside React 19 and Vue 3 with no wrapper (examples/react, examples/vue,
// bundled by esbuild from the npm package as an app would). For each framework, two browsers are
// matched through a real server: one page defines the element only after the framework rendered it
// (late.html: attributes/properties set before the upgrade), the other imports it first
// (index.html). The array `interests` set by the framework arrives; a message crosses; a re-render
// with an equal array restarts nothing; unmounting hangs up (the partner is told), stops the camera;
// mounting again works. No console errors or warnings. And the bare `import '@novu-chat/elements'`
// survives a production bundler that honours the package's `sideEffects`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import type {} from '@novu-chat/elements'; // the <novu-chat> typings (HTMLElementTagNameMap)
import * as react from '../../examples/react/build.ts';
import * as vue from '../../examples/vue/build.ts';
import { launchChromium, type TestBrowser } from '@novu-chat/test-support/chromium';
import { startServer, type TestServer } from '@novu-chat/test-support/server';

const EXAMPLES = { react: react.root, vue: vue.root } as const;
type Framework = keyof typeof EXAMPLES;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/** Serves examples/react at /react/ and examples/vue at /vue/ (their HTML, CSS and dist/). */
async function startSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [, name = '', ...rest] = path.split('/');
    const root = EXAMPLES[name as Framework];
    const file = root ? normalize(join(root, rest.join('/') || 'index.html')) : undefined;
    let ok = false;
    try {
      ok = !!file && file.startsWith(root.endsWith(sep) ? root : root + sep) && statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (!ok || !file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Page errors, console errors and warnings (React's and Vue's development checks warn there). */
function watch(page: Page, label: string, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`${label} pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${label} HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${label} console.${message.type()}: ${message.text()}`);
  });
}

const waitState = (page: Page, state: string) =>
  page.waitForFunction((s) => document.querySelector('novu-chat')?.state === s, state, { timeout: 20_000 });

/** The example's event log (novu-match, novu-message, novu-partner-left as the app received them). */
const waitLog = (page: Page, pattern: RegExp) => page.locator('#events li', { hasText: pattern }).first().waitFor({ timeout: 20_000 });

/** What the element got from the framework, once defined and rendered. */
async function upgraded(page: Page) {
  await page.waitForFunction(() => customElements.get('novu-chat') !== undefined && document.querySelector('novu-chat')?.hasUpdated === true, undefined, { timeout: 10_000 });
  return page.evaluate(() => {
    const el = document.querySelector('novu-chat')!;
    return {
      interests: el.interests,
      isArray: Array.isArray(el.interests),
      attribute: el.getAttribute('interests'),
      server: el.server,
      theme: el.theme,
      terms: el.strings?.terms ?? null,
      state: el.state,
      renderedBeforeDefine: document.documentElement.dataset['renderedBeforeDefine'] ?? null,
    };
  });
}

async function send(page: Page, text: string): Promise<void> {
  await page.locator('novu-chat [part~="message-input"]').fill(text);
  await page.locator('novu-chat [part~="message-input"]').press('Enter');
}

describe('<novu-chat> in React 19 and Vue 3 (examples/react, examples/vue), two browsers, a real server', () => {
  let srv: TestServer;
  let site: { url: string; server: Server };
  let one: TestBrowser;
  let two: TestBrowser;

  before(async () => {
    // Development builds: React's and Vue's warnings (an unknown element, a bad prop…) reach the console.
    await Promise.all([react.build(false), vue.build(false)]);
    srv = await startServer({ rateLimitConnections: 1_000, repeatAvoidMs: 0 });
    site = await startSite();
    [one, two] = await Promise.all([launchChromium(), launchChromium()]);
    // tsx (esbuild keepNames) wraps named functions of the page.evaluate callbacks in `__name(...)`.
    for (const browser of [one, two]) await browser.context.addInitScript('globalThis.__name = (fn) => fn;');
  });
  after(async () => {
    await one?.close();
    await two?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    await srv?.close();
  });

  it('production bundles keep the side-effect import that registers the tag', async () => {
    /** The production bundle of an entry (alone: late.* imports the element dynamically, which is always kept). */
    const bundle = async (options: esbuild.BuildOptions, entry: string, plugins: esbuild.Plugin[] = []) => {
      const result = await esbuild.build({ ...options, entryPoints: [entry], write: false, sourcemap: false, logLevel: 'silent', plugins: [...(options.plugins ?? []), ...plugins] });
      return result.outputFiles.map((f) => f.text).join('\n');
    };
    const defines = /customElements\.define\("novu-chat"/;
    assert.match(await bundle(react.options(true), 'src/main.tsx'), defines, 'React: `import \'@novu-chat/elements\'` registers the tag');
    assert.match(await bundle(vue.options(true), 'src/main.ts'), defines, 'Vue: `import \'@novu-chat/elements\'` registers the tag');
    // Control: the same import from a package that declared no side effects is dropped.
    const noSideEffects: esbuild.Plugin = {
      name: 'no-side-effects',
      setup(build) {
        build.onResolve({ filter: /^@novu-chat\/elements$/ }, async (args) => {
          if (args.pluginData === 'inner') return undefined;
          const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
          return { path: resolved.path, sideEffects: false };
        });
      },
    };
    assert.doesNotMatch(await bundle(react.options(true), 'src/main.tsx', [noSideEffects]), defines);
  });

  for (const framework of ['react', 'vue'] as const) {
    it(`${framework}: upgrade with the framework's interests, match, chat, equal re-render, unmount, mount again`, async () => {
      const problems: string[] = [];
      const a = await one.context.newPage(); // the element is defined after the framework rendered it
      const b = await two.context.newPage(); // the element is imported before rendering
      watch(a, `${framework} A`, problems);
      watch(b, `${framework} B`, problems);
      const query = `?server=${encodeURIComponent(srv.url)}`;
      await a.goto(`${site.url}/${framework}/late.html${query}`);
      await b.goto(`${site.url}/${framework}/index.html${query}`);

      // Upgrade: what the framework set is there, the array as an array, on both paths.
      const lateEl = await upgraded(a);
      const earlyEl = await upgraded(b);
      assert.equal(lateEl.renderedBeforeDefine, 'true', 'A rendered <novu-chat> before it was defined');
      for (const el of [lateEl, earlyEl]) {
        assert.deepEqual(el.interests, ['music', 'games']);
        assert.ok(el.isArray);
        assert.equal(el.server, srv.url);
        assert.equal(el.theme, 'auto');
        assert.equal(el.state, 'idle');
      }
      // Before the definition the framework could only set the attribute form ("music,games");
      // once defined it sets the property (no attribute).
      assert.equal(lateEl.attribute, 'music,games', 'the attribute form, picked up on upgrade');
      assert.equal(earlyEl.attribute, null, 'set as a property');
      if (framework === 'vue') {
        // `:strings.prop`: an own property on the undefined element, picked up on upgrade.
        assert.equal(lateEl.terms, 'Be kind. This is the Vue example.');
        assert.equal(earlyEl.terms, 'Be kind. This is the Vue example.');
        await a.locator('novu-chat [part~="terms"]', { hasText: 'This is the Vue example' }).waitFor();
      }
      for (const page of [a, b]) assert.deepEqual(await page.locator('novu-chat .chip-text').allTextContents(), ['music', 'games']);

      // Matched through the real server; the apps' event props/listeners receive the events.
      await a.click('novu-chat [part~="start-button"]');
      await b.click('novu-chat [part~="start-button"]');
      await Promise.all([waitState(a, 'matched'), waitState(b, 'matched')]);
      await Promise.all([waitLog(a, /^novu-match: .*music/), waitLog(b, /^novu-match: .*music/)]);

      // A message crosses, both ways.
      await send(a, `Hello from ${framework} A`);
      await b.locator('novu-chat .msg.partner .bubble', { hasText: `Hello from ${framework} A` }).waitFor();
      await waitLog(b, new RegExp(`^novu-message \\(partner\\): Hello from ${framework} A$`));
      await waitLog(a, new RegExp(`^novu-message \\(me\\): Hello from ${framework} A$`));
      await send(b, `Hi from ${framework} B`);
      await a.locator('novu-chat .msg.partner .bubble', { hasText: `Hi from ${framework} B` }).waitFor();

      // Re-render with a new, equal interests array: the framework assigns it (counted by a spy on
      // the instance), and nothing restarts: same client, same call, same conversation.
      for (const page of [a, b]) {
        await page.evaluate(() => {
          const el = document.querySelector('novu-chat')!;
          const w = window as unknown as Record<string, unknown>;
          const accessor = Object.getOwnPropertyDescriptor(customElements.get('novu-chat')!.prototype, 'interests')!;
          w['interestSets'] = 0;
          w['before'] = { client: el.client, interests: el.interests, lines: el.shadowRoot!.querySelectorAll('.msg').length };
          Object.defineProperty(el, 'interests', {
            configurable: true,
            get: () => accessor.get!.call(el),
            set: (value: unknown) => {
              w['interestSets'] = (w['interestSets'] as number) + 1;
              accessor.set!.call(el, value);
            },
          });
        });
        await page.click('#rerender');
        await page.locator('#renders', { hasText: 'renders: 1' }).waitFor();
        await page.waitForTimeout(200);
        const after = await page.evaluate(() => {
          const el = document.querySelector('novu-chat')!;
          const w = window as unknown as Record<string, unknown>;
          const before = w['before'] as { client: unknown; interests: unknown; lines: number };
          return {
            sets: w['interestSets'] as number,
            state: el.state,
            sameClient: el.client === before.client && el.client !== null,
            sameInterests: el.interests === before.interests,
            lines: el.shadowRoot!.querySelectorAll('.msg').length,
            linesBefore: before.lines,
          };
        });
        assert.ok(after.sets >= 1, `${framework} re-assigned interests on re-render (${after.sets})`);
        assert.equal(after.state, 'matched');
        assert.ok(after.sameClient, 'the same client: no restart');
        assert.ok(after.sameInterests, 'an equal list changes nothing');
        assert.equal(after.lines, after.linesBefore, 'the conversation is kept');
      }
      await send(a, 'Still here');
      await b.locator('novu-chat .msg.partner .bubble', { hasText: 'Still here' }).waitFor();

      // Unmount A through the app's toggle: it hangs up (B is told), stops its camera and microphone.
      const tracks = await a.evaluate(() => {
        const el = document.querySelector('novu-chat')!;
        const w = window as unknown as Record<string, unknown>;
        const list = el.client?.localStream?.getTracks() ?? [];
        w['unmounted'] = el;
        w['tracks'] = list;
        return list.map((t) => `${t.kind}:${t.readyState}`);
      });
      assert.deepEqual(tracks.sort(), ['audio:live', 'video:live']);
      await a.click('#toggle');
      await a.waitForFunction(() => {
        const w = window as unknown as Record<string, unknown>;
        return document.querySelector('novu-chat') === null && (w['tracks'] as MediaStreamTrack[]).every((t) => t.readyState === 'ended');
      }, undefined, { timeout: 10_000 });
      const gone = await a.evaluate(() => {
        const el = (window as unknown as Record<string, unknown>)['unmounted'] as HTMLElementTagNameMap['novu-chat'];
        return { state: el.state, client: el.client, videos: document.querySelectorAll('video').length };
      });
      assert.deepEqual(gone, { state: 'idle', client: null, videos: 0 });
      await waitState(b, 'partner-left');
      await waitLog(b, /^novu-partner-left: (left|disconnected)$/);
      await b.locator('novu-chat [part~="partner-left"]').waitFor();

      // Mount again: a fresh element with the framework's interests, and it finds B again.
      await a.click('#toggle');
      const again = await upgraded(a);
      assert.deepEqual(again.interests, ['music', 'games']);
      assert.equal(again.state, 'idle');
      assert.ok(await a.evaluate(() => document.querySelector('novu-chat') !== (window as unknown as Record<string, unknown>)['unmounted']));
      await a.click('novu-chat [part~="start-button"]');
      await b.click('novu-chat [part~="find-next-button"]');
      await Promise.all([waitState(a, 'matched'), waitState(b, 'matched')]);
      await send(b, 'Welcome back');
      await a.locator('novu-chat .msg.partner .bubble', { hasText: 'Welcome back' }).waitFor();

      await a.close();
      await b.close();
      assert.deepEqual(problems, []);
    });
  }
});
