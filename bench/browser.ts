/**
 * Browser benchmark: time from `match` to the first remote video frame on screen, two headless
 * Chromium pages (Debian's Chromium through Playwright, fake camera) on loopback, matched through a
 * real `novu-chat-server` process, with the SDK bundle (packages/sdk/dist/bundle/novu-sdk.min.js).
 *
 * Each page measures on its own clock: from the SDK's `match` event to the first
 * `requestVideoFrameCallback` of a `<video>` showing the partner's stream (the first frame
 * decoded and presented). Round 1 is both pages' `start()`; every later round is page A's `next()`
 * (page B re-queues by itself, `autoNext`), and they meet again (`REPEAT_AVOID_MS=0`).
 *
 * Run directly: `node --import tsx bench/browser.ts [--rounds=10]`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '@novu-chat/test-support/chromium';
import { startServerProcess, type ServerProcess } from '@novu-chat/test-support/processes';
import { invokedDirectly } from './cli.ts';
import { median, percentile } from './stats.ts';

const BUNDLE = fileURLToPath(new URL('../packages/sdk/dist/bundle/novu-sdk.min.js', import.meta.url));

/** Chromium flags: the test flags, with three fake cameras (fake_device_1 is a depth camera WebRTC cannot encode, so the page picks fake_device_0) and no background throttling. */
const ARGS = [
  ...CHROMIUM_ARGS.filter((arg) => arg !== '--use-fake-device-for-media-stream'),
  '--use-fake-device-for-media-stream=device-count=3',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--autoplay-policy=no-user-gesture-required',
];

/** One page's figure for one round. */
export interface FirstFrameSample {
  round: number;
  page: 'A' | 'B';
  /** `match` → first remote frame presented, ms. */
  ms: number;
}

/** The browser benchmark's result. */
export interface BrowserBenchResult {
  rounds: number;
  samples: FirstFrameSample[];
  /** Over every page and round. */
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
  /** Per round, the slower of the two pages (both see each other), median. */
  bothMedianMs: number;
  chromium: string;
}

// The page: loads the SDK bundle, picks a colour fake camera, records `match` → first frame.
const PAGE = `<!doctype html><meta charset="utf-8"><title>novu bench</title><body>
<script type="module">
import { NovuClient } from '/novu-sdk.min.js';
const params = new URLSearchParams(location.search);
const samples = [];
let round = 0;
let matchAt = 0;
const video = document.createElement('video');
video.muted = true;
video.autoplay = true;
video.playsInline = true;
video.width = 320;
video.height = 240;
document.body.append(video);
async function camera() {
  const probe = await navigator.mediaDevices.getUserMedia({ video: true });
  probe.getTracks().forEach((t) => t.stop());
  const cams = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  const cam = cams.find((d) => d.label === 'fake_device_0');
  return cam ? { video: { deviceId: { exact: cam.deviceId } }, audio: true } : { video: true, audio: true };
}
const client = new NovuClient({
  url: params.get('server'),
  clientId: params.get('id'),
  defaultIceServers: [],
  autoNext: params.get('autoNext') === '1',
  media: await camera(),
});
client.on('match', () => {
  round += 1;
  matchAt = performance.now();
});
client.on('remoteStream', (stream) => {
  if (!stream) return;
  const r = round;
  const at = matchAt;
  video.srcObject = stream;
  video.play().catch(() => undefined);
  const onFrame = () => {
    if (video.srcObject !== stream || r !== round) return;
    samples.push({ round: r, ms: performance.now() - at });
  };
  video.requestVideoFrameCallback(onFrame);
});
window.bench = {
  start: () => client.start({ mode: 'video' }).then(() => true),
  next: () => { client.next(); return true; },
  samples: () => samples,
  round: () => round,
  state: () => client.state,
  stop: () => client.destroy(),
};
window.benchReady = true;
</script>`;

function staticServer(): Promise<{ server: Server; url: string }> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first.`);
  const bundle = readFileSync(BUNDLE);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/novu-sdk.min.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bundle);
    } else if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
  }));
}

/** Poll `check` every 20 ms until it is true; throws after `timeoutMs`. */
async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const samplesOf = (page: Page) => page.evaluate('window.bench.samples()') as Promise<Array<{ round: number; ms: number }>>;

/** Run the first-frame benchmark. */
export async function benchBrowser(opts: { rounds?: number } = {}): Promise<BrowserBenchResult> {
  const rounds = opts.rounds ?? 10;
  const executablePath = requireChromium();
  const server: ServerProcess = await startServerProcess({ REPEAT_AVOID_MS: '0', LOG_LEVEL: 'error', RATE_LIMIT_TYPING: '100000' });
  const site = await staticServer();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
    const open = async (id: string, autoNext: boolean) => {
      const context = await browser!.newContext({ permissions: ['camera', 'microphone'] });
      const page = await context.newPage();
      await page.goto(`${site.url}?server=${encodeURIComponent(server.url)}&id=${id}&autoNext=${autoNext ? 1 : 0}`);
      await page.waitForFunction('window.benchReady === true', undefined, { timeout: 20_000 });
      return page;
    };
    const a = await open('bench-a', false);
    const b = await open('bench-b', true);
    await Promise.all([a.evaluate('window.bench.start()'), b.evaluate('window.bench.start()')]);
    for (let round = 1; round <= rounds; round++) {
      if (round > 1) await a.evaluate('window.bench.next()');
      await until(async () => {
        const [sa, sb] = await Promise.all([samplesOf(a), samplesOf(b)]);
        return sa.some((s) => s.round >= round) && sb.some((s) => s.round >= round);
      }, 30_000, `round ${round}'s first frames`);
      await sleep(300); // let the call run a little, as a user would, before "next"
    }
    const samples: FirstFrameSample[] = [];
    for (const [name, page] of [['A', a], ['B', b]] as const) {
      // Keep each round's first frame only (rounds are counted per page from its `match` events).
      const seen = new Set<number>();
      for (const s of await samplesOf(page)) {
        if (seen.has(s.round) || s.round > rounds) continue;
        seen.add(s.round);
        samples.push({ round: s.round, page: name, ms: s.ms });
      }
    }
    await Promise.all([a.evaluate('window.bench.stop()'), b.evaluate('window.bench.stop()')]).catch(() => undefined);
    const all = samples.map((s) => s.ms).sort((x, y) => x - y);
    const both = Array.from({ length: rounds }, (_, i) => Math.max(...samples.filter((s) => s.round === i + 1).map((s) => s.ms)))
      .sort((x, y) => x - y);
    return {
      rounds,
      samples,
      medianMs: median(all),
      p90Ms: percentile(all, 90),
      minMs: all[0] ?? Number.NaN,
      maxMs: all[all.length - 1] ?? Number.NaN,
      bothMedianMs: median(both),
      chromium: browser.version(),
    };
  } finally {
    await browser?.close().catch(() => undefined);
    site.server.close();
    await server.stop('SIGKILL');
  }
}

/** The result as a markdown table. */
export function formatBrowserTable(r: BrowserBenchResult): string {
  const f = (x: number) => `${x.toFixed(0)} ms`;
  return [
    '| rounds | samples (2 pages) | match → first remote frame, median | p90 | min | max | both pages showing video, median |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${r.rounds} | ${r.samples.length} | ${f(r.medianMs)} | ${f(r.p90Ms)} | ${f(r.minMs)} | ${f(r.maxMs)} | ${f(r.bothMedianMs)} |`,
  ].join('\n');
}

/** The docs/benchmarks.md section. */
export function formatBrowserSection(r: BrowserBenchResult): string {
  return `## Browser: match → first remote video frame

Two headless Chromium ${r.chromium} pages (Debian's Chromium through Playwright, fake camera
\`--use-fake-device-for-media-stream=device-count=3\`, the colour \`fake_device_0\` selected, WebRTC over
loopback, no STUN) load the SDK bundle and match through a real \`novu-chat-server\` process. Each page
measures on its own clock from the SDK's \`match\` event to the first \`requestVideoFrameCallback\` of a
\`<video>\` playing the partner's stream: signaling (offer, answer, ICE), DTLS, the first key frame
decoded and presented. Round 1 is both pages' \`start()\`; each later round is one page's \`next()\`, the
other re-queuing by itself (\`autoNext\`). See [bench/browser.ts](../bench/browser.ts).

${formatBrowserTable(r)}
`;
}

if (invokedDirectly(import.meta.url)) {
  const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 10);
  const result = await benchBrowser({ rounds });
  process.stdout.write(`Chromium ${result.chromium}\n${formatBrowserTable(result)}\n`);
  process.stdout.write(`${result.samples.map((s) => `${s.round}${s.page}: ${s.ms.toFixed(0)}`).join('  ')}\n`);
}
