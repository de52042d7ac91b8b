import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { ConfigError, resolveOptions, verifyReportSignature } from '@novu-chat/server';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, connect, next, settle } from '@novu-chat/test-support/clients';
import { ReportWebhook, type ReportEvent } from '../src/moderation/report-webhook.ts';
import { signReportBody } from '../src/moderation/webhook-signature.ts';

const SECRET = 'webhook-secret-for-tests-0123456789';
const log = pino({ level: 'silent' });

interface Hit { headers: IncomingHttpHeaders; raw: string }

/** A real local HTTP endpoint; `answer` decides each response (default 200). */
async function endpoint(answer: (res: ServerResponse, hit: Hit) => void = (res) => res.writeHead(200).end()) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk));
    req.on('end', () => {
      const hit = { headers: req.headers, raw };
      hits.push(hit);
      answer(res, hit);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function event(overrides: Partial<ReportEvent> = {}): ReportEvent {
  return {
    type: 'report', version: 1, id: crypto.randomUUID(), time: new Date().toISOString(), reason: 'spam',
    subject: { clientKey: 's'.repeat(24), ipKey: 'i'.repeat(24) }, reporter: { clientKey: 'r'.repeat(24), ipKey: 'p'.repeat(24) },
    roomId: 'room', site: null, reports: 1, bannedUntil: null, ...overrides,
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});
async function open(answer?: Parameters<typeof endpoint>[0]) {
  const ep = await endpoint(answer);
  closers.push(ep.close);
  return ep;
}

describe('report webhook hardening', () => {
  it('signs every body: X-Novu-Signature t=<unix>,v1=HMAC-SHA256(secret, "t.body")', async () => {
    const ep = await open();
    const hook = new ReportWebhook({ url: ep.url, log, secret: SECRET });
    assert.equal(await hook.send(event()), true);
    const [hit] = ep.hits;
    const header = hit?.headers['x-novu-signature'];
    assert.equal(typeof header, 'string');
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header as string);
    assert.ok(match, `header ${String(header)}`);
    assert.ok(Math.abs(Number(match[1]) - Date.now() / 1000) < 5);
    assert.equal(header, signReportBody(SECRET, hit!.raw, Number(match[1])));
    assert.equal(verifyReportSignature(SECRET, header as string, hit!.raw), true);
    assert.equal(verifyReportSignature(SECRET, header as string, hit!.raw.replace('spam', 'nudity')), false, 'a changed body');
    assert.equal(verifyReportSignature('another-secret-0123456789', header as string, hit!.raw), false, 'another secret');
    assert.equal(verifyReportSignature(SECRET, header as string, hit!.raw, 300, Number(match[1]) + 301), false, 'too old');
    assert.equal(verifyReportSignature(SECRET, undefined, hit!.raw), false);
    assert.equal(verifyReportSignature(SECRET, 't=1,v1=zz', hit!.raw), false);
  });

  it('treats a redirect as a final failure: not followed, not retried', async () => {
    const elsewhere = await open();
    const ep = await open((res) => res.writeHead(302, { location: elsewhere.url }).end());
    const hook = new ReportWebhook({ url: ep.url, log, secret: SECRET, attempts: 3, backoffMs: 10 });
    assert.equal(await hook.send(event()), false);
    await settle(100);
    assert.equal(ep.hits.length, 1, 'no retry');
    assert.equal(elsewhere.hits.length, 0, 'the redirect is not followed');
    assert.equal(hook.stats.failed, 1);
  });

  it('sends a reporter’s repeated reports of one subject once per window; other reporters, bans and a new window go through', async () => {
    const ep = await open();
    let now = Date.now();
    const hook = new ReportWebhook({ url: ep.url, log, secret: SECRET, dedupeWindowMs: 60_000, now: () => now });
    assert.equal(await hook.send(event()), true);
    assert.equal(await hook.send(event({ reason: 'harassment' })), false, 'the same reporter (by IP key) and subject');
    assert.equal(await hook.send(event({ reporter: { clientKey: 'x'.repeat(24), ipKey: 'p'.repeat(24) } })), false, 'another client id from the same network');
    assert.equal(await hook.send(event({ reporter: { clientKey: 'o'.repeat(24), ipKey: 'q'.repeat(24) } })), true, 'another reporter');
    assert.equal(await hook.send(event({ subject: { clientKey: 't'.repeat(24), ipKey: 'i'.repeat(24) } })), true, 'another subject');
    assert.equal(await hook.send(event({ bannedUntil: now + 1000, reports: 3 })), true, 'a report that banned is always sent');
    now += 60_001;
    assert.equal(await hook.send(event()), true, 'a new window');
    assert.equal(ep.hits.length, 5);
    assert.deepEqual(hook.stats, { delivered: 5, failed: 0, duplicates: 2, dropped: 0 });
  });

  it('bounds deliveries in flight: past the cap reports are dropped and counted', async () => {
    const held: ServerResponse[] = [];
    let holding = true;
    const ep = await open((res) => (holding ? held.push(res) : res.writeHead(200).end()));
    const hook = new ReportWebhook({ url: ep.url, log, secret: SECRET, maxInFlight: 2, timeoutMs: 5_000 });
    const sends = Array.from({ length: 6 }, (_, i) => hook.send(event({ reporter: { clientKey: `r${i}`.padEnd(24, '0'), ipKey: `p${i}`.padEnd(24, '0') } })));
    const dropped = await Promise.all(sends.slice(2));
    assert.deepEqual(dropped, [false, false, false, false], 'answered at once, not queued');
    assert.equal(hook.stats.dropped, 4);
    const deadline = Date.now() + 5_000;
    while (held.length < 2 && Date.now() < deadline) await settle(20);
    await settle(100);
    assert.equal(ep.hits.length, 2, 'only the cap reached the endpoint');
    holding = false;
    for (const res of held) res.writeHead(200).end();
    assert.deepEqual(await Promise.all(sends.slice(0, 2)), [true, true]);
    await settle(20);
    // Room again once they are done.
    assert.equal(await hook.send(event({ reporter: { clientKey: 'late'.padEnd(24, '0'), ipKey: 'late'.padEnd(24, '0') } })), true);
    assert.deepEqual(hook.stats, { delivered: 3, failed: 0, duplicates: 0, dropped: 4 });
  });
});

describe('report webhook settings', () => {
  const server = serverPerTest();

  it('REPORT_WEBHOOK_SECRET: at least 16 characters; required with a webhook URL in production', () => {
    const url = 'https://mod.example.com/hook';
    assert.throws(() => resolveOptions({ reportWebhookUrl: url, reportWebhookSecret: 'short' }), (e: unknown) => e instanceof ConfigError && e.setting === 'reportWebhookSecret');
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const salt = 'h'.repeat(32);
      assert.throws(() => resolveOptions({ hashSalt: salt, reportWebhookUrl: url }), (e: unknown) => e instanceof ConfigError && e.setting === 'reportWebhookSecret');
      assert.equal(resolveOptions({ hashSalt: salt, reportWebhookUrl: url, reportWebhookSecret: SECRET }).reportWebhookSecret, SECRET);
      assert.equal(resolveOptions({ hashSalt: salt }).reportWebhookSecret, undefined, 'no webhook, no secret needed');
    } finally {
      if (env === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = env;
    }
  });

  it('a running server signs the reports it sends', async () => {
    const ep = await open();
    const srv = await server.start({ reportWebhookUrl: ep.url, reportWebhookSecret: SECRET, rateLimitConnections: 100, repeatAvoidMs: 0 });
    const a = await connect(srv.url, { v: 1, clientId: 'wh-a' });
    const b = await connect(srv.url, { v: 1, clientId: 'wh-b' });
    const found = next(b, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await found;
    assert.deepEqual(await ask(b, 'report', { reason: 'spam' }), { ok: true });
    const deadline = Date.now() + 5_000;
    while (ep.hits.length === 0 && Date.now() < deadline) await settle(20);
    const hit = ep.hits[0]!;
    assert.equal(verifyReportSignature(SECRET, hit.headers['x-novu-signature'] as string, hit.raw), true);
    assert.equal((JSON.parse(hit.raw) as ReportEvent).reason, 'spam');
  });
});
