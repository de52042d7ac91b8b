/**
 * The video screener: samples a `<video>` a few times a second, has each frame classified by the
 * shared runtime, and reports verdicts and its state to its caller, who blurs or unblurs.
 * Nothing is sent anywhere. Its contract: the state is `safe` only after a frame of the current
 * video was classified safe (so a UI that blurs unless `safe` never shows an unscreened frame).
 * @module
 */
import { Emitter, type Unsubscribe } from './events.js';
import { type ScreenerSettings, type ScreeningFallback, type VideoScreenerOptions, normalizeOptions } from './options.js';
import { type ScreenedCategory, type ScreeningRules, type ScreeningRulesOptions, normalizeRules } from './rules.js';
import { type RuntimeFailure, type RuntimeHandle, type RuntimeInfo, RuntimeStartError, acquireRuntime } from './runtime.js';
import { type FrameVerdict, checkScores, judgeFrame } from './verdict.js';

/** Why screening is not running. */
export type UnavailableReason = RuntimeFailure | 'too-slow' | 'error';

/** The screener's state; a UI shows the video unblurred only in `safe`. */
export type ScreeningState =
  /** The model is loading. */
  | { readonly state: 'loading' }
  /** The model is ready and no video is watched. */
  | { readonly state: 'idle'; readonly runtime: RuntimeInfo }
  /** A video is watched and none of its frames was classified safe yet (or since a flag was cleared). */
  | { readonly state: 'screening'; readonly runtime: RuntimeInfo }
  /** The last classified frame of the watched video was safe. */
  | { readonly state: 'safe' }
  /** A frame was flagged: blur at once. */
  | { readonly state: 'flagged'; readonly category: ScreenedCategory; readonly score: number }
  /** Screening cannot run; `fallback` says what the site chose the UI should do. */
  | { readonly state: 'unavailable'; readonly reason: UnavailableReason; readonly fallback: ScreeningFallback; readonly message: string };

/** A frame's verdict with its timings. */
export type TimedVerdict = FrameVerdict & {
  /** `performance.now()` when the frame was taken from the video. */
  readonly sampledAt: number;
  /** Time the model took on the frame, in ms. */
  readonly classifyMs: number;
  /** From taking the frame to this verdict, in ms (frame capture, transfer, classification). */
  readonly latencyMs: number;
};

/** The events of a {@link VideoScreener} and their payloads. */
export interface VideoScreenerEventMap {
  /** The state changed. */
  state: ScreeningState;
  /** A frame of the watched video was classified. */
  verdict: TimedVerdict;
}

/** Screens one `<video>` at a time. Create it with {@link createVideoScreener}. */
export interface VideoScreener {
  /** The current state. */
  readonly state: ScreeningState;
  /** Where and on what the model runs, once loaded. */
  readonly runtime: RuntimeInfo | undefined;
  /** Settles once loading has ended, with the state then (`idle`, `screening` or `unavailable`). */
  readonly ready: Promise<ScreeningState>;
  /** Screens `video` (replacing any video watched before); the state is not `safe` until one of its frames is. */
  watch(video: HTMLVideoElement): void;
  /** Stops screening the watched video (state `idle`). */
  stop(): void;
  /** After a flag, screens again: the state is `screening` until the next safe frame. */
  clearFlag(): void;
  /** Changes what is flagged from the next frame on; throws on bad settings (the old ones stay). */
  update(rules: ScreeningRulesOptions): void;
  /** Listens to an event; returns the function that stops listening. */
  on<K extends keyof VideoScreenerEventMap>(type: K, listener: (payload: VideoScreenerEventMap[K]) => void): Unsubscribe;
  /** Stops, releases the model (closed with the page's last screener) and removes the listeners. */
  dispose(): void;
}

/** The model's input side: frames are scaled to it as they are taken, so little crosses to the Worker. */
const FRAME_SIZE = 224;
/** A HTMLMediaElement.readyState with a current frame to draw. */
const HAVE_CURRENT_DATA = 2;
/** Failed classifications in a row before the screener gives up and says so. */
const MAX_FAILURES = 3;
/** On the main thread, screening takes at most this share of its time. */
const MAIN_THREAD_SHARE = 0.25;
/**
 * `safe` means "recently classified safe": a frame whose verdict is this late (ms, or three
 * times the device's frame time and one interval when longer) turns `safe` back into
 * `screening` until a verdict comes, so a stuck engine never leaves the video unblurred.
 */
const STALE_AFTER_MS = 2000;

class Screener implements VideoScreener {
  readonly ready: Promise<ScreeningState>;
  readonly #settings: ScreenerSettings;
  readonly #events = new Emitter<VideoScreenerEventMap>();
  #rules: ScreeningRules;
  #state: ScreeningState = { state: 'loading' };
  #runtime: RuntimeHandle | undefined;
  #video: HTMLVideoElement | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #staleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever the watched video changes or screening stops: late answers are dropped. */
  #generation = 0;
  #busy = false;
  #flagged = false;
  #failures = 0;
  #disposed = false;
  readonly #onEmptied = () => this.#restart();

  constructor(settings: ScreenerSettings) {
    this.#settings = settings;
    this.#rules = settings.rules;
    this.ready = this.#load();
  }

  get state(): ScreeningState {
    return this.#state;
  }

  get runtime(): RuntimeInfo | undefined {
    return this.#runtime?.info;
  }

  on<K extends keyof VideoScreenerEventMap>(type: K, listener: (payload: VideoScreenerEventMap[K]) => void): Unsubscribe {
    return this.#events.on(type, listener);
  }

  async #load(): Promise<ScreeningState> {
    const s = this.#settings;
    try {
      const runtime = await acquireRuntime(
        s.runtimeUrl,
        { modelUrl: s.modelUrl, wasmUrl: s.runtimeUrl, backends: s.backends, allowSoftwareWebGL: s.allowSoftwareWebGL },
        s.thread,
      );
      if (this.#disposed) {
        runtime.release();
        return this.#state;
      }
      if (runtime.info.frameMs > s.maxFrameMs) {
        runtime.release();
        this.#unavailable('too-slow', `a frame takes ${Math.round(runtime.info.frameMs)} ms on ${runtime.info.backend} (limit ${s.maxFrameMs} ms)`);
        return this.#state;
      }
      this.#runtime = runtime;
      if (this.#video) {
        this.#setState({ state: 'screening', runtime: runtime.info });
        this.#schedule(0);
      } else {
        this.#setState({ state: 'idle', runtime: runtime.info });
      }
    } catch (error) {
      if (!this.#disposed) {
        const failure = error instanceof RuntimeStartError ? error.failure : 'model-load-failed';
        this.#unavailable(failure, error instanceof Error ? error.message : String(error));
      }
    }
    return this.#state;
  }

  watch(video: HTMLVideoElement): void {
    this.#checkAlive();
    if (this.#video !== video) {
      this.#video?.removeEventListener('emptied', this.#onEmptied);
      this.#video = video;
      // A new source (a new stranger) starts unscreened again.
      video.addEventListener('emptied', this.#onEmptied);
    }
    this.#restart();
  }

  stop(): void {
    this.#checkAlive();
    this.#video?.removeEventListener('emptied', this.#onEmptied);
    this.#video = undefined;
    this.#halt();
    this.#flagged = false;
    if (this.#runtime) this.#setState({ state: 'idle', runtime: this.#runtime.info });
  }

  clearFlag(): void {
    this.#checkAlive();
    if (!this.#flagged) return;
    this.#flagged = false;
    if (this.#runtime && this.#video) this.#setState({ state: 'screening', runtime: this.#runtime.info });
  }

  update(rules: ScreeningRulesOptions): void {
    this.#checkAlive();
    this.#rules = normalizeRules(rules);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#video?.removeEventListener('emptied', this.#onEmptied);
    this.#video = undefined;
    this.#halt();
    this.#disposed = true;
    this.#runtime?.release();
    this.#runtime = undefined;
    this.#events.clear();
  }

  #checkAlive(): void {
    if (this.#disposed) throw new Error('this VideoScreener was disposed');
  }

  #setState(state: ScreeningState): void {
    this.#state = state;
    this.#events.emit('state', state);
  }

  #unavailable(reason: UnavailableReason, message: string): void {
    this.#halt();
    this.#setState({ state: 'unavailable', reason, fallback: this.#settings.fallback, message });
  }

  /** Drops in-flight work and timers. */
  #halt(): void {
    this.#generation++;
    clearTimeout(this.#timer);
    clearTimeout(this.#staleTimer);
    this.#timer = undefined;
    this.#busy = false;
  }

  /** Arms the check that a verdict on the frame just taken comes in time (see {@link STALE_AFTER_MS}). */
  #armStaleCheck(runtime: RuntimeHandle): void {
    clearTimeout(this.#staleTimer);
    const generation = this.#generation;
    const late = Math.max(STALE_AFTER_MS, 3 * runtime.info.frameMs + this.#settings.sampleIntervalMs);
    this.#staleTimer = setTimeout(() => {
      if (generation === this.#generation && this.#state.state === 'safe') this.#setState({ state: 'screening', runtime: runtime.info });
    }, late);
  }

  /** Starts the watched video over: not safe until one of its frames is. */
  #restart(): void {
    if (this.#state.state === 'unavailable') return;
    this.#halt();
    this.#flagged = false;
    this.#failures = 0;
    if (!this.#runtime) return; // #load() starts the loop.
    this.#setState({ state: 'screening', runtime: this.#runtime.info });
    this.#schedule(0);
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    const generation = this.#generation;
    this.#timer = setTimeout(() => {
      if (generation === this.#generation) void this.#sample(generation);
    }, delayMs);
  }

  async #sample(generation: number): Promise<void> {
    const video = this.#video;
    const runtime = this.#runtime;
    if (!video || !runtime || this.#busy) return;
    const interval = this.#settings.sampleIntervalMs;
    if (video.readyState < HAVE_CURRENT_DATA || video.videoWidth === 0) {
      this.#schedule(interval); // No frame yet: the state stays as it is (not safe before a safe frame).
      return;
    }
    this.#busy = true;
    const sampledAt = performance.now();
    this.#armStaleCheck(runtime);
    let verdict: FrameVerdict;
    let classifyMs: number;
    try {
      const frame = await createImageBitmap(video, { resizeWidth: FRAME_SIZE, resizeHeight: FRAME_SIZE, resizeQuality: 'low' });
      if (generation !== this.#generation) {
        frame.close();
        return;
      }
      const result = await runtime.classify(frame);
      if (generation !== this.#generation) return;
      classifyMs = result.classifyMs;
      verdict = judgeFrame(checkScores(result.scores), this.#rules);
      this.#failures = 0;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#busy = false;
      if (++this.#failures >= MAX_FAILURES) {
        this.#unavailable('error', `classification failed ${MAX_FAILURES} times: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        this.#schedule(interval);
      }
      return;
    }
    this.#busy = false;
    clearTimeout(this.#staleTimer);
    const now = performance.now();
    this.#events.emit('verdict', { ...verdict, sampledAt, classifyMs, latencyMs: now - sampledAt });
    if (generation !== this.#generation) return; // A listener stopped or re-watched.
    if (verdict.verdict === 'flagged') {
      this.#flagged = this.#settings.stickyFlag;
      const { category, score } = verdict;
      if (this.#state.state !== 'flagged' || this.#state.category !== category) this.#setState({ state: 'flagged', category, score });
    } else if (!this.#flagged && this.#state.state !== 'safe') {
      this.#setState({ state: 'safe' });
    }
    // On the main thread, leave it most of its time (the UI stays smooth on a slow device).
    const period = runtime.info.thread === 'main' ? Math.max(interval, classifyMs / MAIN_THREAD_SHARE) : interval;
    this.#schedule(Math.max(0, period - (now - sampledAt)));
  }
}

/**
 * Creates a screener for a stranger's video. It starts loading the model at once (from the
 * package's own files, or `modelUrl`), and never sends a frame, thumbnail or score anywhere.
 * Throws a `TypeError` or `RangeError` on bad options.
 *
 * @example
 * ```ts
 * const { createVideoScreener } = await import('@novu-chat/safety');
 * const screener = createVideoScreener({ threshold: 0.6, categories: ['Porn', 'Hentai'] });
 * screener.on('state', (s) => video.classList.toggle('blurred', s.state !== 'safe'));
 * screener.watch(video);
 * ```
 */
export function createVideoScreener(options: VideoScreenerOptions = {}): VideoScreener {
  return new Screener(normalizeOptions(options, import.meta.url));
}

/**
 * Creates a screener for the user's own camera, to warn them before their camera shows
 * something that would get them reported. Unlike a stranger's video it is not blurred: `flagged`
 * means "warn", and it goes back to `safe` once the camera shows nothing explicit. Defaults: one
 * frame a second, `fallback: 'off'`, `stickyFlag: false`. Shares the model with the other screeners.
 */
export function createSelfViewScreener(options: VideoScreenerOptions = {}): VideoScreener {
  return createVideoScreener({ sampleIntervalMs: 1000, fallback: 'off', stickyFlag: false, ...options });
}

