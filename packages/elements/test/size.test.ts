// Size budget of the CDN build of <novu-chat> (lit, the SDK and socket.io-client inlined) at gzip -9.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';

/** The budget from issue #4: 40 KB. */
const BUDGET_BYTES = 40_960;
const configPath = fileURLToPath(new URL('../rollup.config.mjs', import.meta.url));

test('the <novu-chat> CDN core file is self-contained, self-registering and at most 40 KB at gzip -9', async () => {
  // Build it from the compiled element (dist/, from `tsc -b`), exactly as `rollup -c` does.
  const { default: config } = (await import(configPath)) as { default: RollupOptions };
  const bundle = await rollup({ ...config, onwarn: () => undefined });
  const output = config.output as OutputOptions;
  await bundle.write(output);
  await bundle.close();
  const dir = output.dir as string;
  const code = readFileSync(join(dir, output.entryFileNames as string), 'utf8');
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`@novu-chat/elements CDN file: ${code.length} bytes minified, ${gzipped} bytes at gzip -9 (budget ${BUDGET_BYTES})`);
  assert.ok(gzipped <= BUDGET_BYTES, `${gzipped} bytes at gzip -9 is over the ${BUDGET_BYTES}-byte budget`);
  assert.doesNotMatch(code, /^\s*import\s|\bimport\s*["'{*]/m, 'no static imports: lit, the SDK and socket.io-client are inlined');
  assert.match(code, /customElements\.define\("novu-chat"/, 'registers the tag');
  assert.doesNotMatch(code, /\beval\(|new Function\(/, 'no eval (strict CSP)');
  // The CSS and HTML minifiers of rollup.config.mjs reached every style module and view: no
  // template literal keeps its line breaks and indentation.
  const indented = code.match(/`[^`]*\n[^`]*`/g) ?? [];
  assert.deepEqual(indented.map((t) => t.slice(0, 60)), [], 'template literals with line breaks left in the CDN file');
});

test('every lazily loaded CDN file imports only the core file or its siblings, and is listed', () => {
  const dir = fileURLToPath(new URL('../dist/cdn/', import.meta.url));
  const core = readFileSync(join(dir, 'novu-chat.js'), 'utf8');
  const chunks = readdirSync(dir).filter((f) => /^novu-chat-.+\.js$/.test(f));
  for (const chunk of chunks) {
    const code = readFileSync(join(dir, chunk), 'utf8');
    const specifiers = [...code.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    for (const s of specifiers) assert.match(s ?? '', /^\.\/novu-chat(-[\w-]+)?\.js$/, `${chunk} imports ${s}`);
    console.log(`lazy CDN file ${chunk}: ${gzipSync(code, { level: 9 }).length} bytes at gzip -9`);
  }
  // Every dynamic import of the core names a file that exists (no stale chunk names).
  for (const [, name] of core.matchAll(/\bimport\s*\(\s*"\.\/([^"]+)"/g)) assert.ok(chunks.includes(name ?? ''), `core imports missing ${name}`);
});
