/**
 * The Worker's entry point (bundled into `dist/runtime/worker.js`): runs the engine off the main
 * thread and answers the screener's messages, one frame at a time.
 * @module
 */
import { startEngine } from './engine.js';
import type { Engine, EngineStartError, FromWorker, ToWorker } from './engine-types.js';

/** The part of the Worker's global scope used here (the package compiles with the DOM lib). */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  close(): void;
}

const scope = globalThis as unknown as WorkerScope;
let engine: Promise<Engine> | undefined;

function isStartError(value: unknown): value is EngineStartError {
  return typeof value === 'object' && value !== null && 'failure' in value && 'message' in value;
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      engine ??= startEngine(message.config);
      engine.then(
        (started) => scope.postMessage({ type: 'started', info: started.info }),
        (error: unknown) =>
          scope.postMessage(
            isStartError(error)
              ? { type: 'failed', failure: error.failure, message: error.message }
              : { type: 'failed', failure: 'model-load-failed', message: String(error) },
          ),
      );
      break;
    case 'classify': {
      const { id, frame } = message;
      if (!engine) {
        frame.close();
        scope.postMessage({ type: 'error', id, message: 'engine not started' });
        break;
      }
      engine
        .then((started) => started.classify(frame))
        .then(
          (result) => scope.postMessage({ type: 'result', id, result }),
          (error: unknown) => scope.postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) }),
        );
      break;
    }
    case 'dispose':
      void engine?.then((started) => started.dispose(), () => undefined).finally(() => scope.close());
      break;
  }
});
