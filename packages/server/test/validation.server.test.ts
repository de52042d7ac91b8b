import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Limits } from '@novu-chat/protocol';
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { ask, closeAll, connect, matchPair, next, settle } from '@novu-chat/test-support/clients';

type Answer = { ok: boolean; error?: { code: string; message: string } };

describe('bad input is refused with a clear code, and everyone else keeps being served', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startServer({ rateLimitConnections: 10_000, rateLimitJoins: 10_000, rateLimitSignals: 10_000, rateLimitMessages: 10_000, rateLimitTyping: 10_000 });
  });
  after(() => srv.close());
  afterEach(async () => {
    closeAll();
    await settle(50);
  });

  const cases: [string, string, unknown][] = [
    ['queue:join', 'a string payload', 'video'],
    ['queue:join', 'a number payload', 42],
    ['queue:join', 'an unknown mode', { mode: 'audio' }],
    ['queue:join', 'interests not an array', { interests: 'music' }],
    ['queue:join', 'a non-string interest', { interests: ['ok', 3] }],
    ['queue:join', 'an empty interest', { interests: ['  '] }],
    ['queue:join', 'an interest over 32 characters', { interests: ['x'.repeat(33)] }],
    ['queue:join', 'an interest with a lone surrogate', { interests: ['a\ud800b'] }],
    ['queue:join', 'more than 10 interests', { interests: Array.from({ length: 11 }, (_, i) => `i${i}`) }],
    ['signal:offer', 'no sdp', {}],
    ['signal:offer', 'a numeric sdp', { sdp: 5 }],
    ['signal:offer', 'an empty sdp', { sdp: '' }],
    ['signal:offer', `an sdp over ${Limits.maxSdpLength}`, { sdp: 'x'.repeat(Limits.maxSdpLength + 1) }],
    ['signal:answer', 'an array payload', [{ sdp: 'x' }]],
    ['signal:answer', `an sdp over ${Limits.maxSdpLength}`, { sdp: 'x'.repeat(Limits.maxSdpLength + 1) }],
    ['signal:ice', 'no candidate field', {}],
    ['signal:ice', 'a string candidate', { candidate: 'candidate:1' }],
    ['signal:ice', `a candidate string over ${Limits.maxIceCandidateLength}`, { candidate: { candidate: 'c'.repeat(Limits.maxIceCandidateLength + 1) } }],
    ['signal:ice', 'a fractional sdpMLineIndex', { candidate: { candidate: 'c', sdpMLineIndex: 0.5 } }],
    ['signal:ice', 'a numeric sdpMid', { candidate: { candidate: 'c', sdpMid: 0 } }],
    ['chat:message', 'no text', {}],
    ['chat:message', 'a numeric text', { text: 12 }],
    ['chat:message', 'an empty text', { text: '' }],
    ['chat:message', 'only whitespace and control characters', { text: ' \n\t\u0000 ' }],
    ['chat:message', 'only bidi and zero-width characters', { text: ' \u202E\u200B\u2066\uFEFF\u200D ' }],
    ['chat:message', 'text over 1000 characters', { text: 'a'.repeat(1001) }],
    ['chat:message', 'null payload', null],
    ['chat:typing', 'a string typing', { typing: 'yes' }],
    ['chat:typing', 'no payload', undefined],
  ];

  for (const [event, label, payload] of cases) {
    it(`${event} with ${label} → invalid_payload`, async () => {
      const { a, b } = await matchPair(srv.url); // in a room, so only the payload can be wrong
      const res = await ask<Answer>(a, event, payload);
      assert.equal(res.ok, false);
      assert.equal(res.error?.code, 'invalid_payload');
      assert.match(res.error?.message ?? '', new RegExp(event));
      // The connection and the room still work.
      const got = next<{ text: string }>(b, 'chat:message');
      assert.equal((await ask<Answer>(a, 'chat:message', { text: 'still here' })).ok, true);
      assert.equal((await got).text, 'still here');
    });
  }

  it('strips bidi controls and zero-width characters from chat text, keeping emoji sequences whole', async () => {
    const { a, b } = await matchPair(srv.url);
    const got = next<{ text: string }>(b, 'chat:message');
    assert.equal((await ask<Answer>(a, 'chat:message', { text: '\u200Bclick \u202Egnp.exe\u202C pay\u200Dpal\u2066 👩‍💻\uFEFF' })).ok, true);
    assert.equal((await got).text, 'click gnp.exe paypal 👩‍💻');
  });

  it('accepts the largest allowed SDP and candidate', async () => {
    const { a, b } = await matchPair(srv.url);
    const got = next<{ payload: { sdp: string } }>(b, 'signal:receive');
    assert.equal((await ask<Answer>(a, 'signal:offer', { sdp: 'x'.repeat(Limits.maxSdpLength) })).ok, true);
    assert.equal((await got).payload.sdp.length, Limits.maxSdpLength);
    assert.equal((await ask<Answer>(a, 'signal:ice', { candidate: { candidate: 'c'.repeat(Limits.maxIceCandidateLength) } })).ok, true);
  });

  it('answers an unknown event with unknown_event (ack or server:error)', async () => {
    const a = await connect(srv.url);
    const res = await ask<Answer>(a, 'room:destroy', { all: true });
    assert.equal(res.error?.code, 'unknown_event');
    const error = next<{ event: string; code: string }>(a, 'server:error');
    a.emit('admin:ban', {});
    assert.deepEqual(await error, { event: 'admin:ban', code: 'unknown_event', message: 'Unknown event.' });
  });

  it('a frame over the buffer cap closes only the sender’s connection', async () => {
    const { a, b } = await matchPair(srv.url);
    const { a: c, b: d } = await matchPair(srv.url);
    const closed = new Promise<string>((resolve) => a.once('disconnect', (reason) => resolve(reason)));
    const reconnecting = next(b, 'partner:reconnecting');
    a.emit('chat:message', { text: 'x'.repeat(Limits.maxFrameBytes + 10) });
    assert.match(await closed, /transport/);
    const got = next<{ text: string }>(d, 'chat:message');
    await ask(c, 'chat:message', { text: 'others unaffected' });
    assert.equal((await got).text, 'others unaffected');
    // b's room is held for the resume grace; b is told its partner's link dropped.
    await reconnecting;
  });

  it('a flood of malformed events is answered up to the refused-event budget, then disconnected; the server keeps serving others', async () => {
    const flooder = await connect(srv.url);
    const answers: Answer[] = [];
    const gone = new Promise<void>((resolve) => flooder.once('disconnect', () => resolve()));
    for (let i = 0; i < 500; i++) {
      flooder.emit(i % 2 ? 'signal:offer' : 'queue:join', i % 2 ? { sdp: i } : { mode: i }, (answer: Answer) => answers.push(answer));
    }
    const { a, b } = await matchPair(srv.url);
    const got = next<{ text: string }>(b, 'chat:message');
    await ask(a, 'chat:message', { text: 'served during the flood' });
    assert.equal((await got).text, 'served during the flood');
    await gone;
    // Cut by the budget of refusals or, when the flood arrives at once, by the bound on pending events.
    assert.ok(answers.length <= 20, `${answers.length} answers, at most the budget of 20`);
    assert.ok(answers.every((r) => r.ok === false && r.error?.code === 'invalid_payload'));
  });
});
