// Bundles this example with esbuild into dist/main.js and dist/late.js (each a whole app, as a
// single-entry app build would be). The single-file component is compiled by Vue's own compiler
// (`vue/compiler-sfc`, part of `vue`), told that <novu-chat> is a custom element: the esbuild
// counterpart of Vite's `vue({ template: { compilerOptions: { isCustomElement } } })`.
//   node --import tsx examples/vue/build.ts           build (production)
//   node --import tsx examples/vue/build.ts --serve   build, watch, and serve on http://localhost:8081 (PORT)
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { compileScript, parse } from 'vue/compiler-sfc';

/** This example's folder (index.html, late.html, style.css; the bundle goes to dist/). */
export const root = fileURLToPath(new URL('.', import.meta.url));

/** Tags Vue's template compiler leaves to the browser instead of resolving them as Vue components. */
export const isCustomElement = (tag: string): boolean => tag === 'novu-chat';

/** Compiles `<script setup>` single-file components (template inlined; no styles). */
function vueSfc(production: boolean): esbuild.Plugin {
  return {
    name: 'vue-sfc',
    setup(b) {
      b.onLoad({ filter: /\.vue$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        // The tag's kind (element or component) is decided while parsing: both steps need isCustomElement.
        const { descriptor, errors } = parse(source, { filename: args.path, sourceMap: false, templateParseOptions: { isCustomElement } });
        if (errors.length > 0) return { errors: errors.map((e) => ({ text: e.message })) };
        const id = createHash('sha256').update(args.path).digest('hex').slice(0, 8);
        const script = compileScript(descriptor, {
          id,
          isProd: production,
          inlineTemplate: true,
          templateOptions: { compilerOptions: { isCustomElement } },
        });
        return { contents: script.content, loader: script.lang === 'ts' ? 'ts' : 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** esbuild options: Vue's ES module build for bundlers, one ES module per entry. */
export function options(production = true): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: ['src/main.ts', 'src/late.ts'],
    outdir: 'dist',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    minify: production,
    define: {
      'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'),
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    plugins: [vueSfc(production)],
    logLevel: 'warning',
  };
}

/** Build into dist/; `production: false` keeps Vue's development checks (`[Vue warn]` in the console). */
export async function build(production = true): Promise<esbuild.BuildResult> {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  return esbuild.build(options(production));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--serve')) {
    const ctx = await esbuild.context(options(false));
    await ctx.watch();
    const port = Number(process.env.PORT ?? 8081);
    await ctx.serve({ servedir: root, port });
    console.log(`Vue example on http://localhost:${port} (Novu server: http://localhost:3001, or add ?server=URL)`);
  } else {
    await build();
    console.log('examples/vue/dist built');
  }
}
