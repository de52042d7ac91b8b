// Packs the four published packages with `npm pack`, exactly as `npm publish` would, for the
// package checks (scripts/check-packages.mjs) and the install-from-tarballs test
// (test/e2e/packages.test.ts). Packing reads the built `dist/`: run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The published packages, in dependency order, with their folders. */
export const PACKAGES = [
  { name: '@novu-chat/protocol', dir: 'packages/protocol' },
  { name: '@novu-chat/sdk', dir: 'packages/sdk' },
  { name: '@novu-chat/elements', dir: 'packages/elements' },
  { name: '@novu-chat/server', dir: 'packages/server' },
];

/** Throws with the command to run when a package has not been built. */
export function requireBuilt() {
  const missing = PACKAGES.filter(({ dir }) => !existsSync(join(ROOT, dir, 'dist', 'index.js')));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.map(({ name }) => name).join(', ')}. Run \`npm run build\` first.`);
  }
}

/**
 * `npm pack` every package into `dest` (created if missing).
 * @param {string} dest
 * @returns {{ name: string, version: string, tarball: string, files: string[] }[]}
 */
export function packPackages(dest) {
  requireBuilt();
  mkdirSync(dest, { recursive: true });
  const args = ['pack', '--json', '--pack-destination', resolve(dest), ...PACKAGES.flatMap(({ name }) => ['-w', name])];
  const out = execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  // Lifecycle scripts (none today) would print before the JSON report.
  const report = JSON.parse(out.slice(out.indexOf('[')));
  return report.map((entry) => ({
    name: entry.name,
    version: entry.version,
    tarball: join(resolve(dest), entry.filename),
    files: entry.files.map((file) => file.path),
  }));
}
