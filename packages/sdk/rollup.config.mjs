// Bundles @novu-chat/sdk for browsers: one minified ESM file with socket.io-client inlined.
// Input is the tsc output (dist/index.js), so run `tsc -b packages/sdk` first.
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** @type {import('rollup').RollupOptions} */
export default {
  input: here('./dist/index.js'),
  output: {
    file: here('./dist/bundle/novu-sdk.min.js'),
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, exportConditions: ['browser'] }),
    commonjs(),
    terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
};
