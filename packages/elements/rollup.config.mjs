// The CDN build of <novu-chat>: one minified, self-registering ES module with lit, the SDK and
// socket.io-client inlined. Input is the tsc output (dist/index.js): run `tsc -b` first.
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Shrinks the CSS inside Lit's css`…` templates of our own style modules (whitespace and
 * comments): terser leaves template literals alone.
 */
function minifyCss() {
  return {
    name: 'novu-minify-css',
    transform(code, id) {
      if (!id.includes('/elements/dist/styles/')) return null;
      const out = code.replace(/\bcss\s*`([^`]*)`/g, (_, body) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};>])\s*/g, '$1')
          .replace(/,\s+/g, ',')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${min}\``;
      });
      return { code: out, map: null };
    },
  };
}

/** @type {import('rollup').RollupOptions} */
export default {
  input: here('./dist/index.js'),
  output: {
    file: here('./dist/cdn/novu-chat.js'),
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    commonjs(),
    minifyCss(),
    terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
};
