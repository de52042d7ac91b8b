import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { ask, closeAll, connect, matchPair, next, record, settle } from '@novu-chat/test-support/clients';

type Failure = { ok: false; error: { code: string; message: string } };

describe('signaling and chat relay', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startServer({ rateLimitConnections: 10_000 });
  });
  after(() => srv.close());
  afterEach(async () => {
    closeAll();
    await settle(50);
  });

  it('relays offer, answer and ICE candidates to the partner, and only the partner', async () => {
    const { a, b } = await matchPair(srv.url);
    const { a: c, b: d } = await matchPair(srv.url);
    const cSeen = record(c, 'signal:receive');
    const dSeen = record(d, 'signal:receive');
    const aSeen = record(a, 'signal:receive');

    const offer = next(b, 'signal:receive');
    assert.deepEqual(await ask(a, 'signal:offer', { sdp: 'v=0 offer' }), { ok: true });
    assert.deepEqual(await offer, { type: 'offer', payload: { sdp: 'v=0 offer' } });

    const answer = next(a, 'signal:receive');
    b.emit('signal:answer', { sdp: 'v=0 answer' });
    assert.deepEqual(await answer, { type: 'answer', payload: { sdp: 'v=0 answer' } });

    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' };
    const ice = next(b, 'signal:receive');
    a.emit('signal:ice', { candidate });
    assert.deepEqual(await ice, { type: 'ice-candidate', payload: { candidate } });

    const end = next(a, 'signal:receive');
    b.emit('signal:ice', { candidate: null });
    assert.deepEqual(await end, { type: 'ice-candidate', payload: { candidate: null } });

    await settle();
    assert.equal(cSeen.length + dSeen.length, 0, 'nobody else receives the relay');
    assert.deepEqual(aSeen.map((m) => (m as { type: string }).type), ['answer', 'ice-candidate'], 'a got only what b sent, never its own relays back');
  });

  it('either side may send an offer at any time (renegotiation)', async () => {
    const { a, b } = await matchPair(srv.url);
    const first = next(a, 'signal:receive');
    await ask(b, 'signal:offer', { sdp: 'from-b' });
    assert.deepEqual(await first, { type: 'offer', payload: { sdp: 'from-b' } });
    const second = next(b, 'signal:receive');
    await ask(a, 'signal:offer', { sdp: 'from-a' });
    assert.deepEqual(await second, { type: 'offer', payload: { sdp: 'from-a' } });
  });

  it('drops unknown fields: they are never relayed', async () => {
    const { a, b } = await matchPair(srv.url);
    const got = next(b, 'signal:receive');
    await ask(a, 'signal:offer', { sdp: 'x', extra: 'secret', type: 'answer' });
    assert.deepEqual(await got, { type: 'offer', payload: { sdp: 'x' } });
    const ice = next(b, 'signal:receive');
    await ask(a, 'signal:ice', { candidate: { candidate: 'c', foo: 1 }, bar: 2 });
    assert.deepEqual(await ice, { type: 'ice-candidate', payload: { candidate: { candidate: 'c' } } });
    const message = next<Record<string, unknown>>(b, 'chat:message');
    await ask(a, 'chat:message', { text: 'hi', from: 'admin', html: '<b>' });
    assert.deepEqual(Object.keys(await message).sort(), ['id', 'text', 'ts']);
  });

  it('signaling, chat and typing outside a room answer not_in_room', async () => {
    const a = await connect(srv.url);
    for (const [event, payload] of [
      ['signal:offer', { sdp: 'x' }],
      ['signal:answer', { sdp: 'x' }],
      ['signal:ice', { candidate: null }],
      ['chat:message', { text: 'hello' }],
      ['chat:typing', { typing: true }],
    ] as const) {
      const res = await ask<Failure>(a, event, payload);
      assert.equal(res.ok, false, event);
      assert.equal(res.error.code, 'not_in_room', event);
      assert.ok(res.error.message.length > 0);
    }
  });

  it('without an ack, errors arrive as server:error { event, code, message }', async () => {
    const a = await connect(srv.url);
    const error = next(a, 'server:error');
    a.emit('signal:offer', { sdp: 'x' });
    assert.deepEqual(await error, { event: 'signal:offer', code: 'not_in_room', message: 'You are not in a chat.' });
  });

  it('relays chat messages with an id and timestamp, acked to the sender', async () => {
    const { a, b } = await matchPair(srv.url);
    const got = next<{ id: string; text: string; ts: number }>(b, 'chat:message');
    const before = Date.now();
    const ack = await ask<{ ok: true; id: string; ts: number }>(a, 'chat:message', { text: '  hello there  ' });
    const message = await got;
    assert.equal(ack.ok, true);
    assert.equal(message.text, 'hello there');
    assert.equal(message.id, ack.id);
    assert.equal(message.ts, ack.ts);
    assert.ok(message.ts >= before && message.ts <= Date.now());
    const reply = next<{ text: string }>(a, 'chat:message');
    await ask(b, 'chat:message', { text: 'hi back' });
    assert.equal((await reply).text, 'hi back');
  });

  it('cleans text: trims, removes control characters except newline and tab, keeps HTML as text', async () => {
    const { a, b } = await matchPair(srv.url);
    const got = next<{ text: string }>(b, 'chat:message');
    await ask(a, 'chat:message', { text: '\u0000 <b>bold</b>\tand\r\nnew\u0007line\u009f \u0001' });
    assert.equal((await got).text, '<b>bold</b>\tand\nnewline');
  });

  it('counts message length in code points (1000 emoji pass, 1001 do not)', async () => {
    const { a, b } = await matchPair(srv.url);
    const got = next<{ text: string }>(b, 'chat:message');
    assert.equal((await ask(a, 'chat:message', { text: '😀'.repeat(1000) })).ok, true);
    assert.equal([...(await got).text].length, 1000);
    const tooLong = await ask<Failure>(a, 'chat:message', { text: '😀'.repeat(1001) });
    assert.equal(tooLong.error.code, 'invalid_payload');
  });

  it('relays typing both ways', async () => {
    const { a, b } = await matchPair(srv.url);
    const onB = next(b, 'chat:typing');
    a.emit('chat:typing', { typing: true });
    assert.deepEqual(await onB, { typing: true });
    const onA = next(a, 'chat:typing');
    b.emit('chat:typing', { typing: false });
    assert.deepEqual(await onA, { typing: false });
  });

  it('stops relaying once the room has ended', async () => {
    const { a, b } = await matchPair(srv.url);
    const left = next(a, 'partner:left');
    await ask(b, 'room:leave');
    await left;
    const res = await ask<Failure>(a, 'chat:message', { text: 'anyone?' });
    assert.equal(res.error.code, 'not_in_room');
  });
});
