/**
 * `@novu-chat/safety`: on-device screening of video for nudity, built on nsfwjs and TensorFlow.js.
 * Every frame stays on the device; the screener only tells its caller what it saw.
 *
 * This entry point is small and loads nothing heavy: the model, TensorFlow.js and the Worker are
 * in `dist/runtime/`, fetched (from the site's own server) when a screener is created.
 * @packageDocumentation
 */
export { createSelfViewScreener, createVideoScreener } from './screener.js';
export { shouldBlur } from './blur.js';
export type { ScreeningState, TimedVerdict, UnavailableReason, VideoScreener, VideoScreenerEventMap } from './screener.js';
export type { ScreeningFallback, ThreadOption, VideoScreenerOptions } from './options.js';
export type { RuntimeFailure, RuntimeInfo } from './runtime.js';
export type { BackendName, EngineFailure, EngineInfo, ThreadKind } from './engine-types.js';
export type { FrameVerdict } from './verdict.js';
export type { Unsubscribe } from './events.js';
export {
  CLASS_NAMES,
  DEFAULT_CATEGORIES,
  DEFAULT_THRESHOLD,
  SCREENABLE_CATEGORIES,
  type ClassName,
  type ClassScores,
  type ScreenedCategory,
  type ScreeningRulesOptions,
  type ThresholdOption,
} from './rules.js';
