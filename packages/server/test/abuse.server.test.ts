// Abuse costs the abuser (issue #13, faults 2 and 3): a flooding connection is disconnected within a
// second instead of being answered event after event; rate_limited is answered once per window; the
// per-IP cap on concurrent transports applies before Socket.IO's CONNECT; a transport that never
// sends CONNECT is closed after connectTimeout. Each of these failed on the main of 2026-12-04.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, connect, matchPair, next, refusal, settle } from '@novu-chat/test-support/clients';
import type { Socket } from 'socket.io-client';

type Answer = { ok: boolean; error?: { code: string; retryAfterMs?: number } };

/** Resolves when the client is disconnected, or after `ms` with `false`. */
function disconnectedWithin(socket: Socket, ms: number): Promise<boolean> {
  if (!socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** A raw engine.io WebSocket (no Socket.IO CONNECT): resolves 'open' on engine.io's open packet, else 'refused'. */
function rawTransport(port: number, forwardedFor: string): Promise<{ outcome: 'open' | 'refused'; ws: WebSocket }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, {
    headers: { 'x-forwarded-for': forwardedFor },
  });
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve({ outcome: String(data).startsWith('0') ? 'open' : 'refused', ws }));
    ws.once('unexpected-response', () => resolve({ outcome: 'refused', ws }));
    ws.once('error', () => resolve({ outcome: 'refused', ws }));
  });
}

const GENEROUS = { rateLimitConnections: 1_000, rateLimitJoins: 1_000, rateLimitSignals: 100_000, rateLimitMessages: 100_000 };

describe('abuse costs the abuser', () => {
  const server = serverPerTest();

  const floods: [string, (s: Socket, i: number) => void][] = [
    ['unknown events', (s, i) => s.emit(`nope:${i % 7}`, { i })],
    ['chat:typing outside a room', (s, i) => s.emit('chat:typing', { typing: i % 2 === 0 })],
    ['chat:message outside a room', (s, i) => s.emit('chat:message', { text: `spam ${i}` })],
    ['malformed queue:join', (s, i) => s.emit('queue:join', { mode: i })],
  ];
  for (const [what, send] of floods) {
    it(`a socket flooding ${what} is disconnected within a second, answered at most REFUSED_EVENT_BUDGET times; others keep chatting`, async () => {
      const srv = await server.start(GENEROUS);
      const flooder = await connect(srv.url);
      let answers = 0;
      flooder.on('server:error', () => answers++);
      const gone = disconnectedWithin(flooder, 1_000);
      for (let i = 0; i < 5_000; i++) send(flooder, i);
      const { a, b } = await matchPair(srv.url);
      assert.equal(await gone, true, 'the flooder is disconnected within a second');
      const got = next<{ text: string }>(b, 'chat:message');
      assert.equal((await ask<Answer>(a, 'chat:message', { text: 'served after the flood' })).ok, true);
      assert.equal((await got).text, 'served after the flood');
      assert.ok(answers <= 20, `the flooder got ${answers} answers, at most the budget of 20`);
    });
  }

  it('a socket disconnected for abuse costs its IP connection budget', async () => {
    const srv = await server.start({ ...GENEROUS, rateLimitConnections: 3 });
    const flooder = await connect(srv.url);
    const gone = disconnectedWithin(flooder, 1_000);
    for (let i = 0; i < 100; i++) flooder.emit('nope', i);
    assert.equal(await gone, true);
    await settle(50);
    // One connection used 1 point; the abuse penalty takes 2 more: the budget of 3 is spent.
    assert.equal((await refusal(srv.url)).data?.code, 'rate_limited');
  });

  it('rate_limited is answered once per window of its class; later ones in that window get no answer', async () => {
    const srv = await server.start({ ...GENEROUS, rateLimitTyping: 3 });
    const { a } = await matchPair(srv.url);
    const answers: Answer[] = [];
    for (let i = 0; i < 10; i++) a.emit('chat:typing', { typing: i % 2 === 0 }, (answer: Answer) => answers.push(answer));
    await settle(300);
    assert.deepEqual(answers.map((r) => r.ok), [true, true, true, false]);
    assert.equal(answers[3]?.error?.code, 'rate_limited');
    assert.equal(a.connected, true, 'seven refusals are within the budget');
    // Another class keeps its own answers.
    assert.equal((await ask<Answer>(a, 'chat:message', { text: 'still heard' })).ok, true);
  });

  it('an honest client refused now and then is never disconnected', async () => {
    const srv = await server.start(GENEROUS);
    const a = await connect(srv.url);
    for (let i = 0; i < 15; i++) assert.equal((await ask<Answer>(a, 'chat:message', { text: 'no room' })).error?.code, 'not_in_room');
    await settle(50);
    assert.equal(a.connected, true);
  });

  it('caps concurrent transports per IP before CONNECT (MAX_CONNECTIONS_PER_IP), per forwarded IP with TRUST_PROXY', async () => {
    const srv = await server.start({ ...GENEROUS, trustProxy: 1, maxConnectionsPerIp: 5, connectTimeoutMs: 60_000 });
    const tries = await Promise.all(Array.from({ length: 12 }, () => rawTransport(srv.port, '203.0.113.7')));
    try {
      assert.equal(tries.filter((t) => t.outcome === 'open').length, 5, 'five transports of one IP, the rest refused');
      // Another address is served, and so is the health check.
      await connect(srv.url, { v: 1 }, { extraHeaders: { 'x-forwarded-for': '203.0.113.8' } });
      assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
      // A closed transport frees its slot.
      tries.find((t) => t.outcome === 'open')?.ws.close();
      await settle(100);
      assert.equal((await rawTransport(srv.port, '203.0.113.7')).outcome, 'open');
      assert.equal((await rawTransport(srv.port, '203.0.113.7')).outcome, 'refused');
    } finally {
      for (const t of tries) t.ws.terminate();
    }
  });

  it('closes a transport that never sends CONNECT after CONNECT_TIMEOUT_MS', async () => {
    const srv = await server.start({ ...GENEROUS, connectTimeoutMs: 300 });
    const { outcome, ws } = await rawTransport(srv.port, '203.0.113.9');
    assert.equal(outcome, 'open');
    const closed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 3_000);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    assert.equal(closed, true, 'closed by the server');
  });
});
