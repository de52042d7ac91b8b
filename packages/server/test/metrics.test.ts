import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, optionsFromEnv, resolveOptions } from '@novu-chat/server';
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { ask, closeAll, connect, matchPair, next, refusal } from '@novu-chat/test-support/clients';
import { ADMIN_TOKEN, adminApi } from '@novu-chat/test-support/admin';

const METRICS_TOKEN = 'metrics-token-for-tests-0123';

/** One sample's value from a Prometheus text exposition (`name{labels}`), or undefined. */
function sample(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

async function scrape(url: string, token: string | undefined = METRICS_TOKEN): Promise<string> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe('/metrics (Prometheus)', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    closeAll();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const start = async (options: Parameters<typeof startServer>[0]) => {
    const srv = await startServer({ adminToken: ADMIN_TOKEN, rateLimitConnections: 1000, ...options });
    servers.push(srv);
    return srv;
  };

  it('is not served without METRICS_TOKEN or METRICS_PORT', async () => {
    const srv = await start({});
    assert.equal((await fetch(`${srv.url}/metrics`)).status, 404);
    assert.equal((await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status, 404);
  });

  it('with METRICS_TOKEN: bearer-protected on the main port', async () => {
    const srv = await start({ metricsToken: METRICS_TOKEN });
    const none = await fetch(`${srv.url}/metrics`);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status, 401);
    const text = await scrape(`${srv.url}/metrics`);
    assert.equal(sample(text, 'novu_connections'), 0);
  });

  it('counts connections, queue, rooms, matches, waits, relays, messages, rate limits, bans and process metrics', async () => {
    const srv = await start({ metricsToken: METRICS_TOKEN, rateLimitMessages: 1 });
    const url = `${srv.url}/metrics`;
    const { a, b } = await matchPair(srv.url, { mode: 'text' });
    const waiting = await connect(srv.url);
    await ask(waiting, 'queue:join', { mode: 'video' });
    await ask(a, 'signal:offer', { sdp: 'v=0 offer' });
    const got = next(b, 'chat:message');
    await ask(a, 'chat:message', { text: 'one' });
    await got;
    const limited = await ask<{ ok: boolean; error?: { code: string } }>(a, 'chat:message', { text: 'two' });
    assert.equal(limited.error?.code, 'rate_limited');

    let text = await scrape(url);
    assert.equal(sample(text, 'novu_connections'), 3);
    assert.equal(sample(text, 'novu_connections_total'), 3);
    assert.equal(sample(text, 'novu_queue_size{mode="video"}'), 1);
    assert.equal(sample(text, 'novu_queue_size{mode="text"}'), 0);
    assert.equal(sample(text, 'novu_rooms'), 1);
    assert.equal(sample(text, 'novu_queue_joins_total{mode="text"}'), 2);
    assert.equal(sample(text, 'novu_matches_total{mode="text"}'), 1);
    assert.equal(sample(text, 'novu_match_wait_seconds_count{mode="text"}'), 2);
    assert.equal(sample(text, 'novu_match_wait_seconds_bucket{le="+Inf",mode="text"}'), 2);
    assert.equal(sample(text, 'novu_signaling_relays_total{kind="offer"}'), 1);
    assert.equal(sample(text, 'novu_messages_total'), 1);
    assert.equal(sample(text, 'novu_rate_limited_total{scope="event"}'), 1);
    assert.equal(sample(text, 'novu_events_rejected_total{event="chat:message",code="rate_limited"}'), 1);
    assert.ok((sample(text, 'process_cpu_user_seconds_total') ?? -1) >= 0, 'process metrics');
    assert.ok((sample(text, 'nodejs_heap_size_used_bytes') ?? 0) > 0, 'Node.js metrics');
    assert.ok(!text.includes('127.0.0.1') && !text.includes('v=0 offer') && !text.includes('"one"'));

    // A room ends; a ban is made and lifted.
    await ask(a, 'room:leave');
    const made = await adminApi<{ bans: { id: string }[] }>(srv.url, '/bans', {
      method: 'POST', body: { clientKey: 'ab'.repeat(12), durationMs: 60_000 },
    });
    text = await scrape(url);
    assert.equal(sample(text, 'novu_rooms'), 0);
    assert.equal(sample(text, 'novu_rooms_closed_total{reason="left"}'), 1);
    assert.equal(sample(text, 'novu_room_duration_seconds_count'), 1);
    assert.equal(sample(text, 'novu_bans_total{kind="client"}'), 1);
    assert.equal(sample(text, 'novu_bans_active'), 1);
    await adminApi(srv.url, `/bans/${made.body.bans[0]!.id}`, { method: 'DELETE' });
    text = await scrape(url);
    assert.equal(sample(text, 'novu_bans_active'), 0);
    assert.equal(sample(text, 'novu_ban_lifts_total'), 1);
    assert.equal(sample(text, 'novu_reports_total'), 0);
  });

  it('counts refused connections by code, and connection rate limits', async () => {
    const srv = await start({ metricsToken: METRICS_TOKEN, rateLimitConnections: 1 });
    await connect(srv.url);
    assert.equal((await refusal(srv.url)).data?.code, 'rate_limited');
    const text = await scrape(`${srv.url}/metrics`);
    assert.equal(sample(text, 'novu_connections_refused_total{code="rate_limited"}'), 1);
    assert.equal(sample(text, 'novu_rate_limited_total{scope="connection"}'), 1);
  });

  it('with METRICS_PORT: served on its own port (token optional there), not on the main port', async () => {
    const open = await start({ metricsPort: 0 });
    assert.ok(open.metricsUrl);
    assert.notEqual(new URL(open.metricsUrl).port, String(open.port));
    assert.equal((await fetch(`${open.url}/metrics`)).status, 404);
    await connect(open.url);
    assert.equal(sample(await scrape(open.metricsUrl, undefined), 'novu_connections'), 1);
    assert.equal((await fetch(open.metricsUrl.replace('/metrics', '/other'))).status, 404);

    // A second server in the same process keeps its own registry; with a token, the port checks it.
    const guarded = await start({ metricsPort: 0, metricsToken: METRICS_TOKEN });
    assert.equal((await fetch(guarded.metricsUrl!)).status, 401);
    assert.equal(sample(await scrape(guarded.metricsUrl!), 'novu_connections'), 0);
    assert.equal(sample(await scrape(guarded.metricsUrl!), 'novu_connections_total'), 0);
  });

  it('reads METRICS_TOKEN and METRICS_PORT from the environment and checks them', () => {
    assert.deepEqual(optionsFromEnv({ METRICS_TOKEN: METRICS_TOKEN, METRICS_PORT: '9464' }), { metricsToken: METRICS_TOKEN, metricsPort: 9464 });
    assert.throws(() => resolveOptions({ metricsToken: 'short' }), (e: unknown) => e instanceof ConfigError && e.setting === 'metricsToken');
    assert.throws(() => resolveOptions({ metricsPort: 70_000 }), ConfigError);
    assert.throws(() => optionsFromEnv({ METRICS_PORT: 'x' }), ConfigError);
    assert.equal(resolveOptions().metricsPort, undefined);
    assert.equal(resolveOptions().metricsToken, undefined);
  });
});
