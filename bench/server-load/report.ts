/** The server-load results as markdown: one table per scenario, the targets, and the whole docs/benchmarks.md section. */
import { createRequire } from 'node:module';
import { int } from '../format.ts';
import type { BurstRow } from './burst.ts';
import { CHURN_P99_TARGET_MS, type ChurnRow } from './churn.ts';
import type { MemoryRow } from './idle-memory.ts';
import { GENERATOR_CORE, NOFILE, SERVER_CORE } from './launch.ts';
import { CHURN_SPEC, type ServerLoadResult } from './pass.ts';

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : '—');

/** The bursts as a markdown table. */
export function formatBurstTable(rows: readonly BurstRow[]): string {
  return [
    '| clients | matched | pairs/s | join→match p50 | p95 | p99 | max | server CPU | generators CPU | server RSS |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${int(r.clients)} | ${int(r.matched)}${r.refused ? ` (${r.refused} refused)` : ''} | ${int(r.pairsPerSecond)} | ${ms(r.p50Ms)} | ${ms(r.p95Ms)} | ${ms(r.p99Ms)} | ${ms(r.maxMs)} | ${int(r.serverCpuMs)} ms | ${int(r.generatorCpuMs)} ms | ${r.serverRssMiB.toFixed(0)} MiB |`),
  ].join('\n');
}

/** The churn steps as a markdown table. */
export function formatChurnTable(rows: readonly ChurnRow[]): string {
  return [
    '| target joins/s | achieved | join→match p50 | p95 | p99 | relay p50 | relay p99 | server CPU | generators CPU | waited for a core: server / generators | generator loop delay p99 | server GC pauses: scavenges · major (longest) | server RSS | server heap after GC | held |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
    ...rows.map((r) => {
      const why = [
        r.achievedRate < 0.95 * r.targetRate ? `rate not held (${int(r.lateJoins)} joins late)` : '',
        r.unmatched ? `${int(r.unmatched)} unmatched` : '',
        r.errors ? `${int(r.errors)} errors: ${r.firstError ?? ''}` : '',
        r.p99Ms > CHURN_P99_TARGET_MS ? `p99 > ${CHURN_P99_TARGET_MS} ms` : '',
      ].filter(Boolean).join('; ');
      return `| ${int(r.targetRate)} | ${int(r.achievedRate)} | ${ms(r.p50Ms)} | ${ms(r.p95Ms)} | ${ms(r.p99Ms)} | ${ms(r.relayP50Ms)} | ${ms(r.relayP99Ms)} | ${r.serverCpuPct.toFixed(0)} % | ${r.generatorCpuPct.toFixed(0)} % | ${r.serverWaitPct.toFixed(0)} % / ${r.generatorWaitPct.toFixed(0)} % | ${ms(r.generatorLoopDelayP99Ms)} | ${int(r.gcMinorCount)} (${r.gcMinorMs.toFixed(0)} ms) · ${int(r.gcMajorCount)} (${ms(r.gcMajorMaxMs)}) | ${r.serverRssMiB.toFixed(0)} MiB | ${r.serverHeapMiB.toFixed(0)} MiB | ${r.held ? 'yes' : `no: ${why}`} |`;
    }),
  ].join('\n');
}

/** The idle-memory measurement as a markdown table. */
export function formatMemoryTable(row: MemoryRow): string {
  return [
    '| idle clients | connect time | server CPU while connecting | server CPU while idle | RSS without clients | RSS with them | RSS per client | V8 heap + external per client (after GC) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${int(row.connected)} | ${row.connectSeconds.toFixed(1)} s (${int(row.connected / row.connectSeconds)}/s) | ${row.connectServerCpuPct.toFixed(0)} % | ${row.idleServerCpuPct.toFixed(1)} % | ${row.rssBeforeMiB.toFixed(1)} MiB | ${row.rssAfterMiB.toFixed(1)} MiB | ${row.rssPerClientKiB.toFixed(1)} KiB | ${row.heapPerClientKiB.toFixed(1)} KiB |`,
  ].join('\n');
}

/** The targets of issue #8 against what was measured. */
export function formatServerLoadTargets(result: ServerLoadResult): string {
  const burst = result.bursts.find((b) => b.clients === 1_000);
  const atTarget = result.churn.find((r) => r.targetRate === 2_000);
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const memory = result.memory;
  const lines = [
    '| target | measured | |',
    '| --- | --- | :---: |',
    memory
      ? `| 10,000 idle connections on one process, < 15 KB each | ${int(memory.connected)} connections, ${memory.rssPerClientKiB.toFixed(1)} KiB RSS each | ${verdict(memory.connected >= 10_000 && memory.rssPerClientKiB * 1.024 < 15)} |`
      : '',
    burst
      ? `| burst of 1,000: all matched, p99 join→match < 100 ms | ${int(burst.matched)} matched, p99 ${ms(burst.p99Ms)} | ${verdict(burst.matched === burst.clients && burst.p99Ms < 100)} |`
      : '',
    `| paced churn ≥ 2,000 joins/s with p99 join→match < 50 ms | highest rate held: ${int(result.highestRateHeld)} joins/s | ${verdict(result.highestRateHeld >= 2_000)} |`,
    `| relay p99 < 10 ms at that rate | ${atTarget ? `${ms(atTarget.relayP99Ms)} at 2,000 joins/s` : 'step not reached'} | ${verdict(!!atTarget && atTarget.relayP99Ms < 10)} |`,
  ];
  return lines.filter(Boolean).join('\n');
}

/** Versions of the Socket.IO server and client measured. */
function socketIoVersions(): string {
  const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  return `socket.io ${version('socket.io')}, socket.io-client ${version('socket.io-client')}`;
}

/** The whole docs/benchmarks.md section: method, targets and the three tables. */
export function formatServerLoadSection(result: ServerLoadResult): string {
  const pin = result.pinned
    ? `The server is pinned to core ${SERVER_CORE} and the generators to core ${GENERATOR_CORE} (\`taskset -c\`), so the generators' cost shows beside the server's and never steals the server's core.`
    : 'This machine could not pin processes (`taskset` missing or a single core): server and generators share the cores.';
  return `## The server under load (one process, real WebSockets)

One \`novu-chat-server\` CLI process (in-memory mode; \`LOG_LEVEL=error\`, \`STATS_INTERVAL_MS=0\`,
\`REPEAT_AVOID_MS=0\`, every rate limit raised out of the way) and ${result.generators} load-generator processes
([bench/load-generator.ts](../bench/load-generator.ts), socket.io-client with \`transports: ['websocket']\`),
coordinated over IPC by [bench/server-load.ts](../bench/server-load.ts) (its harness, scenarios and report in
[bench/server-load/](../bench/server-load/)); ${socketIoVersions()}. ${pin}
Every process is started from \`bash -c 'ulimit -n ${NOFILE}; exec taskset …'\`. Server and generator CPU are
read from \`/proc/<pid>/stat\` (utime + stime; 100 % = one core), memory from \`/proc/<pid>/status\` (VmRSS).

### Targets

${formatServerLoadTargets(result)}

### Burst: everyone joins at once

All clients connect first; then every client sends \`queue:join\` in one loop (one warm-up round, then the
measured round). Join → match is per client, from its \`queue:join\` to its \`match:found\`; pairs/s is
pairs matched over the time from the first join sent to the last match received. CPU columns are the
CPU time the server and the generators spent in the measured round.

${formatBurstTable(result.bursts)}

### Paced churn: join, call set-up, next

${result.virtualUsers.toLocaleString('en')} connected virtual users. A token bucket in each generator paces \`queue:join\`s at the
target rate (split over the generators) from the users that are ready. A matched pair then does what a
call does: the initiator sends an offer, the partner answers, each side sends ${CHURN_SPEC.iceCandidates} ICE candidates
and ${CHURN_SPEC.messages} chat messages (acked, like the SDK's); the offer and answer carry a realistic ~3 KB SDP. Then the initiator
presses next (its next join ends the room) and its partner, told \`partner:left\`, queues again. Each step
runs ${result.churnStepSeconds} s measured (after a warm-up, and with a drain so that every measured join is matched); steps
rise until p99 join → match passes ${CHURN_P99_TARGET_MS} ms or the rate is not held (achieved rate under 95 %, an
unmatched join, or an error). *Relay* is offer/answer sent → partner receives: the sender writes its wall
clock (\`performance.timeOrigin + performance.now()\`) into the SDP and the receiver, possibly another
generator process, subtracts it from its own. All processes read the same host clock; the largest offset
measured between the parent and a generator was ${result.clockSkewMs.toFixed(3)} ms (IPC round trips), well under the
figures reported. Join → match includes the wait for the next joiner (half of the pairs wait for one),
which is 1/rate on average. *Waited for a core*: share of the window the server's (the generators', summed)
main thread was runnable but not running (\`/proc/<pid>/schedstat\`); two generators on one core wait for
each other a little, but high values mean other load shared the cores and the latencies are not the
server's alone. *Generator loop delay*: the worst generator's own event-loop delay p99 in the window
(\`monitorEventLoopDelay\`), the part of the latencies that is the generator's. *Server GC pauses*: the
server's garbage-collection pauses that started in the window (\`perf_hooks\` \`gc\` entries, reported by the
preloaded [probe](../bench/server-probe.mjs)): scavenges (count and total pause) and major mark-compact
GCs (count and longest final pause; their incremental marking runs in steps on the same core before it). *Server heap after GC*: V8 heap used + external after the step and a forced full GC, i.e.
what the server still holds.

${formatChurnTable(result.churn)}

Highest rate held: **${result.highestRateHeld.toLocaleString('en')} joins/s**.

### Memory per idle connection

A fresh server; its RSS and its V8 heap (\`heapUsed + external\`, after two full GCs through a preloaded
\`--expose-gc\` probe on SIGUSR2) are read without clients, then again with the idle clients connected (2 s
settle). Per client = difference / clients.

${result.memory ? formatMemoryTable(result.memory) : 'Not measured in this run.'}
`;
}
