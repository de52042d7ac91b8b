/** A summary of the server's V8 CPU profile (`--cpu-prof`): where its time went, by package and by function. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Where a function lives, for grouping: a package, the server, Node itself, or V8's own entries. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return 'node:internal';
  const ours = /packages\/([^/]+)\//.exec(url);
  return ours?.[1] ? `@novu-chat/${ours[1]}` : basename(url);
}

/** The hottest functions (self time) and the share of each package in a `.cpuprofile`. */
export function summarizeCpuProfile(path: string, top = 25): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number };
  const totalHits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / Math.max(1, totalHits);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += hits;
      continue;
    }
    const where = url ? `${url.replace(/^.*\/(node_modules|packages)\//, '$1/').replace(/^file:\/\//, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
    const group = area(url, functionName);
    byArea.set(group, (byArea.get(group) ?? 0) + hits);
  }
  const busy = totalHits - idle;
  const pct = (hits: number) => `${((hits / Math.max(1, busy)) * 100).toFixed(1)} %`;
  const rows = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, hits]) => `  ${pct(hits).padStart(7)}  ${(hits * msPerHit).toFixed(0).padStart(6)} ms  ${key}`);
  return [
    `${basename(path)}: ${(busy * msPerHit / 1000).toFixed(1)} s busy, ${(idle * msPerHit / 1000).toFixed(1)} s idle`,
    ' by package (self time):',
    ...rows(byArea, 15),
    ' hottest functions (self time):',
    ...rows(byFunction, top),
  ].join('\n');
}
