// The Grafana dashboard and the Prometheus alert rules in deploy/ only name metrics (and labels)
// that a real server exposes on /metrics, and the job they select is the one prometheus.yml scrapes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { ask, closeAll, connect, matchPair, next } from '@novu-chat/test-support/clients';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const METRICS_TOKEN = 'monitoring-test-metrics-token';
/** Series Prometheus itself makes for every target. */
const PROMETHEUS_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);
const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'inf', 'nan']);

/** YAML as JSON through PyYAML (Debian's python3-yaml, installed with docker-compose). */
function yaml<T>(text: string): T {
  const run = spawnSync('python3', ['-c', 'import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], { input: text, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 with PyYAML is needed (apt-get install -y python3-yaml): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** What a PromQL expression selects: metric names, and the label names matched on each. */
function selectors(expr: string): { metric: string; labels: string[] }[] {
  const found: { metric: string; labels: string[] }[] = [];
  // Grafana variables and range/offset durations carry no metric names.
  // Strings (label values) and numbers (1.5e9) carry none either.
  let rest = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, ' ');
  // Grouping clauses name labels, not metrics.
  rest = rest.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const pattern = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?(\s*\()?/g;
  for (const m of rest.matchAll(pattern)) {
    const [, name = '', matchers, call] = m;
    if (call || PROMQL_WORDS.has(name.toLowerCase())) continue; // a function, or a keyword
    const labels = [...(matchers ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!=|!~|=)/g)].map((l) => l[1]!);
    found.push({ metric: name, labels });
  }
  return found;
}

/** Every series name on a scrape (with `_bucket`/`_sum`/`_count` of histograms), and its label names. */
function exposition(text: string): Map<string, Set<string>> {
  const series = new Map<string, Set<string>>();
  const add = (name: string, labels: string[] = []) => {
    const set = series.get(name) ?? new Set<string>();
    for (const l of labels) set.add(l);
    series.set(name, set);
  };
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      const [, name = '', kind] = type;
      add(name);
      if (kind === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) add(name + suffix);
      if (kind === 'summary') for (const suffix of ['_sum', '_count']) add(name + suffix);
      continue;
    }
    if (!line || line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})?\s/.exec(line);
    if (!sample) continue;
    add(sample[1]!, [...(sample[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)].map((l) => l[1]!));
  }
  return series;
}

interface Rule { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
interface Panel { type: string; title: string; panels?: Panel[]; targets?: { expr: string; refId: string; datasource?: unknown }[]; datasource?: unknown }

const alerts = yaml<{ groups: { name: string; rules: Rule[] }[] }>(read('deploy/prometheus/alerts.yml'));
const prometheus = yaml<{ rule_files: string[]; scrape_configs: { job_name: string }[] }>(read('deploy/prometheus/prometheus.yml'));
const dashboard = JSON.parse(read('deploy/grafana/dashboards/novu-chat.json')) as { uid: string; title: string; panels: Panel[]; templating: { list: { name: string; type: string }[] } };
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');
const expressions = [
  ...alerts.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert ?? r.record}`, expr: r.expr }))),
  ...panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel "${p.title}" ${t.refId}`, expr: t.expr }))),
];

describe('deploy/: Grafana dashboard and Prometheus alert rules', () => {
  let srv: TestServer;
  let scraped: Map<string, Set<string>>;
  before(async () => {
    srv = await startServer({ metricsToken: METRICS_TOKEN, rateLimitMessages: 1 });
    // Some traffic, so the labelled series exist with their labels.
    const { a, b } = await matchPair(srv.url, { mode: 'text' });
    await ask(a, 'signal:offer', { sdp: 'v=0' });
    const got = next(b, 'chat:message');
    await ask(a, 'chat:message', { text: 'one' });
    await got;
    await ask(a, 'chat:message', { text: 'two' }); // rate limited
    await ask(a, 'room:leave');
    const waiting = await connect(srv.url);
    await ask(waiting, 'queue:join', { mode: 'video' });
    const res = await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(res.status, 200);
    scraped = exposition(await res.text());
  });
  after(async () => {
    closeAll();
    await srv.close();
  });

  it('the selector parser sees metrics, not functions, keywords, labels or variables', () => {
    assert.deepEqual(
      selectors('histogram_quantile(0.95, sum by (le) (rate(novu_match_wait_seconds_bucket{mode="text"}[$__rate_interval]))) > 30 and on (mode) max(up{job="novu-chat"})'),
      [{ metric: 'novu_match_wait_seconds_bucket', labels: ['mode'] }, { metric: 'up', labels: ['job'] }],
    );
  });

  it('name only metrics that a real server exposes, with labels it sets', () => {
    assert.ok(expressions.length >= 20, `${expressions.length} expressions`);
    const missing: string[] = [];
    let novu = 0;
    for (const { where, expr } of expressions) {
      const found = selectors(expr);
      assert.ok(found.length > 0, `${where} selects a metric: ${expr}`);
      for (const { metric, labels } of found) {
        if (metric.startsWith('novu_')) novu++;
        if (PROMETHEUS_SERIES.has(metric)) continue;
        const known = scraped.get(metric);
        if (!known) {
          missing.push(`${where}: ${metric}`);
          continue;
        }
        // `job` and `instance` are added by Prometheus at scrape time.
        for (const label of labels) {
          if (label !== 'job' && label !== 'instance' && !known.has(label)) missing.push(`${where}: ${metric}{${label}}`);
        }
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(novu > 15, 'the server’s own metrics are covered');
  });

  it('cover every novu_ metric the server exposes', () => {
    const named = new Set(expressions.flatMap(({ expr }) => selectors(expr).map((s) => s.metric.replace(/_(bucket|sum|count)$/, ''))));
    const exposed = [...scraped.keys()].filter((name) => name.startsWith('novu_') && !/_(bucket|sum|count)$/.test(name));
    assert.deepEqual(exposed.filter((name) => !named.has(name)), []);
  });

  it('select the job prometheus.yml scrapes, and are wired into it', () => {
    const jobs = new Set(prometheus.scrape_configs.map((c) => c.job_name));
    for (const { where, expr } of expressions) {
      for (const m of expr.matchAll(/job="([^"]+)"/g)) assert.ok(jobs.has(m[1]!), `${where}: job ${m[1]} is scraped`);
    }
    assert.ok(prometheus.rule_files.some((f) => f.endsWith('alerts.yml')));
    assert.match(read('docker-compose.yml'), /\.\/deploy\/prometheus\/alerts\.yml:\/etc\/prometheus\/alerts\.yml/);
  });

  it('alert rules are complete: name, severity, summary, balanced expression', () => {
    const names = new Set<string>();
    for (const rule of alerts.groups.flatMap((g) => g.rules)) {
      assert.ok(rule.alert && !names.has(rule.alert), `unique alert name ${rule.alert}`);
      names.add(rule.alert);
      assert.match(rule.labels?.severity ?? '', /^(critical|warning|info)$/, `${rule.alert} severity`);
      assert.ok(rule.annotations?.summary, `${rule.alert} summary`);
      if (rule.for) assert.match(rule.for, /^\d+[smh]$/);
      let depth = 0;
      for (const ch of rule.expr) {
        depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
        assert.ok(depth >= 0, `${rule.alert}: parentheses`);
      }
      assert.equal(depth, 0, `${rule.alert}: parentheses`);
    }
    assert.ok(names.size >= 8);
  });

  it('the dashboard uses a data-source variable on every query, and is provisioned', () => {
    assert.equal(dashboard.uid, 'novu-chat');
    assert.ok(dashboard.templating.list.some((v) => v.name === 'datasource' && v.type === 'datasource'));
    for (const panel of panels) {
      assert.ok((panel.targets ?? []).length > 0, `panel "${panel.title}" has queries`);
      for (const t of panel.targets ?? []) assert.deepEqual(t.datasource, { type: 'prometheus', uid: '${datasource}' }, `panel "${panel.title}"`);
    }
    const provider = yaml<{ providers: { options: { path: string } }[] }>(read('deploy/grafana/provisioning/dashboards/novu-chat.yml'));
    assert.equal(provider.providers[0]?.options.path, '/var/lib/grafana/dashboards');
  });
});
