/**
 * The screener's settings as a site gives them, checked and completed with the defaults. Pure
 * (tested in Node): the default file locations are resolved against a base URL passed in.
 * @module
 */
import type { BackendName } from './engine-types.js';
import { type ScreeningRules, type ScreeningRulesOptions, normalizeRules } from './rules.js';

/**
 * What to do when screening cannot run (no backend, a device too slow, the model failed to load):
 * `'blur'` keeps the video blurred until the viewer chooses to see it, `'off'` shows it unscreened.
 * Either way the screener reports `unavailable`, so the UI can say which.
 */
export type ScreeningFallback = 'blur' | 'off';

/** Where the model runs: `'auto'` is a Worker where the browser allows, else the main thread. */
export type ThreadOption = 'auto' | 'worker' | 'main';

/** Settings of {@link createVideoScreener}; every one is optional. */
export interface VideoScreenerOptions extends ScreeningRulesOptions {
  /** Time between two sampled frames, in ms: 100 to 5000, default 333 (three a second). */
  sampleIntervalMs?: number;
  /** What the UI should do when screening cannot run; default `'blur'`. */
  fallback?: ScreeningFallback;
  /**
   * Folder URL of the model (`model.json` and its weights); default `model/` in {@link runtimeUrl}.
   * Serve it yourself (the package's `dist/runtime/model/`): nothing is fetched from a third party.
   */
  modelUrl?: string | URL;
  /**
   * Folder URL of the package's runtime (`dist/runtime/`: the Worker, the engine with TensorFlow.js,
   * the `.wasm` binaries); default the `runtime/` folder beside this module.
   */
  runtimeUrl?: string | URL;
  /** Backends to try, in order; default `['webgl', 'wasm', 'cpu']`. */
  backends?: readonly BackendName[];
  /** Where the model runs; default `'auto'`. */
  thread?: ThreadOption;
  /**
   * A device whose test frames take longer than this (ms, median) is too slow: screening reports
   * `unavailable { reason: 'too-slow' }`. Default 500.
   */
  maxFrameMs?: number;
  /** Use a software-rendered WebGL (slower than WASM); default `false`. */
  allowSoftwareWebGL?: boolean;
  /**
   * Once flagged, stay flagged until {@link VideoScreener.clearFlag} or a new video (default `true`:
   * a stranger who flashes and covers up is not shown again without the viewer's say). Self-view
   * screening turns it off, so the warning goes once the camera shows nothing explicit.
   */
  stickyFlag?: boolean;
}

/** Settings with every default filled in and every value checked. */
export interface ScreenerSettings {
  readonly rules: ScreeningRules;
  readonly sampleIntervalMs: number;
  readonly fallback: ScreeningFallback;
  readonly modelUrl: string;
  readonly runtimeUrl: string;
  readonly backends: readonly BackendName[];
  readonly thread: ThreadOption;
  readonly maxFrameMs: number;
  readonly allowSoftwareWebGL: boolean;
  readonly stickyFlag: boolean;
}

const BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];
const THREADS: readonly ThreadOption[] = ['auto', 'worker', 'main'];

function checkNumber(value: number, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${what} must be a number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function checkOneOf<T extends string>(value: T, what: string, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw new RangeError(`${what} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value;
}

/** A folder URL (ending with `/`, so relative files resolve inside it). */
function folderUrl(value: string | URL, base: string | URL, what: string): string {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new TypeError(`${what} is not a URL: ${String(value)}`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * Checks `options` and fills in the defaults; relative URLs and the default runtime folder are
 * resolved against `moduleUrl` (the URL of the package's entry module). Throws a `TypeError` or
 * `RangeError` naming the bad setting.
 */
export function normalizeOptions(options: VideoScreenerOptions, moduleUrl: string): ScreenerSettings {
  const runtimeUrl = folderUrl(options.runtimeUrl ?? './runtime/', moduleUrl, 'runtimeUrl');
  const backends = options.backends ?? BACKENDS;
  if (!Array.isArray(backends) || backends.length === 0) throw new TypeError(`backends must be a non-empty array of ${BACKENDS.join(', ')}`);
  for (const backend of backends) checkOneOf(backend, 'backends[]', BACKENDS);
  if (new Set(backends).size !== backends.length) throw new RangeError('backends lists a backend twice');
  return {
    rules: normalizeRules(options),
    sampleIntervalMs: checkNumber(options.sampleIntervalMs ?? 333, 'sampleIntervalMs', 100, 5000),
    fallback: checkOneOf(options.fallback ?? 'blur', 'fallback', ['blur', 'off']),
    modelUrl: folderUrl(options.modelUrl ?? 'model/', runtimeUrl, 'modelUrl'),
    runtimeUrl,
    backends,
    thread: checkOneOf(options.thread ?? 'auto', 'thread', THREADS),
    maxFrameMs: checkNumber(options.maxFrameMs ?? 500, 'maxFrameMs', 1, 60_000),
    allowSoftwareWebGL: options.allowSoftwareWebGL ?? false,
    stickyFlag: options.stickyFlag ?? true,
  };
}
