// Size budget of the browser bundle (SDK + socket.io-client, minified ESM) at gzip -9.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { rollup, type RollupOptions, type OutputOptions } from 'rollup';

/** The budget from issue #3: 20 KB. */
const BUDGET_BYTES = 20_480;
const configPath = fileURLToPath(new URL('../rollup.config.mjs', import.meta.url));

test('the SDK bundle (with socket.io-client) is at most 20 KB at gzip -9', async () => {
  // Build the bundle from the compiled SDK (dist/, from `tsc -b`), exactly as `rollup -c` does.
  const { default: config } = (await import(configPath)) as { default: RollupOptions };
  const bundle = await rollup({ ...config, onwarn: () => undefined });
  const output = config.output as OutputOptions;
  await bundle.write(output);
  await bundle.close();
  const code = readFileSync(output.file as string);
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`@novu-chat/sdk bundle: ${code.length} bytes minified, ${gzipped} bytes at gzip -9 (budget ${BUDGET_BYTES})`);
  assert.ok(gzipped <= BUDGET_BYTES, `${gzipped} bytes at gzip -9 is over the ${BUDGET_BYTES}-byte budget`);
  assert.ok(code.includes('socket.io') || code.length > 30_000, 'socket.io-client is inlined');
});
