import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, connect, matchPair, next, refusal, settle } from '@novu-chat/test-support/clients';

type Answer = { ok: boolean; error?: { code: string; retryAfterMs?: number } };

describe('rate limits', () => {
  const server = serverPerTest();

  it('refuses a new connection past RATE_LIMIT_CONNECTIONS per IP per minute (default 10), with retryAfterMs', async () => {
    const srv = await server.start();
    for (let i = 0; i < 10; i++) await connect(srv.url);
    const error = await refusal(srv.url);
    assert.equal(error.data?.code, 'rate_limited');
    assert.ok((error.data?.retryAfterMs ?? 0) > 0 && (error.data?.retryAfterMs ?? 0) <= 60_000);
  });

  it('counts connections per client IP from X-Forwarded-For only when TRUST_PROXY is set', async () => {
    let srv = await server.start({ rateLimitConnections: 2, trustProxy: 1 });
    const from = (ip: string) => ({ extraHeaders: { 'x-forwarded-for': `203.0.113.9, ${ip}` } });
    await connect(srv.url, { v: 1 }, from('198.51.100.1'));
    await connect(srv.url, { v: 1 }, from('198.51.100.1'));
    assert.equal((await refusal(srv.url, { v: 1 }, from('198.51.100.1'))).data?.code, 'rate_limited');
    // A different client behind the same proxy has its own budget.
    await connect(srv.url, { v: 1 }, from('198.51.100.2'));
    await srv.close();

    srv = await server.start({ rateLimitConnections: 2 });
    await connect(srv.url, { v: 1 }, from('198.51.100.1'));
    await connect(srv.url, { v: 1 }, from('198.51.100.2'));
    assert.equal((await refusal(srv.url, { v: 1 }, from('198.51.100.3'))).data?.code, 'rate_limited', 'without TRUST_PROXY the header is ignored');
  });

  it('keys IPv6 clients per /64 and IPv4-mapped IPv6 as IPv4', async () => {
    const srv = await server.start({ rateLimitConnections: 2, trustProxy: 1 });
    const from = (ip: string) => ({ extraHeaders: { 'x-forwarded-for': ip } });
    await connect(srv.url, { v: 1 }, from('2001:db8:1:2::1'));
    await connect(srv.url, { v: 1 }, from('2001:db8:1:2:ffff:ffff:ffff:fffe'));
    assert.equal((await refusal(srv.url, { v: 1 }, from('2001:db8:1:2:abcd::99'))).data?.code, 'rate_limited', 'the same /64');
    await connect(srv.url, { v: 1 }, from('2001:db8:1:3::1')); // the next /64 has its own budget
    await connect(srv.url, { v: 1 }, from('198.51.100.7'));
    await connect(srv.url, { v: 1 }, from('::ffff:198.51.100.7'));
    assert.equal((await refusal(srv.url, { v: 1 }, from('::ffff:c633:6407'))).data?.code, 'rate_limited', 'mapped IPv4 is the IPv4 address');
  });

  it('limits chat messages per socket (RATE_LIMIT_MESSAGES per 10 s, default 30)', async () => {
    const srv = await server.start({ rateLimitConnections: 100 });
    const { a, b } = await matchPair(srv.url);
    const results: Answer[] = [];
    for (let i = 0; i < 31; i++) results.push(await ask<Answer>(a, 'chat:message', { text: `m${i}` }));
    assert.equal(results.filter((r) => r.ok).length, 30);
    const last = results[30];
    assert.equal(last?.error?.code, 'rate_limited');
    assert.ok((last?.error?.retryAfterMs ?? 0) > 0);
    // The partner, with its own budget, can still write.
    const got = next<{ text: string }>(a, 'chat:message');
    assert.equal((await ask<Answer>(b, 'chat:message', { text: 'mine' })).ok, true);
    assert.equal((await got).text, 'mine');
  });

  it('limits queue:join (RATE_LIMIT_JOINS, default 20 per 10 s)', async () => {
    const srv = await server.start({ rateLimitConnections: 100 });
    const a = await connect(srv.url);
    const results: Answer[] = [];
    for (let i = 0; i < 21; i++) results.push(await ask<Answer>(a, 'queue:join', {}));
    assert.equal(results.filter((r) => r.ok).length, 20);
    assert.equal(results[20]?.error?.code, 'rate_limited');
  });

  it('limits signaling (RATE_LIMIT_SIGNALS) and typing (RATE_LIMIT_TYPING)', async () => {
    const srv = await server.start({ rateLimitConnections: 100, rateLimitSignals: 5, rateLimitTyping: 3 });
    const { a } = await matchPair(srv.url);
    const signals: Answer[] = [];
    for (let i = 0; i < 6; i++) signals.push(await ask<Answer>(a, 'signal:ice', { candidate: null }));
    assert.deepEqual(signals.map((r) => r.ok), [true, true, true, true, true, false]);
    assert.equal(signals[5]?.error?.code, 'rate_limited');
    const typing: Answer[] = [];
    for (let i = 0; i < 4; i++) typing.push(await ask<Answer>(a, 'chat:typing', { typing: i % 2 === 0 }));
    assert.deepEqual(typing.map((r) => r.ok), [true, true, true, false]);
  });

  it('a rate-limited event without an ack arrives as server:error with retryAfterMs', async () => {
    const srv = await server.start({ rateLimitConnections: 100, rateLimitMessages: 1 });
    const { a } = await matchPair(srv.url);
    a.emit('chat:message', { text: 'one' });
    const error = next<{ event: string; code: string; retryAfterMs: number }>(a, 'server:error');
    a.emit('chat:message', { text: 'two' });
    const got = await error;
    assert.equal(got.event, 'chat:message');
    assert.equal(got.code, 'rate_limited');
    assert.ok(got.retryAfterMs > 0);
    await settle(20);
  });
});
