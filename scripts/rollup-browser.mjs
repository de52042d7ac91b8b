// What the browser bundles' rollup configs share (packages/sdk, packages/elements, packages/server/admin-ui): one
// minified ES module from tsc output, npm dependencies (socket.io-client, lit…) inlined.
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

/**
 * A production browser bundle of `input` into `file` (one ES module): NODE_ENV replaced,
 * dependencies resolved with their `exportConditions`, CommonJS converted, minified; the
 * warnings that bundled dependencies always raise (top-level `this`, circular imports) silenced.
 * `plugins` run on the resolved modules before minification (e.g. the element's CSS minifier).
 * `mangle` replaces terser's mangle options (e.g. the element's property mangling).
 * @param {{ input: string, file: string, sourcemap: boolean, exportConditions?: string[], plugins?: import('rollup').Plugin[], mangle?: import('terser').MangleOptions }} bundle
 * @returns {import('rollup').RollupOptions}
 */
export function browserBundle({ input, file, sourcemap, exportConditions = ['browser'], plugins = [], mangle }) {
  return {
    input,
    output: { file, format: 'es', sourcemap },
    plugins: [
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true, exportConditions }),
      commonjs(),
      ...plugins,
      terser({ ecma: 2020, module: true, compress: { passes: 2 }, ...(mangle ? { mangle } : {}), format: { comments: false } }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  };
}
