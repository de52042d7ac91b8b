/**
 * The contract between the screener (main thread) and the engine that runs the model, in a
 * Worker or on the main thread: settings, what a load reports, and the Worker's messages.
 * Types only: importing this module loads nothing.
 * @module
 */
import type { ClassScores } from './rules.js';

/** A TensorFlow.js backend the engine may run the model on. */
export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** Where the model runs: in a Worker (off the main thread) or on the main thread. */
export type ThreadKind = 'worker' | 'main';

/** What the engine needs to start: where its files are and which backends to try, in order. */
export interface EngineConfig {
  /** Folder URL of `model.json` and its weights (ends with `/`). */
  readonly modelUrl: string;
  /** Folder URL of TensorFlow.js's `.wasm` binaries (ends with `/`). */
  readonly wasmUrl: string;
  /** Backends to try, in order. */
  readonly backends: readonly BackendName[];
  /** Accept a software-rendered WebGL (SwiftShader, llvmpipe): slower than WASM, so off by default. */
  readonly allowSoftwareWebGL: boolean;
}

/** What a loaded engine reports. */
export interface EngineInfo {
  /** The backend the model runs on. */
  readonly backend: BackendName;
  /** Time to pick the backend and load and warm up the model, in ms. */
  readonly loadMs: number;
  /** Median time to classify one test frame after warm-up, in ms (decides "too slow"). */
  readonly frameMs: number;
  /** Backends tried and why each one before `backend` was not used. */
  readonly skipped: readonly { readonly backend: BackendName; readonly why: string }[];
}

/** Why the engine could not start. */
export type EngineFailure = 'no-backend' | 'model-load-failed';

/** One classified frame. */
export interface EngineResult {
  readonly scores: ClassScores;
  /** Time the model took on this frame, in ms. */
  readonly classifyMs: number;
}

/** A loaded model on one backend (the same API in the Worker and on the main thread). */
export interface Engine {
  readonly info: EngineInfo;
  /** Classifies one frame; the bitmap is closed once read. */
  classify(frame: ImageBitmap): Promise<EngineResult>;
  dispose(): void;
}

/** What the engine module exports (the runtime bundle's `engine.js`). */
export interface EngineModule {
  startEngine(config: EngineConfig): Promise<Engine>;
}

/** Thrown by `startEngine` when no engine could be had. */
export interface EngineStartError {
  readonly failure: EngineFailure;
  readonly message: string;
}

/** Messages to the Worker. */
export type ToWorker =
  | { readonly type: 'start'; readonly config: EngineConfig }
  | { readonly type: 'classify'; readonly id: number; readonly frame: ImageBitmap }
  | { readonly type: 'dispose' };

/** Messages from the Worker. */
export type FromWorker =
  | { readonly type: 'started'; readonly info: EngineInfo }
  | { readonly type: 'failed'; readonly failure: EngineFailure; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: EngineResult }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
