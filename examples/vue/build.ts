// Bundles this example with esbuild into dist/main.js and dist/late.js (each a whole app, as a
// single-entry app build would be). The single-file component is compiled by Vue's own compiler
// (`vue/compiler-sfc`, part of `vue`), told that <novu-chat> is a custom element: the esbuild
// counterpart of Vite's `vue({ template: { compilerOptions: { isCustomElement } } })`. What it
// shares with examples/react is in ../build-support.ts.
//   node --import tsx examples/vue/build.ts           build (production)
//   node --import tsx examples/vue/build.ts --serve   build, watch, and serve on http://localhost:8081 (PORT)
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as esbuild from 'esbuild';
import { compileScript, parse } from 'vue/compiler-sfc';
import { appOptions, cleanBuild, runIfMain } from '../build-support.ts';

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
  return appOptions(root, ['src/main.ts', 'src/late.ts'], production, {
    define: {
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    plugins: [vueSfc(production)],
  });
}

/** Build into dist/; `production: false` keeps Vue's development checks (`[Vue warn]` in the console). */
export async function build(production = true): Promise<esbuild.BuildResult> {
  return cleanBuild(root, options(production));
}

await runIfMain(import.meta.url, { name: 'Vue', root, options, build, port: 8081 });
