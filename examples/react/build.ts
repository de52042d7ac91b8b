// Bundles this example with esbuild into dist/main.js and dist/late.js (each a whole app, as a
// single-entry app build would be). What it shares with examples/vue is in ../build-support.ts.
//   node --import tsx examples/react/build.ts           build (production)
//   node --import tsx examples/react/build.ts --serve   build, watch, and serve on http://localhost:8080 (PORT)
import { fileURLToPath } from 'node:url';
import type * as esbuild from 'esbuild';
import { appOptions, cleanBuild, runIfMain } from '../build-support.ts';

/** This example's folder (index.html, late.html, style.css; the bundle goes to dist/). */
export const root = fileURLToPath(new URL('.', import.meta.url));

/** esbuild options: JSX with React 19's automatic runtime, one ES module per entry. */
export function options(production = true): esbuild.BuildOptions {
  return appOptions(root, ['src/main.tsx', 'src/late.tsx'], production, { jsx: 'automatic' });
}

/** Build into dist/; `production: false` keeps React's development checks (warnings in the console). */
export async function build(production = true): Promise<esbuild.BuildResult> {
  return cleanBuild(root, options(production));
}

await runIfMain(import.meta.url, { name: 'React', root, options, build, port: 8080 });
