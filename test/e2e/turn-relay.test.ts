// Relay-only privacy, end to end: a real coturn on loopback, the server issuing TURN REST
// credentials with FORCE_RELAY, and two Chromium pages running the SDK bundle. Every ICE
// candidate either side gathers, sends or receives must be a relay candidate.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { launchChromium, requireChromium, type TestBrowser } from '@novu-chat/test-support/chromium';
import { requireTurnserver, startTurnserver, type TestTurn } from '@novu-chat/test-support/turn';

const BUNDLE = fileURLToPath(new URL('../../packages/sdk/dist/bundle/novu-sdk.min.js', import.meta.url));

/** What a page reports once connected. */
interface PageReport {
  config: { iceTransportPolicy?: string; iceServers?: { urls: string | string[]; username?: string; credential?: string }[] };
  gathered: string[];
  received: string[];
  connectionState: string;
  local: { type: string; address: string; port: number }[];
  remote: { type: string; address: string; port: number }[];
  selected: { local: string; remote: string } | null;
  bytesReceived: number;
}

/** A page that serves nothing but an empty document and the SDK bundle (the page's own origin). */
async function staticSite(): Promise<{ url: string; close: () => Promise<void> }> {
  const bundle = readFileSync(BUNDLE);
  const server: Server = createServer((req, res) => {
    if (req.url === '/novu-sdk.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>relay test</title>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

// In-page code is plain strings: the test runner's transpiler adds helpers (`__name`) to named
// functions and classes that do not exist inside the page.

/** Wraps RTCPeerConnection (before any page script) to record every candidate gathered and received. */
const RECORDER = `
  (() => {
    const gathered = [];
    const received = [];
    const Native = window.RTCPeerConnection;
    const addIceCandidate = Native.prototype.addIceCandidate;
    Native.prototype.addIceCandidate = function (candidate, ...rest) {
      if (candidate && candidate.candidate) received.push(candidate.candidate);
      return addIceCandidate.call(this, candidate, ...rest);
    };
    window.RTCPeerConnection = class extends Native {
      constructor(config) {
        super(config);
        window.__config = config;
        window.__pc = this;
        this.addEventListener('icecandidate', (event) => {
          if (event.candidate && event.candidate.candidate) gathered.push(event.candidate.candidate);
        });
      }
    };
    Object.assign(window, { __gathered: gathered, __received: received });
  })();
`;

/** Start a video chat with the SDK bundle; `relay` also sets the client-side option. */
const START = (serverUrl: string, clientRelay: boolean) => `
  (async () => {
    const { NovuClient } = await import('/novu-sdk.min.js');
    const client = new NovuClient({ url: ${JSON.stringify(serverUrl)}${clientRelay ? ", iceTransportPolicy: 'relay'" : ''} });
    window.__client = client;
    await client.start({ mode: 'video' });
  })()
`;

const CONNECTED = `window.__pc && window.__pc.connectionState === 'connected'`;

const MEDIA_FLOWS = `
  (async () => {
    let bytes = 0;
    (await window.__pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp') bytes += s.bytesReceived || 0; });
    return bytes > 0;
  })()
`;

const REPORT = `
  (async () => {
    const pc = window.__pc;
    const stats = await pc.getStats();
    const local = [];
    const remote = [];
    let selected = null;
    let bytesReceived = 0;
    stats.forEach((s) => {
      const entry = { type: s.candidateType || '?', address: s.address || '', port: s.port || 0 };
      if (s.type === 'local-candidate') local.push(entry);
      if (s.type === 'remote-candidate') remote.push(entry);
      if (s.type === 'inbound-rtp') bytesReceived += s.bytesReceived || 0;
    });
    stats.forEach((s) => {
      if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
      const pair = stats.get(s.selectedCandidatePairId);
      if (pair) selected = { local: stats.get(pair.localCandidateId).candidateType, remote: stats.get(pair.remoteCandidateId).candidateType };
    });
    const config = { iceTransportPolicy: window.__config.iceTransportPolicy, iceServers: window.__config.iceServers };
    return { config, gathered: window.__gathered, received: window.__received, connectionState: pc.connectionState, local, remote, selected, bytesReceived };
  })()
`;

async function startClient(page: Page, serverUrl: string, clientRelay: boolean): Promise<void> {
  await page.evaluate(START(serverUrl, clientRelay));
}

async function report(page: Page): Promise<PageReport> {
  await page.waitForFunction(CONNECTED, undefined, { timeout: 30_000 });
  // Let media flow until the stats show bytes through the relay. Poll with evaluate, which awaits
  // the expression's promise (waitForFunction would take the pending promise itself as truthy).
  const deadline = Date.now() + 15_000;
  while (!(await page.evaluate(MEDIA_FLOWS))) {
    if (Date.now() > deadline) throw new Error('no media arrived through the relay within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return (await page.evaluate(REPORT)) as PageReport;
}

describe('relay-only WebRTC through a real coturn (FORCE_RELAY + TURN REST credentials)', () => {
  let turn: TestTurn;
  let srv: TestServer;
  let site: Awaited<ReturnType<typeof staticSite>>;
  let browser: TestBrowser;
  before(async () => {
    requireChromium();
    requireTurnserver();
    if (!existsSync(BUNDLE)) throw new Error(`The SDK bundle is missing (${BUNDLE}): run \`npm run build\` first.`);
    turn = await startTurnserver();
    srv = await startServer({
      turnSecret: turn.secret,
      turnUrls: [turn.url],
      forceRelay: true,
      rateLimitConnections: 100,
      repeatAvoidMs: 0,
      demoPage: false,
    });
    site = await staticSite();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await srv?.close();
    await turn?.close();
  });

  it('connects two pages with relay candidates only, using the credentials the server issued', async () => {
    const pages = [await browser.context.newPage(), await browser.context.newPage()];
    const errors: string[] = [];
    for (const page of pages) {
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript({ content: RECORDER });
      await page.goto(site.url);
    }
    // One page relies on the server's relay policy alone; the other asks for relay itself too.
    await startClient(pages[0]!, srv.url, false);
    await startClient(pages[1]!, srv.url, true);
    const reports = [await report(pages[0]!), await report(pages[1]!)];

    for (const [i, r] of reports.entries()) {
      const side = `page ${i + 1}`;
      assert.equal(r.connectionState, 'connected', side);
      assert.equal(r.config.iceTransportPolicy, 'relay', `${side}: the RTCPeerConnection is relay-only`);
      const turnServer = r.config.iceServers?.find((s) => [s.urls].flat().includes(turn.url));
      assert.ok(turnServer, `${side}: the server's TURN URL is used`);
      assert.match(turnServer.username ?? '', /^\d{10}:[0-9a-f]{24}$/, `${side}: a TURN REST username with the hashed client`);
      assert.ok(r.gathered.length > 0, `${side}: gathered candidates`);
      assert.ok(r.received.length > 0, `${side}: received candidates from the partner`);
      for (const candidate of [...r.gathered, ...r.received]) {
        assert.match(candidate, / typ relay( |$)/, `${side}: only relay candidates are gathered, sent and received: ${candidate}`);
      }
      assert.ok(r.local.length > 0 && r.local.every((c) => c.type === 'relay'), `${side}: local candidates ${JSON.stringify(r.local)}`);
      assert.ok(r.remote.length > 0 && r.remote.every((c) => c.type === 'relay'), `${side}: remote candidates ${JSON.stringify(r.remote)}`);
      assert.deepEqual(r.selected, { local: 'relay', remote: 'relay' }, `${side}: the selected pair goes through TURN`);
      assert.ok(r.bytesReceived > 0, `${side}: media arrived through the relay`);
    }
    // The two sides' gathered candidates are what the other received (nothing else was sent).
    assert.deepEqual(new Set(reports[0]!.received), new Set(reports[1]!.gathered));
    assert.deepEqual(new Set(reports[1]!.received), new Set(reports[0]!.gathered));
    assert.deepEqual(errors, []);
  });
});
