// Bundles this example with esbuild into dist/main.js and dist/late.js (each a whole app, as a
// single-entry app build would be).
//   node --import tsx examples/react/build.ts           build (production)
//   node --import tsx examples/react/build.ts --serve   build, watch, and serve on http://localhost:8080 (PORT)
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/** This example's folder (index.html, late.html, style.css; the bundle goes to dist/). */
export const root = fileURLToPath(new URL('.', import.meta.url));

/** esbuild options: JSX with React 19's automatic runtime, one ES module per entry. */
export function options(production = true): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: ['src/main.tsx', 'src/late.tsx'],
    outdir: 'dist',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    sourcemap: true,
    minify: production,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    logLevel: 'warning',
  };
}

/** Build into dist/; `production: false` keeps React's development checks (warnings in the console). */
export async function build(production = true): Promise<esbuild.BuildResult> {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  return esbuild.build(options(production));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--serve')) {
    const ctx = await esbuild.context(options(false));
    await ctx.watch();
    const port = Number(process.env.PORT ?? 8080);
    await ctx.serve({ servedir: root, port });
    console.log(`React example on http://localhost:${port} (Novu server: http://localhost:3001, or add ?server=URL)`);
  } else {
    await build();
    console.log('examples/react/dist built');
  }
}
