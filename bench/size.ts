/**
 * Size of what browsers download: the SDK bundle and the `<novu-chat>` CDN file, minified and at
 * gzip -9 (as the size-budget tests in packages/sdk/test/size.test.ts and
 * packages/elements/test/size.test.ts measure and enforce them). Reports only: the tests enforce.
 *
 * Run directly: `node --import tsx bench/size.ts` (after `npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { invokedDirectly } from './cli.ts';
import { int } from './format.ts';

/** One file. */
export interface SizeRow {
  name: string;
  path: string;
  /** Undefined when the file is not built. */
  bytes: number | undefined;
  gzipBytes: number | undefined;
  budgetBytes: number;
}

const FILES = [
  { name: 'SDK bundle (`@novu-chat/sdk/bundle`, socket.io-client inlined)', path: 'packages/sdk/dist/bundle/novu-sdk.min.js', budgetBytes: 20_480 },
  { name: '`<novu-chat>` CDN file (lit, SDK and socket.io-client inlined)', path: 'packages/elements/dist/cdn/novu-chat.js', budgetBytes: 40_960 },
];

/** Measure the built files. */
export function benchSize(): SizeRow[] {
  return FILES.map(({ name, path, budgetBytes }) => {
    const file = fileURLToPath(new URL(`../${path}`, import.meta.url));
    if (!existsSync(file)) return { name, path, bytes: undefined, gzipBytes: undefined, budgetBytes };
    const code = readFileSync(file);
    return { name, path, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, budgetBytes };
  });
}

/** The sizes as a markdown table. */
export function formatSizeTable(rows: readonly SizeRow[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    '| file | minified | gzip -9 | budget (gzip -9) |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => r.bytes === undefined || r.gzipBytes === undefined
      ? `| ${r.name}: \`${r.path}\` | not built | not built | ${kb(r.budgetBytes)} |`
      : `| ${r.name}: \`${r.path}\` | ${kb(r.bytes)} | ${kb(r.gzipBytes)} (${int(r.gzipBytes)} B) | ${kb(r.budgetBytes)}${r.gzipBytes > r.budgetBytes ? ' — **over**' : ''} |`),
  ].join('\n');
}

/** The docs/benchmarks.md section. */
export function formatSizeSection(rows: readonly SizeRow[]): string {
  return `## Size

What a browser downloads, minified and at gzip -9 (\`zlib.gzipSync(code, { level: 9 })\`). The budgets are
enforced by the size tests of the SDK and the elements (\`npm run test:unit\`); this only reports.
See [bench/size.ts](../bench/size.ts).

${formatSizeTable(rows)}
`;
}

if (invokedDirectly(import.meta.url)) {
  process.stdout.write(`${formatSizeTable(benchSize())}\n`);
}
