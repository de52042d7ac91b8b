/**
 * The screening runtime on the main thread's side: the engine in a Worker where the browser
 * allows (frames go over as transferred `ImageBitmap`s), else the engine module imported on the
 * main thread. One runtime per set of settings is shared by every screener of the page (the
 * stranger's video and the self-view load the model once), and closed with the last of them.
 * @module
 */
import type { Engine, EngineConfig, EngineFailure, EngineInfo, EngineModule, EngineResult, FromWorker, ThreadKind, ToWorker } from './engine-types.js';
import type { ThreadOption } from './options.js';

/** Where the model runs and on what, as the screener reports it. */
export interface RuntimeInfo extends EngineInfo {
  /** `'worker'` (off the main thread) or `'main'`. */
  readonly thread: ThreadKind;
}

/** Why a runtime could not start: the engine's reasons, or a browser without what is needed. */
export type RuntimeFailure = EngineFailure | 'unsupported';

/** A started runtime, held by one screener until it calls `release()`. */
export interface RuntimeHandle {
  readonly info: RuntimeInfo;
  classify(frame: ImageBitmap): Promise<EngineResult>;
  release(): void;
}

/** Rejection reason of {@link acquireRuntime}. */
export class RuntimeStartError extends Error {
  constructor(
    readonly failure: RuntimeFailure,
    message: string,
  ) {
    super(message);
    this.name = 'RuntimeStartError';
  }
}

interface Host {
  readonly info: RuntimeInfo;
  classify(frame: ImageBitmap): Promise<EngineResult>;
  dispose(): void;
}

/** A Worker needs these to get frames and read them off the main thread. */
function workerSupported(): boolean {
  return typeof Worker === 'function' && typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function';
}

/** A classification that does not answer in this time counts as failed (a hung Worker never reads as safe). */
function classifyTimeoutMs(info: EngineInfo): number {
  return Math.max(10_000, info.frameMs * 20);
}

function startWorkerHost(runtimeUrl: string, config: EngineConfig): Promise<Host> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('worker.js', runtimeUrl), { type: 'module', name: 'novu-screening' });
    } catch (error) {
      reject(new RuntimeStartError('unsupported', `cannot start the screening Worker: ${String(error)}`));
      return;
    }
    let nextId = 1;
    let info: RuntimeInfo | undefined;
    /** Set once the Worker failed: later frames fail at once instead of waiting for a timeout. */
    let dead: string | undefined;
    const pending = new Map<number, { resolve: (result: EngineResult) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> }>();
    const failAll = (message: string) => {
      for (const [id, request] of pending) {
        clearTimeout(request.timer);
        request.reject(new Error(message));
        pending.delete(id);
      }
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const message = `screening Worker failed: ${event.message || 'could not load worker.js'}`;
      if (!info) reject(new RuntimeStartError('unsupported', message));
      dead = message;
      failAll(message);
    });
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      switch (message.type) {
        case 'started':
          info = { ...message.info, thread: 'worker' };
          resolve({
            info,
            classify(frame) {
              if (dead !== undefined) {
                frame.close();
                return Promise.reject(new Error(dead));
              }
              const id = nextId++;
              return new Promise<EngineResult>((resolveResult, rejectResult) => {
                const timer = setTimeout(() => {
                  pending.delete(id);
                  rejectResult(new Error('the screening Worker did not answer in time'));
                }, classifyTimeoutMs(info!));
                pending.set(id, { resolve: resolveResult, reject: rejectResult, timer });
                const request: ToWorker = { type: 'classify', id, frame };
                worker.postMessage(request, [frame]);
              });
            },
            dispose() {
              failAll('the screening runtime was closed');
              worker.postMessage({ type: 'dispose' } satisfies ToWorker);
              // Ends the Worker even if it is busy: its own close() may come later.
              setTimeout(() => worker.terminate(), 1000);
            },
          });
          break;
        case 'failed':
          worker.terminate();
          reject(new RuntimeStartError(message.failure, message.message));
          break;
        case 'result':
        case 'error': {
          const request = pending.get(message.id);
          if (!request) break;
          pending.delete(message.id);
          clearTimeout(request.timer);
          if (message.type === 'result') request.resolve(message.result);
          else request.reject(new Error(message.message));
          break;
        }
      }
    });
    worker.postMessage({ type: 'start', config } satisfies ToWorker);
  });
}

function isEngineStartError(value: unknown): value is { failure: EngineFailure; message: string } {
  return typeof value === 'object' && value !== null && 'failure' in value && 'message' in value;
}

async function startMainThreadHost(runtimeUrl: string, config: EngineConfig): Promise<Host> {
  let module: EngineModule;
  try {
    module = (await import(/* @vite-ignore */ new URL('engine.js', runtimeUrl).href)) as EngineModule;
  } catch (error) {
    throw new RuntimeStartError('unsupported', `cannot load the screening engine: ${String(error)}`);
  }
  let engine: Engine;
  try {
    engine = await module.startEngine(config);
  } catch (error) {
    if (isEngineStartError(error)) throw new RuntimeStartError(error.failure, error.message);
    throw new RuntimeStartError('model-load-failed', String(error));
  }
  return { info: { ...engine.info, thread: 'main' }, classify: (frame) => engine.classify(frame), dispose: () => engine.dispose() };
}

async function startHost(runtimeUrl: string, config: EngineConfig, thread: ThreadOption): Promise<Host> {
  if (typeof createImageBitmap !== 'function') throw new RuntimeStartError('unsupported', 'this browser has no createImageBitmap');
  if (thread === 'main') return startMainThreadHost(runtimeUrl, config);
  if (thread === 'worker' || workerSupported()) {
    try {
      return await startWorkerHost(runtimeUrl, config);
    } catch (error) {
      // Only a Worker that could not run at all falls back (e.g. a CSP without worker-src):
      // a model or backend failure would fail the same way on the main thread.
      if (thread === 'auto' && error instanceof RuntimeStartError && error.failure === 'unsupported') {
        return startMainThreadHost(runtimeUrl, config);
      }
      throw error;
    }
  }
  return startMainThreadHost(runtimeUrl, config);
}

const shared = new Map<string, { host: Promise<Host>; refs: number }>();

/**
 * A handle on the runtime for these settings, started on first use and shared after that;
 * rejects with a {@link RuntimeStartError}.
 */
export async function acquireRuntime(runtimeUrl: string, config: EngineConfig, thread: ThreadOption): Promise<RuntimeHandle> {
  const key = JSON.stringify([runtimeUrl, config, thread]);
  let entry = shared.get(key);
  if (!entry) {
    entry = { host: startHost(runtimeUrl, config, thread), refs: 0 };
    shared.set(key, entry);
    // A failed start is not cached: the next screener tries again.
    entry.host.catch(() => shared.delete(key));
  }
  entry.refs++;
  let host: Host;
  try {
    host = await entry.host;
  } catch (error) {
    entry.refs--;
    throw error;
  }
  const held = entry;
  let released = false;
  return {
    info: host.info,
    classify: (frame) => (released ? Promise.reject(new Error('runtime released')) : host.classify(frame)),
    release() {
      if (released) return;
      released = true;
      if (--held.refs === 0 && shared.get(key) === held) {
        shared.delete(key);
        host.dispose();
      }
    },
  };
}
