/**
 * The engine: TensorFlow.js and the nsfwjs model, the same code in the Worker and on the main
 * thread. Never imported by the public entry point: it is bundled into `dist/runtime/` (with
 * TensorFlow.js) and loaded only when a screener starts.
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { NSFWJS } from 'nsfwjs/core';
import type { BackendName, Engine, EngineConfig, EngineInfo, EngineResult, EngineStartError } from './engine-types.js';
import { CLASS_NAMES, type ClassName, type ClassScores } from './rules.js';

/** The nsfwjs MobileNetV2 model's input side. */
const IMAGE_SIZE = 224;

function startError(failure: EngineStartError['failure'], message: string): EngineStartError {
  return { failure, message };
}

/**
 * The WebGL renderer's name, or why there is no WebGL. A software renderer (SwiftShader,
 * llvmpipe) runs the model slower than WASM, so it does not count as a GPU.
 */
function webglRenderer(): { ok: true; renderer: string } | { ok: false; why: string } {
  let gl: WebGLRenderingContext | WebGL2RenderingContext | null = null;
  try {
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  } catch (error) {
    return { ok: false, why: `no WebGL context (${String(error)})` };
  }
  if (!gl) return { ok: false, why: 'no WebGL context' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { ok: true, renderer };
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

async function pickBackend(config: EngineConfig): Promise<{ backend: BackendName; skipped: EngineInfo['skipped'] }> {
  const skipped: { backend: BackendName; why: string }[] = [];
  for (const backend of config.backends) {
    if (backend === 'webgl') {
      const gl = webglRenderer();
      if (!gl.ok) {
        skipped.push({ backend, why: gl.why });
        continue;
      }
      if (!config.allowSoftwareWebGL && SOFTWARE_RENDERER.test(gl.renderer)) {
        skipped.push({ backend, why: `software renderer (${gl.renderer})` });
        continue;
      }
    }
    // The binaries come from our own files, never from a CDN (TensorFlow.js's default).
    if (backend === 'wasm') setWasmPaths(config.wasmUrl);
    try {
      if (await tf.setBackend(backend)) {
        await tf.ready();
        return { backend, skipped };
      }
      skipped.push({ backend, why: 'failed to initialise' });
    } catch (error) {
      skipped.push({ backend, why: error instanceof Error ? error.message : String(error) });
    }
  }
  throw startError('no-backend', `no usable backend: ${skipped.map((s) => `${s.backend}: ${s.why}`).join('; ')}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function scoresOf(model: NSFWJS, input: tf.Tensor3D): Promise<ClassScores> {
  const predictions = await model.classify(input, CLASS_NAMES.length);
  const scores = Object.fromEntries(CLASS_NAMES.map((name) => [name, 0])) as Record<ClassName, number>;
  for (const { className, probability } of predictions) scores[className as ClassName] = probability;
  return scores;
}

/**
 * Picks the first usable backend of `config.backends`, loads the model from `config.modelUrl`
 * and times a few test frames. Rejects with an {@link EngineStartError}.
 */
export async function startEngine(config: EngineConfig): Promise<Engine> {
  const started = performance.now();
  const { backend, skipped } = await pickBackend(config);
  let model: NSFWJS;
  try {
    model = new NSFWJS(config.modelUrl, { size: IMAGE_SIZE });
    await model.load();
  } catch (error) {
    throw startError('model-load-failed', `model at ${config.modelUrl}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const loadMs = performance.now() - started;
  // Time a few frames after the warm-up nsfwjs already did in load().
  const probe = tf.randomUniform([IMAGE_SIZE, IMAGE_SIZE, 3], 0, 255, 'int32') as tf.Tensor3D;
  const times: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await scoresOf(model, probe);
      times.push(performance.now() - t0);
    }
  } finally {
    probe.dispose();
  }
  const info: EngineInfo = { backend, loadMs, frameMs: median(times), skipped };
  return {
    info,
    async classify(frame: ImageBitmap): Promise<EngineResult> {
      const t0 = performance.now();
      const pixels = tf.browser.fromPixels(frame);
      frame.close();
      try {
        const scores = await scoresOf(model, pixels);
        return { scores, classifyMs: performance.now() - t0 };
      } finally {
        pixels.dispose();
      }
    },
    dispose() {
      model.dispose();
    },
  };
}
