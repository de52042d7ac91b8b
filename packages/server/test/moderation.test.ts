import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'socket.io-client';
import pino from 'pino';
import { ConfigError, optionsFromEnv, resolveOptions } from '../src/config.ts';
import { ReportWebhook, type ReportEvent } from '../src/moderation/report-webhook.ts';
import { MemoryReportCounter } from '../src/moderation/report-counter.ts';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, connect, next, record, refusal, settle } from '@novu-chat/test-support/clients';

type AckAnswer = { ok: boolean; error?: { code: string; retryAfterMs?: number } };

/** Connect as `clientId` from `ip` (the server trusts one proxy hop in these tests). */
function user(url: string, clientId: string, ip: string): Promise<Socket> {
  return connect(url, { v: 1, clientId }, { extraHeaders: { 'x-forwarded-for': ip } });
}

/** Queue both and wait until they are matched with each other; resolves the room id. */
async function meet(a: Socket, b: Socket): Promise<string> {
  const found = [next<{ roomId: string }>(a, 'match:found'), next<{ roomId: string }>(b, 'match:found')];
  await ask(a, 'queue:join', {});
  await ask(b, 'queue:join', {});
  const [x, y] = [await found[0]!, await found[1]!];
  assert.equal(x.roomId, y.roomId);
  return x.roomId;
}

/** A local HTTP endpoint that records JSON bodies and answers with the statuses given, then 200. */
async function webhookEndpoint(statuses: number[] = []): Promise<{ url: string; bodies: ReportEvent[]; hits: () => number; close: () => Promise<void>; hang: boolean }> {
  const bodies: ReportEvent[] = [];
  let hits = 0;
  const state = { hang: false };
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk));
    req.on('end', () => {
      hits++;
      if (state.hang) return; // never answers: the sender's timeout must fire
      const status = statuses.shift() ?? 200;
      if (status === 200) bodies.push(JSON.parse(raw) as ReportEvent);
      assert.equal(req.headers['content-type'], 'application/json');
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/report`,
    bodies,
    hits: () => hits,
    get hang() { return state.hang; },
    set hang(value: boolean) { state.hang = value; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(25);
  }
}

const BASE = { trustProxy: 1, rateLimitConnections: 1000, rateLimitJoins: 1000, repeatAvoidMs: 0 };

describe('reports and bans', () => {
  const server = serverPerTest();

  it('bans a user reported by REPORT_BAN_THRESHOLD distinct reporters (by IP), disconnects it and refuses it with banned + retryAfterMs', async () => {
    const srv = await server.start({ ...BASE, reportBanThreshold: 3, banDurationMs: 120_000 });
    const subject = await user(srv.url, 'subject-1', '10.0.0.9');
    const reportFrom = async (clientId: string, ip: string) => {
      const reporter = await user(srv.url, clientId, ip);
      await meet(subject, reporter);
      const left = next<{ reason: string }>(subject, 'partner:left');
      assert.deepEqual(await ask(reporter, 'report', { reason: 'harassment' }), { ok: true });
      assert.deepEqual(await left, { reason: 'skipped' }, 'the reported user sees an ordinary skip');
      reporter.disconnect();
    };
    await reportFrom('reporter-1', '10.0.0.1');
    // The same person again, with a new clientId from the same IP, does not count twice.
    await reportFrom('reporter-1b', '10.0.0.1');
    await reportFrom('reporter-2', '10.0.0.2');
    assert.equal(subject.connected, true, 'two distinct reporters are not enough');
    const kicked = next(subject, 'disconnect');
    await reportFrom('reporter-3', '10.0.0.3');
    await kicked;

    const byClient = await refusal(srv.url, { v: 1, clientId: 'subject-1' }, { extraHeaders: { 'x-forwarded-for': '10.0.0.50' } });
    assert.equal(byClient.data?.code, 'banned');
    const retry = byClient.data?.retryAfterMs ?? 0;
    assert.ok(retry > 110_000 && retry <= 120_000, `retryAfterMs ${retry} is the time left`);
    const byIp = await refusal(srv.url, { v: 1, clientId: 'someone-else' }, { extraHeaders: { 'x-forwarded-for': '10.0.0.9' } });
    assert.equal(byIp.data?.code, 'banned');
    // The reporters are fine.
    await user(srv.url, 'reporter-1', '10.0.0.1');
  });

  it('counts only reports within REPORT_WINDOW_MS', async () => {
    const srv = await server.start({ ...BASE, reportBanThreshold: 2, reportWindowMs: 300 });
    const subject = await user(srv.url, 'subject-2', '10.0.1.9');
    const one = await user(srv.url, 'r-one', '10.0.1.1');
    await meet(subject, one);
    assert.equal((await ask<AckAnswer>(one, 'report', { reason: 'spam' })).ok, true);
    await settle(400);
    const two = await user(srv.url, 'r-two', '10.0.1.2');
    await meet(subject, two);
    assert.equal((await ask<AckAnswer>(two, 'report', { reason: 'spam' })).ok, true);
    await settle(100);
    assert.equal(subject.connected, true, 'the first report had lapsed');
  });

  it('answers not_in_room without a partner and invalid_payload for an unknown reason', async () => {
    const srv = await server.start(BASE);
    const a = await user(srv.url, 'lonely', '10.0.2.1');
    assert.equal((await ask<AckAnswer>(a, 'report', { reason: 'spam' })).error?.code, 'not_in_room');
    assert.equal((await ask<AckAnswer>(a, 'block')).error?.code, 'not_in_room');
    const b = await user(srv.url, 'other', '10.0.2.2');
    await meet(a, b);
    assert.equal((await ask<AckAnswer>(a, 'report', { reason: 'boring' })).error?.code, 'invalid_payload');
    assert.equal((await ask<AckAnswer>(a, 'report', {})).error?.code, 'invalid_payload');
  });
});

describe('blocks', () => {
  const server = serverPerTest();

  /** After `act`, a and b (by clientId) never meet again, even after reconnecting; others still do. */
  async function keptApart(act: (a: Socket, b: Socket) => Promise<void>, tag: string): Promise<void> {
    const srv = await server.start(BASE);
    const a = await user(srv.url, `${tag}-a`, '10.1.0.1');
    const b = await user(srv.url, `${tag}-b`, '10.1.0.2');
    await meet(a, b);
    await act(a, b);
    a.disconnect();
    b.disconnect();
    const a2 = await user(srv.url, `${tag}-a`, '10.1.0.1');
    const b2 = await user(srv.url, `${tag}-b`, '10.1.0.2');
    const seenA = record(a2, 'match:found');
    const seenB = record(b2, 'match:found');
    await ask(a2, 'queue:join', {});
    await ask(b2, 'queue:join', {});
    await settle(200);
    assert.equal(seenA.length + seenB.length, 0, 'the two are not matched again');
    const c = await user(srv.url, `${tag}-c`, '10.1.0.3');
    const d = await user(srv.url, `${tag}-d`, '10.1.0.4');
    await ask(c, 'queue:join', {});
    await ask(d, 'queue:join', {});
    await until(() => seenA.length === 1 && seenB.length === 1, 5_000, 'both matched with others');
  }

  it('block ends the chat (the partner sees skipped) and keeps the pair apart across reconnects', async () => {
    await keptApart(async (a, b) => {
      const left = next<{ reason: string }>(b, 'partner:left');
      assert.deepEqual(await ask(a, 'block'), { ok: true });
      assert.deepEqual(await left, { reason: 'skipped' });
    }, 'blk');
  });

  it('a report blocks too', async () => {
    await keptApart(async (a) => {
      assert.deepEqual(await ask(a, 'report', { reason: 'nudity' }), { ok: true });
    }, 'rep');
  });

  it('acts on the partner who just skipped away', async () => {
    await keptApart(async (a, b) => {
      const left = next<{ reason: string }>(a, 'partner:left');
      await ask(b, 'room:leave');
      await left;
      assert.deepEqual(await ask(a, 'block'), { ok: true });
    }, 'late');
  });
});

describe('report webhook', () => {
  let endpoint: Awaited<ReturnType<typeof webhookEndpoint>> | undefined;
  const server = serverPerTest();
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  it('POSTs every report as JSON, retrying a failing endpoint, without delaying the ack', async () => {
    endpoint = await webhookEndpoint([503, 500]);
    const srv = await server.start({ ...BASE, reportWebhookUrl: endpoint.url, hashSalt: 'webhook-salt' });
    const a = await user(srv.url, 'hook-a', '10.2.0.1');
    const b = await user(srv.url, 'hook-b', '10.2.0.2');
    const roomId = await meet(a, b);
    const started = Date.now();
    assert.deepEqual(await ask(b, 'report', { reason: 'spam' }), { ok: true });
    assert.ok(Date.now() - started < 500, 'the ack does not wait for the webhook');
    assert.equal(endpoint.bodies.length, 0);
    await until(() => endpoint!.bodies.length === 1, 10_000, 'the report after two failed attempts');
    assert.equal(endpoint.hits(), 3);
    const body = endpoint.bodies[0]!;
    assert.equal(body.type, 'report');
    assert.equal(body.version, 1);
    assert.equal(body.reason, 'spam');
    assert.match(body.id, /^[0-9a-f-]{36}$/);
    assert.ok(Math.abs(Date.parse(body.time) - started) < 5_000);
    assert.match(body.subject.clientKey, /^[0-9a-f]{24}$/);
    assert.match(body.subject.ipKey, /^[0-9a-f]{24}$/);
    assert.match(body.reporter.clientKey, /^[0-9a-f]{24}$/);
    assert.notEqual(body.subject.clientKey, body.reporter.clientKey);
    assert.equal(body.roomId, roomId);
    assert.equal(body.site, null);
    assert.equal(body.reports, 1);
    assert.equal(body.bannedUntil, null);
    const text = JSON.stringify(body);
    for (const clear of ['hook-a', 'hook-b', '10.2.0.1', '10.2.0.2']) assert.ok(!text.includes(clear), `${clear} never leaves the server`);
  });

  it('gives up after its attempts, does not retry a 4xx, and times out a hanging endpoint', async () => {
    endpoint = await webhookEndpoint([500, 500, 500, 400]);
    const log = pino({ level: 'silent' });
    const event: ReportEvent = {
      type: 'report', version: 1, id: '00000000-0000-4000-8000-000000000000', time: new Date().toISOString(), reason: 'other',
      subject: { clientKey: 'a'.repeat(24), ipKey: 'b'.repeat(24) }, reporter: { clientKey: 'c'.repeat(24), ipKey: 'd'.repeat(24) },
      roomId: 'room', site: null, reports: 1, bannedUntil: null,
    };
    // The same event again and again: de-duplication off (dedupeWindowMs 0) to test retries alone.
    const hook = new ReportWebhook({ url: endpoint.url, log, attempts: 3, backoffMs: 20, timeoutMs: 300, dedupeWindowMs: 0 });
    assert.equal(await hook.send(event), false, 'three 500s: given up');
    assert.equal(endpoint.hits(), 3);
    assert.equal(await hook.send(event), false, 'the 400 is not retried');
    assert.equal(endpoint.hits(), 4);
    endpoint.hang = true;
    const started = Date.now();
    assert.equal(await hook.send(event), false);
    const took = Date.now() - started;
    assert.equal(endpoint.hits(), 7, 'each hanging attempt was cut by the timeout and retried');
    assert.ok(took >= 900 && took < 3_000, `three timed-out attempts took ${took} ms`);
    endpoint.hang = false;
    assert.equal(await hook.send(event), true);
    assert.equal(endpoint.bodies.at(-1)?.id, event.id);
  });
});

describe('bot defence and terms', () => {
  const server = serverPerTest();

  it('checks captchaToken with the operator-supplied verifier', async () => {
    const seen: { token: string; clientKey: string }[] = [];
    const srv = await server.start(BASE, {
      captchaVerifier: async (token, context) => {
        seen.push({ token, clientKey: context.clientKey });
        if (token === 'explode') throw new Error('provider down');
        return token === 'good-token';
      },
    });
    assert.equal((await refusal(srv.url, { v: 1 })).data?.code, 'captcha_failed');
    assert.equal((await refusal(srv.url, { v: 1, captchaToken: 'bad-token' })).data?.code, 'captcha_failed');
    assert.equal((await refusal(srv.url, { v: 1, captchaToken: 'explode' })).data?.code, 'captcha_failed');
    await connect(srv.url, { v: 1, clientId: 'human', captchaToken: 'good-token' });
    assert.deepEqual(seen.map((s) => s.token), ['bad-token', 'explode', 'good-token']);
    assert.match(seen[2]!.clientKey, /^[0-9a-f]{24}$/, 'the verifier sees hashes only');
  });

  it('REQUIRE_TERMS refuses connections without termsAccepted: true', async () => {
    const srv = await server.start({ ...BASE, requireTerms: true });
    assert.equal((await refusal(srv.url, { v: 1 })).data?.code, 'terms_required');
    assert.equal((await refusal(srv.url, { v: 1, termsAccepted: false })).data?.code, 'terms_required');
    await connect(srv.url, { v: 1, termsAccepted: true });
  });

  it('is off by default', async () => {
    const srv = await server.start(BASE);
    await connect(srv.url, { v: 1 });
  });
});

describe('moderation settings', () => {
  let savedEnv: string | undefined;
  before(() => {
    savedEnv = process.env.NODE_ENV;
  });
  after(() => {
    if (savedEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = savedEnv;
  });

  it('reads the moderation settings from the environment, with defaults 3, 10 minutes and 1 hour', () => {
    const defaults = resolveOptions({});
    assert.equal(defaults.reportBanThreshold, 3);
    assert.equal(defaults.reportWindowMs, 600_000);
    assert.equal(defaults.banDurationMs, 3_600_000);
    assert.equal(defaults.requireTerms, false);
    assert.deepEqual(optionsFromEnv({
      REPORT_BAN_THRESHOLD: '5', REPORT_WINDOW_MS: '60000', BAN_DURATION_MS: '86400000',
      REPORT_WEBHOOK_URL: 'https://mod.example.com/hook', REQUIRE_TERMS: 'true',
    }), { reportBanThreshold: 5, reportWindowMs: 60_000, banDurationMs: 86_400_000, reportWebhookUrl: 'https://mod.example.com/hook', requireTerms: true });
  });

  it('refuses bad values, and requires HASH_SALT in production', () => {
    const bad = (input: Parameters<typeof resolveOptions>[0], setting: string) =>
      assert.throws(() => resolveOptions(input), (error: unknown) => error instanceof ConfigError && error.setting === setting);
    bad({ reportBanThreshold: 0 }, 'reportBanThreshold');
    bad({ banDurationMs: 0 }, 'banDurationMs');
    bad({ reportWebhookUrl: 'ftp://mod.example.com' }, 'reportWebhookUrl');
    bad({ reportWebhookUrl: 'not a url' }, 'reportWebhookUrl');
    process.env.NODE_ENV = 'production';
    bad({}, 'hashSalt');
    const salt = 'a-production-salt-of-32-characters';
    assert.equal(resolveOptions({ hashSalt: salt }).hashSalt, salt);
  });

  it('counts distinct reporters in a sliding window (memory counter)', async () => {
    let now = 1_000;
    const counter = new MemoryReportCounter({ now: () => now });
    assert.equal(await counter.add('s', 'r1', 100), 1);
    assert.equal(await counter.add('s', 'r1', 100), 1);
    now += 50;
    assert.equal(await counter.add('s', 'r2', 100), 2);
    now += 60; // r1 (at 1000) has lapsed, r2 (at 1050) has not
    assert.equal(await counter.add('s', 'r3', 100), 2);
    await counter.clear('s');
    assert.equal(await counter.add('s', 'r3', 100), 1);
  });
});
