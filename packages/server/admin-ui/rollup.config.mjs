// Bundles the admin dashboard (<novu-admin>, Lit + socket.io-client) into one minified ESM file
// that the server serves at /admin/admin.js. Input is the tsc output of admin-ui/tsconfig.json.
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** @type {import('rollup').RollupOptions} */
export default {
  input: here('../dist/admin-ui/novu-admin.js'),
  output: {
    file: here('../dist/admin/admin.js'),
    format: 'es',
    sourcemap: false,
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
