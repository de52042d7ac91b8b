// The browser files of @novu-chat/safety: its entry point as one minified file, and the runtime,
// loaded only when a screener starts: `dist/runtime/` (the engine, the Worker, TensorFlow.js
// inlined, its .wasm binaries) and `dist/runtime/model/` (the nsfwjs MobileNetV2 model as
// model.json + binary weights, taken from the installed nsfwjs package, which ships it as base64
// inside JS files). Input is the tsc output: run `tsc -b` first.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const require = createRequire(import.meta.url);
// nsfwjs exports no ./package.json: start from its CommonJS entry (dist/cjs/index.js).
const nsfwjsModels = join(dirname(require.resolve('nsfwjs')), '../models/mobilenet_v2');
const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/** Emits the model (model/ inside the runtime folder) and TensorFlow.js's .wasm binaries. */
function screeningAssets() {
  return {
    name: 'novu-screening-assets',
    generateBundle() {
      // The nsfwjs model files are CommonJS modules exporting the model JSON and a base64 string.
      const modelJson = require(join(nsfwjsModels, 'model.min.js'));
      const paths = modelJson.weightsManifest.flatMap((group) => group.paths);
      for (const path of paths) {
        const base64 = require(join(nsfwjsModels, `${path}.min.js`));
        this.emitFile({ type: 'asset', fileName: `model/${path}`, source: Buffer.from(base64, 'base64') });
      }
      this.emitFile({ type: 'asset', fileName: 'model/model.json', source: JSON.stringify(modelJson) });
      for (const file of WASM_FILES) {
        this.emitFile({ type: 'asset', fileName: file, source: readFileSync(join(wasmDir, file)) });
      }
    },
  };
}

const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

/**
 * The public entry point as one small minified file (`dist/novu-safety.min.js`) for a server or
 * CDN to serve: it stays in dist/, so it finds runtime/ beside it like dist/index.js does.
 * @type {import('rollup').RollupOptions}
 */
const entry = {
  input: here('./dist/index.js'),
  output: { file: here('./dist/novu-safety.min.js'), format: 'es', sourcemap: true },
  plugins: [
    terser({ ecma: 2020, module: true, format: { comments: false } }),
    {
      name: 'novu-entry-types',
      // Its types are those of dist/index.js.
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'novu-safety.min.d.ts', source: "export * from './index.js';\n" });
      },
    },
  ],
  onwarn,
};

/** @type {import('rollup').RollupOptions} */
const runtime = {
  input: { engine: here('./dist/engine.js'), worker: here('./dist/worker.js') },
  output: {
    dir: here('./dist/runtime'),
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    // TensorFlow.js's map alone is 16 MB: not shipped.
    sourcemap: false,
  },
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, preferBuiltins: false, exportConditions: ['browser', 'production'] }),
    commonjs(),
    terser({ ecma: 2020, module: true, format: { comments: false } }),
    screeningAssets(),
  ],
  onwarn,
};

export default [entry, runtime];
