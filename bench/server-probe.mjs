// Preloaded into the benchmarked server (with --expose-gc). On SIGUSR2 it reports, on stderr, the GC
// pauses seen since its previous report (wall-clock start, duration in ms, perf_hooks kind), then
// runs two full GCs and reports process.memoryUsage(): what the server still holds.
import { PerformanceObserver, performance } from 'node:perf_hooks';

const pauses = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push([performance.timeOrigin + entry.startTime, entry.duration, entry.detail?.kind ?? 0]);
}).observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => {
  const gc = pauses.splice(0);
  globalThis.gc?.();
  globalThis.gc?.();
  process.stderr.write(`novu-bench-memory ${JSON.stringify({ ...process.memoryUsage(), gc })}\n`);
});
