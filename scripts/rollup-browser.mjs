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
 * With `chunks` (instead of `file`) the bundle is code-split: the entry is `chunks.entry` in `chunks.dir` and
 * every dynamic `import()` becomes a file of its own beside it, named by `chunks.names`. Mangled property names
 * are then kept consistent across the files through one shared terser name cache (minified one file after the
 * other), since a lazily loaded file reads the same objects as the entry.
 * @param {{ input: string, file?: string, chunks?: { dir: string, entry: string, names: string }, sourcemap: boolean, exportConditions?: string[], plugins?: import('rollup').Plugin[], mangle?: import('terser').MangleOptions }} bundle
 * @returns {import('rollup').RollupOptions}
 */
export function browserBundle({ input, file, chunks, sourcemap, exportConditions = ['browser'], plugins = [], mangle }) {
  if (!file === !chunks) throw new Error('browserBundle: give exactly one of `file` and `chunks`');
  const output = chunks
    ? { dir: chunks.dir, entryFileNames: chunks.entry, chunkFileNames: chunks.names, format: 'es', sourcemap }
    : { file, format: 'es', sourcemap };
  const nameCache = chunks && mangle?.properties ? { nameCache: {} } : {};
  return {
    input,
    output,
    plugins: [
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true, exportConditions }),
      commonjs(),
      ...plugins,
      terser({ ecma: 2020, module: true, compress: { passes: 2 }, ...(mangle ? { mangle } : {}), ...nameCache, format: { comments: false } }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  };
}
