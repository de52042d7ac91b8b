// The screener with the real nsfwjs model and TensorFlow.js in Chromium, on the fake camera's
// frames: the model loads from this package's own files with the network beyond 127.0.0.1 cut
// (see web-test-runner.config.mjs), the video becomes `safe` only after a classified-safe frame,
// and a threshold forced down for one category flags within one sampling interval. Load and
// classification times are printed.
import { executeServerCommand } from '@web/test-runner-commands';
import { assert, equal, until } from '@novu-chat/test-support/browser-helpers';
import {
  type ScreenedCategory,
  type ScreeningState,
  type TimedVerdict,
  type VideoScreener,
  createSelfViewScreener,
  createVideoScreener,
} from '../../dist/index.js';

const ALL: ScreenedCategory[] = ['Porn', 'Hentai', 'Sexy'];
const INTERVAL_MS = 333;

type Logged = { kind: 'state'; at: number; state: ScreeningState } | { kind: 'verdict'; at: number; verdict: TimedVerdict };

/** Records a screener's events in order, with their times. */
function record(screener: VideoScreener): Logged[] {
  const log: Logged[] = [];
  screener.on('state', (state) => log.push({ kind: 'state', at: performance.now(), state }));
  screener.on('verdict', (verdict) => log.push({ kind: 'verdict', at: performance.now(), verdict }));
  return log;
}

const verdicts = (log: Logged[]): TimedVerdict[] => log.flatMap((e) => (e.kind === 'verdict' ? [e.verdict] : []));

/** The fake camera in a playing, muted `<video>`. */
async function cameraVideo(): Promise<{ video: HTMLVideoElement; stream: MediaStream }> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  await until(() => video.videoWidth > 0, 10_000);
  return { video, stream };
}

function release(video: HTMLVideoElement, stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
  video.remove();
}

/** Resolves with the first state matching `match` (the current one included), or fails after `timeoutMs`. */
function nextState(screener: VideoScreener, match: (s: ScreeningState) => boolean, timeoutMs: number): Promise<ScreeningState> {
  if (match(screener.state)) return Promise.resolve(screener.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching state in ${timeoutMs} ms; last: ${JSON.stringify(screener.state)}`));
    }, timeoutMs);
    const off = screener.on('state', (state) => {
      if (!match(state)) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}

/** Waits for `count` more verdicts. */
async function moreVerdicts(log: Logged[], count: number, timeoutMs: number): Promise<TimedVerdict[]> {
  const start = verdicts(log).length;
  await until(() => verdicts(log).length >= start + count, timeoutMs);
  return verdicts(log).slice(start, start + count);
}

const ms = (value: number): string => `${Math.round(value)} ms`;
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** The contract: every `safe` state follows a safe verdict, with no flag since the last (re)start. */
function assertSafeOnlyAfterSafeFrame(log: Logged[]): void {
  let lastVerdict: TimedVerdict | undefined;
  for (const entry of log) {
    if (entry.kind === 'verdict') lastVerdict = entry.verdict;
    else if (entry.state.state === 'screening') lastVerdict = undefined;
    else if (entry.state.state === 'safe') assert(lastVerdict?.verdict === 'safe', 'safe before a classified-safe frame');
  }
}

/** Records the main thread's long tasks (over 50 ms); `since(t)` gives the durations of those that started at or after `t`. */
function watchLongTasks(): { since(t: number): number[]; stop(): void } {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  return {
    since: (t) => [...entries, ...observer.takeRecords()].filter((e) => e.startTime >= t).map((e) => e.duration),
    stop: () => observer.disconnect(),
  };
}

describe('video screening with the real model', function () {
  this.timeout(300_000);

  it('in a Worker: safe after the first frames, flagged within one interval once a threshold is forced down', async () => {
    const created = performance.now();
    const screener = createVideoScreener({ categories: ALL, sampleIntervalMs: INTERVAL_MS });
    const log = record(screener);
    equal(screener.state.state, 'loading', 'state at creation');
    const { video, stream } = await cameraVideo();
    const watched = performance.now();
    screener.watch(video);
    const ready = await screener.ready;
    equal(ready.state, 'screening', 'state once loaded');
    const runtime = screener.runtime;
    assert(runtime, 'runtime info once loaded');
    equal(runtime.thread, 'worker', 'thread');
    const loadedAt = performance.now();
    const longTasks = watchLongTasks();
    await nextState(screener, (s) => s.state === 'safe', 60_000);
    const safeAt = performance.now();
    const first = log.findIndex((e) => e.kind === 'state' && e.state.state === 'safe');
    assert(
      log.slice(0, first).every((e) => e.kind !== 'state' || ['loading', 'screening'].includes(e.state.state)),
      'only loading and screening before safe',
    );
    const sample = await moreVerdicts(log, 6, 60_000);
    assert(sample.every((v) => v.verdict === 'safe'), `the fake camera is safe: ${JSON.stringify(sample.map((v) => v.scores))}`);
    console.log(
      `[safety] worker, ${runtime.backend} (skipped: ${runtime.skipped.map((s) => `${s.backend}: ${s.why}`).join('; ') || 'none'}): ` +
        `model load ${ms(runtime.loadMs)}, test frame ${ms(runtime.frameMs)}; created → safe ${ms(safeAt - created)}, ` +
        `watch → safe ${ms(safeAt - watched)}; per frame: classify ${ms(mean(sample.map((v) => v.classifyMs)))}, ` +
        `frame → verdict ${ms(mean(sample.map((v) => v.latencyMs)))}; main thread after load: ` +
        `${longTasks.since(loadedAt).length} long tasks in ${ms(performance.now() - loadedAt)}, longest ${ms(Math.max(0, ...longTasks.since(loadedAt)))}`,
    );
    longTasks.stop();

    // Force the threshold of one category down, under any score the camera's frames got.
    const lowest = Math.min(...verdicts(log).map((v) => v.scores.Sexy));
    assert(lowest > 0, 'the Sexy score of the frames is above 0');
    const changedAt = performance.now();
    screener.update({ categories: ALL, threshold: { Sexy: lowest / 2 } });
    const flagged = await nextState(screener, (s) => s.state === 'flagged', 10_000);
    const flaggedAt = performance.now();
    assert(flagged.state === 'flagged', 'flagged');
    equal(flagged.category, 'Sexy', 'flagged category');
    const flagging = verdicts(log).find((v) => v.verdict === 'flagged');
    assert(flagging?.verdict === 'flagged', 'a flagged verdict');
    equal(flagged.score, flagging.score, 'the state carries the verdict score');
    // Within one sampling interval of the change, plus the time that frame took to classify.
    assert(
      flaggedAt - changedAt <= INTERVAL_MS + flagging.latencyMs + 50,
      `flagged ${ms(flaggedAt - changedAt)} after the change (interval ${INTERVAL_MS} ms, frame ${ms(flagging.latencyMs)})`,
    );
    console.log(`[safety] threshold forced down → flagged in ${ms(flaggedAt - changedAt)} (that frame: ${ms(flagging.latencyMs)})`);

    // A flag stays until the caller clears it, even when the next frames are safe.
    screener.update({ categories: ALL });
    const after = await moreVerdicts(log, 3, 30_000);
    assert(after.every((v) => v.verdict === 'safe'), 'frames are safe again under the default rules');
    equal(screener.state.state, 'flagged', 'still flagged (sticky)');
    screener.clearFlag();
    equal(screener.state.state, 'screening', 'after clearFlag');
    await nextState(screener, (s) => s.state === 'safe', 30_000);

    // A new source (a new stranger) is not safe until one of its frames is.
    video.srcObject = null;
    await nextState(screener, (s) => s.state === 'screening', 5_000);
    const { stream: second } = await cameraVideo().then(({ video: other, stream: s }) => {
      other.remove();
      return { stream: s };
    });
    video.srcObject = second;
    await video.play();
    await nextState(screener, (s) => s.state === 'safe', 30_000);
    assertSafeOnlyAfterSafeFrame(log);

    screener.stop();
    equal(screener.state.state, 'idle', 'after stop');
    screener.dispose();
    release(video, stream);
    for (const track of second.getTracks()) track.stop();
  });

  it('shares one model between screeners; the self-view warning is not sticky', async () => {
    const { video, stream } = await cameraVideo();
    const stranger = createVideoScreener({ categories: ALL });
    const self = createSelfViewScreener({ categories: ALL, sampleIntervalMs: INTERVAL_MS });
    await Promise.all([stranger.ready, self.ready]);
    assert(stranger.runtime && self.runtime, 'both loaded');
    equal(self.runtime, stranger.runtime, 'the same runtime (one model load)');
    const log = record(self);
    self.watch(video);
    await nextState(self, (s) => s.state === 'safe', 30_000);
    const lowest = Math.min(...(await moreVerdicts(log, 2, 30_000)).map((v) => v.scores.Sexy));
    self.update({ categories: ALL, threshold: { Sexy: lowest / 2 } });
    await nextState(self, (s) => s.state === 'flagged', 10_000);
    self.update({ categories: ALL });
    await nextState(self, (s) => s.state === 'safe', 10_000);
    assertSafeOnlyAfterSafeFrame(log);
    self.dispose();
    stranger.dispose();
    release(video, stream);
  });

  it('on the main thread when asked, at a rate that leaves the UI its time', async () => {
    const { video, stream } = await cameraVideo();
    const screener = createVideoScreener({ thread: 'main', categories: ALL, sampleIntervalMs: INTERVAL_MS });
    const log = record(screener);
    // Long tasks on the main thread while the model loads and screens.
    const longTasks = watchLongTasks();
    screener.watch(video);
    await screener.ready;
    const runtime = screener.runtime;
    assert(runtime, 'loaded');
    equal(runtime.thread, 'main', 'thread');
    const loadedAt = performance.now();
    await nextState(screener, (s) => s.state === 'safe', 60_000);
    const sample = await moreVerdicts(log, 4, 60_000);
    const elapsed = performance.now() - loadedAt;
    const after = longTasks.since(loadedAt);
    const classify = mean(sample.map((v) => v.classifyMs));
    const gaps = sample.slice(1).map((v, i) => v.sampledAt - sample[i]!.sampledAt);
    // After a frame that took t ms, the next is taken no sooner than max(interval, 4 t): a quarter of the main thread at most.
    const spacing = gaps.map((gap, i) => ({ gap, least: Math.max(INTERVAL_MS, sample[i]!.classifyMs * 4) }));
    assert(
      spacing.every(({ gap, least }) => gap >= least - 5),
      `frames spaced out: ${spacing.map(({ gap, least }) => `${ms(gap)} (at least ${ms(least)})`).join(', ')}`,
    );
    console.log(
      `[safety] main thread, ${runtime.backend}: model load ${ms(runtime.loadMs)}, classify ${ms(classify)} per frame, ` +
        `frames every ${ms(mean(gaps))}; after load: ${after.length} long tasks in ${ms(elapsed)}, longest ${ms(Math.max(0, ...after))}`,
    );
    longTasks.stop();
    screener.dispose();
    release(video, stream);
  });

  it('runs on WebGL in the Worker when a GPU renderer is allowed (SwiftShader here, only when asked)', async () => {
    const { video, stream } = await cameraVideo();
    const screener = createVideoScreener({ backends: ['webgl'], allowSoftwareWebGL: true, maxFrameMs: 20_000, categories: ALL });
    const log = record(screener);
    screener.watch(video);
    const ready = await screener.ready;
    assert(ready.state === 'screening', `loaded on WebGL: ${JSON.stringify(ready)}`);
    const runtime = screener.runtime;
    assert(runtime, 'runtime info once loaded');
    equal(runtime.backend, 'webgl', 'backend');
    equal(runtime.thread, 'worker', 'thread');
    await nextState(screener, (s) => s.state === 'safe', 60_000);
    const [frame] = verdicts(log);
    console.log(`[safety] worker, webgl (software): model load ${ms(runtime.loadMs)}, test frame ${ms(runtime.frameMs)}, first frame ${ms(frame!.classifyMs)}`);
    assertSafeOnlyAfterSafeFrame(log);
    screener.dispose();
    release(video, stream);
  });

  it('says so when screening cannot run, with the fallback the site chose', async () => {
    const missing = createVideoScreener({ modelUrl: '/packages/safety/no-such-model/', fallback: 'blur' });
    const failed = await missing.ready;
    assert(failed.state === 'unavailable', 'unavailable without a model');
    equal(failed.reason, 'model-load-failed', 'reason');
    equal(failed.fallback, 'blur', 'fallback');
    missing.dispose();

    const slow = createVideoScreener({ maxFrameMs: 1, fallback: 'off' });
    const tooSlow = await slow.ready;
    assert(tooSlow.state === 'unavailable', 'unavailable when too slow');
    equal(tooSlow.reason, 'too-slow', 'reason');
    equal(tooSlow.fallback, 'off', 'fallback');
    slow.dispose();
  });

  it('works from the one-file entry point, which finds the runtime beside it', async () => {
    const bundled = await import('../../dist/novu-safety.min.js');
    const screener = bundled.createVideoScreener({ thread: 'worker' });
    const ready = await screener.ready;
    assert(ready.state === 'idle', `loaded: ${JSON.stringify(ready)}`);
    equal(screener.runtime?.thread, 'worker', 'thread');
    screener.dispose();
  });

  it('fetched nothing from beyond 127.0.0.1', async () => {
    const { requests, refused } = (await executeServerCommand('safety-requests')) as { requests: string[]; refused: string[] };
    equal(refused.length, 0, `refused requests ${JSON.stringify(refused)}:`);
    for (const url of requests) assert(/^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:)/.test(url), `request to ${url}`);
    // The Worker's own requests are among them, so the check covers it too.
    for (const file of ['/novu-safety.min.js', '/runtime/worker.js', '/runtime/engine.js', '/runtime/model/model.json', '/runtime/model/group1-shard1of1', '.wasm']) {
      assert(requests.some((url) => url.includes(file)), `a request for ${file}`);
    }
  });
});
