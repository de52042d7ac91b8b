// The shared browser-bundle recipe (scripts/rollup-browser.mjs) when code-split: property names mangled in
// the entry and in a lazily imported file stay the same names, so a lazy file can read the entry's objects.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
// @ts-expect-error: a plain .mjs build script without declarations
import { browserBundle } from '../scripts/rollup-browser.mjs';

test('a code-split bundle mangles underscore properties consistently across its files', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'novu-rollup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // The entry uses more underscore names than the lazy file, so per-file mangling would pick other names.
  writeFileSync(join(dir, 'entry.js'), [
    'export const state = { _alpha: 1, _beta: 2, _gamma: 3, _secret: 39 };',
    'state._alpha += state._beta + state._gamma; state._beta++; state._gamma++;',
    'export async function total() { const lazy = await import("./lazy.js"); return lazy.read(state); }',
  ].join('\n'));
  writeFileSync(join(dir, 'lazy.js'), 'export function read(s) { return s._secret + s._gamma - s._beta + s._alpha - 6; }\n');
  const config = browserBundle({
    input: join(dir, 'entry.js'),
    chunks: { dir: join(dir, 'out'), entry: 'main.js', names: 'main-[name]-[hash].js' },
    sourcemap: false,
    mangle: { properties: { regex: /^_/ } },
  }) as RollupOptions;
  const bundle = await rollup({ ...config, onwarn: () => undefined });
  await bundle.write(config.output as OutputOptions);
  await bundle.close();
  const files = readdirSync(join(dir, 'out')).sort();
  assert.equal(files.length, 2, `an entry and one lazy file: ${files.join(', ')}`);
  assert.ok(files.includes('main.js'));
  const entry = (await import(pathToFileURL(join(dir, 'out', 'main.js')).href)) as { total: () => Promise<number> };
  assert.equal(await entry.total(), 40); // 39 + 4 - 3 + 6 - 6
});

test('browserBundle takes exactly one of a file and chunks', () => {
  assert.throws(() => browserBundle({ input: 'x.js', sourcemap: false }), /exactly one/);
  assert.throws(() => browserBundle({ input: 'x.js', file: 'a.js', chunks: { dir: 'd', entry: 'e.js', names: 'n.js' }, sourcemap: false }), /exactly one/);
});
