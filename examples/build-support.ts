// What the examples' build.ts scripts share (examples/react, examples/vue): esbuild options for an
// app bundled for browsers, a clean build into the example's dist/, and the command line
// (`build.ts` builds for production; `build.ts --serve` builds, watches and serves the example).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/**
 * esbuild options for an example's entries (paths under `root`): one ES module per entry into
 * `dist/`, minified for production, `process.env.NODE_ENV` defined; `extra` adds to them (its
 * `define` adds to NODE_ENV's).
 */
export function appOptions(root: string, entryPoints: string[], production: boolean, extra: esbuild.BuildOptions = {}): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints,
    outdir: 'dist',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    minify: production,
    logLevel: 'warning',
    ...extra,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'), ...extra.define },
  };
}

/** Build with `options` into `root`/dist/, emptied first. */
export async function cleanBuild(root: string, options: esbuild.BuildOptions): Promise<esbuild.BuildResult> {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  return esbuild.build(options);
}

/** An example, as its build.ts describes it. */
export interface Example {
  /** Its name in messages ("React example on …"). */
  name: string;
  /** Its folder (index.html, late.html, style.css; the bundle goes to dist/). */
  root: string;
  /** Its esbuild options, for production or development. */
  options(production: boolean): esbuild.BuildOptions;
  /** Its production build into dist/. */
  build(): Promise<unknown>;
  /** The port `--serve` uses unless PORT says otherwise. */
  port: number;
}

/**
 * When `moduleUrl` (the build.ts's `import.meta.url`) is the script node runs: build for production,
 * or with `--serve` build for development, rebuild on change and serve the example's folder.
 */
export async function runIfMain(moduleUrl: string, example: Example): Promise<void> {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  if (process.argv.includes('--serve')) {
    const ctx = await esbuild.context(example.options(false));
    await ctx.watch();
    const port = Number(process.env.PORT ?? example.port);
    await ctx.serve({ servedir: example.root, port });
    console.log(`${example.name} example on http://localhost:${port} (Novu server: http://localhost:3001, or add ?server=URL)`);
  } else {
    await example.build();
    console.log(`examples/${example.name.toLowerCase()}/dist built`);
  }
}
