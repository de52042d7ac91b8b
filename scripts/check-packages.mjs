#!/usr/bin/env node
// `npm run check:packages`: checks the four tarballs as `npm publish` would upload them.
// - publint --strict on each unpacked tarball (package.json fields, exports, files);
// - attw (Are the Types Wrong?) on each tarball: every entry typed under node10, node16 (ESM and
//   CJS) and bundler resolution. The packages are ESM only by design, so the one rule ignored is
//   cjs-resolves-to-esm (require() of an ES module: Node 20.19+ allows it, older code needs import());
// - our own rules: LICENSE, README.md and CHANGELOG.md shipped, no build by-products (*.tsbuildinfo,
//   TypeDoc's dist/api, the admin UI's unbundled output), every source map's sources shipped beside
//   it (or embedded), README links absolute (the registry's page has no ../../docs), the CDN file at
//   @novu-chat/elements/dist/cdn/novu-chat.js.
// Run after `npm run build`. Exits 1 on any problem, printing each one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { ROOT, packPackages } from './pack-packages.mjs';

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

/** Paths every tarball must hold, and per package. */
const REQUIRED = ['package.json', 'LICENSE', 'README.md', 'CHANGELOG.md'];
const REQUIRED_BY_PACKAGE = {
  '@novu-chat/sdk': ['dist/bundle/novu-sdk.min.js', 'types/bundle.d.ts'],
  '@novu-chat/elements': ['dist/cdn/novu-chat.js', 'types/cdn.d.ts', 'types/react.d.ts', 'types/vue.d.ts', 'custom-elements.json'],
  '@novu-chat/server': ['bin/novu-chat-server.js', 'public/index.html', 'dist/admin/admin.js'],
};

/** Build by-products that must never reach a tarball. */
const UNWANTED = [
  { pattern: /\.tsbuildinfo$/, what: 'a build cache' },
  { pattern: /^dist\/api\//, what: 'TypeDoc output (npm run docs:check writes packages/sdk/dist/api)' },
  { pattern: /^dist\/admin-ui\//, what: "the admin dashboard's unbundled tsc output" },
];

/**
 * Our own rules over one unpacked tarball (`dir` is its `package/` folder).
 * @param {{ name: string, files: string[] }} pkg
 * @param {string} dir
 * @returns {string[]} the problems found
 */
export function ownProblems(pkg, dir) {
  const problems = [];
  const shipped = new Set(pkg.files);
  for (const path of [...REQUIRED, ...(REQUIRED_BY_PACKAGE[pkg.name] ?? [])]) {
    if (!shipped.has(path)) problems.push(`${path} is not in the tarball`);
  }
  for (const path of pkg.files) {
    const unwanted = UNWANTED.find(({ pattern }) => pattern.test(path));
    if (unwanted) problems.push(`${path}: ${unwanted.what} is shipped`);
    if (!path.endsWith('.map')) continue;
    const map = JSON.parse(readFileSync(join(dir, path), 'utf8'));
    const base = join(dirname(path), map.sourceRoot ?? '');
    const unshipped = map.sources.filter(
      (source, i) => !map.sourcesContent?.[i] && !shipped.has(normalize(join(base, source))),
    );
    if (unshipped.length > 0) problems.push(`${path} points at unshipped sources: ${unshipped.slice(0, 3).join(', ')}`);
  }
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  for (const [, target] of readme.matchAll(/\]\(([^)\s]+)/g)) {
    if (!/^(https?:|mailto:|#)/.test(target)) problems.push(`README.md links to ${target}: use an absolute URL`);
  }
  return problems;
}

/** Runs a tool; returns its output when it fails, '' when it passes. */
function run(command, args) {
  try {
    execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
    return '';
  } catch (error) {
    return `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
  }
}

function main() {
  const work = mkdtempSync(join(tmpdir(), 'novu-check-packages-'));
  let failed = 0;
  try {
    for (const pkg of packPackages(join(work, 'tarballs'))) {
      const dir = join(work, pkg.name.replace('/', '+'));
      mkdirSync(dir);
      execFileSync('tar', ['-xzf', pkg.tarball, '-C', dir]);
      const problems = ownProblems(pkg, join(dir, 'package')).map((p) => `  ${p}`);
      const publint = run(bin('publint'), ['--strict', '--pack', 'false', join(dir, 'package')]);
      if (publint) problems.push(`  publint --strict:\n${publint}`);
      const attw = run(bin('attw'), [pkg.tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--no-definitely-typed', '--format', 'ascii', '--no-color']);
      if (attw) problems.push(`  attw:\n${attw}`);
      if (problems.length === 0) {
        process.stdout.write(`ok ${pkg.name}@${pkg.version} (${pkg.files.length} files): publint --strict, attw, own rules\n`);
      } else {
        failed++;
        process.stdout.write(`FAIL ${pkg.name}@${pkg.version}\n${problems.join('\n')}\n`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (failed > 0) {
    process.stdout.write(`check:packages: ${failed} package(s) failed\n`);
    process.exit(1);
  }
  process.stdout.write('check:packages: every package is clean\n');
}

if (import.meta.url === `file://${process.argv[1]}`) main();
