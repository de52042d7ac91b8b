/**
 * `npm run bench`: runs the benchmarks and writes docs/benchmarks.md with the machine described.
 * Loopback only, bounded in count and time.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { execSync } from 'node:child_process';
import { benchMatchmaking, formatMatchmakingTable } from './matchmaking.ts';

const full = process.argv.includes('--full');

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return [
    `- CPU: ${cpu}, ${cpus().length} cores`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${platform()} ${release()}`,
    `- Node.js: ${process.version}`,
    `- Commit: ${commit}`,
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
  ].join('\n');
}

async function main(): Promise<void> {
  process.stdout.write(`Matchmaking engine (${full ? 'full' : 'quick'} run)…\n`);
  const matchmaking = await benchMatchmaking({ quick: !full });
  const table = formatMatchmakingTable(matchmaking);
  process.stdout.write(`${table}\n`);
  const doc = `# Benchmarks

Written by \`npm run bench\` (\`npm run bench -- --full\` for longer runs); rerun it to refresh this page.
Timings live here, never in tests.

## Machine

${machine()}

## Matchmaking engine (pure, in memory, single thread)

The engine alone (\`MemoryMatchmaker\`, no I/O), measured with a queue already holding 1k, 10k and 100k
waiting users. The cost per operation must stay flat as the queue grows: joins look at the heads of at
most 10 interest lists (plus repeat-avoided skips), never scan the queue.

${table}

Method: see [bench/matchmaking.ts](../bench/matchmaking.ts). Each row pre-fills the queue, then times a
batch of operations with \`process.hrtime.bigint()\` after a warm-up; \`ns/op\` is wall time divided by
operations.
`;
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), doc);
  process.stdout.write('Wrote docs/benchmarks.md\n');
}

await main();
