// Size budget of the CDN build of <novu-chat> (lit, the SDK and socket.io-client inlined) at gzip -9.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';

/** The budget from issue #4: 40 KB. */
const BUDGET_BYTES = 40_960;
const configPath = fileURLToPath(new URL('../rollup.config.mjs', import.meta.url));

test('the <novu-chat> CDN file is self-contained, self-registering and at most 40 KB at gzip -9', async () => {
  // Build it from the compiled element (dist/, from `tsc -b`), exactly as `rollup -c` does.
  const { default: config } = (await import(configPath)) as { default: RollupOptions };
  const bundle = await rollup({ ...config, onwarn: () => undefined });
  const output = config.output as OutputOptions;
  await bundle.write(output);
  await bundle.close();
  const code = readFileSync(output.file as string, 'utf8');
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`@novu-chat/elements CDN file: ${code.length} bytes minified, ${gzipped} bytes at gzip -9 (budget ${BUDGET_BYTES})`);
  assert.ok(gzipped <= BUDGET_BYTES, `${gzipped} bytes at gzip -9 is over the ${BUDGET_BYTES}-byte budget`);
  assert.doesNotMatch(code, /^\s*import\s|\bimport\s*["'{*]/m, 'no imports left: lit, the SDK and socket.io-client are inlined');
  assert.match(code, /customElements\.define\("novu-chat"/, 'registers the tag');
  assert.doesNotMatch(code, /\beval\(|new Function\(/, 'no eval (strict CSP)');
  // The CSS and HTML minifiers of rollup.config.mjs reached every style module and view: no
  // template literal keeps its line breaks and indentation.
  const indented = code.match(/`[^`]*\n[^`]*`/g) ?? [];
  assert.deepEqual(indented.map((t) => t.slice(0, 60)), [], 'template literals with line breaks left in the CDN file');
});
