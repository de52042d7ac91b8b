import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { ask, closeAll, connect, connectLazy, matchPair, next, record, settle, type MatchFound } from '@novu-chat/test-support/clients';

describe('matchmaking over a real server', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startServer({ interestTimeoutMs: 400, repeatAvoidMs: 60_000, rateLimitConnections: 10_000 });
  });
  after(() => srv.close());
  afterEach(async () => {
    closeAll();
    await settle(50);
  });

  it('pairs two joiners with exactly one initiator and the same room', async () => {
    const { aMatch, bMatch } = await matchPair(srv.url);
    assert.equal(aMatch.roomId, bMatch.roomId);
    assert.equal(aMatch.initiator !== bMatch.initiator, true);
    assert.equal(aMatch.mode, 'video');
    assert.deepEqual(aMatch.commonInterests, []);
    assert.equal(typeof aMatch.roomId, 'string');
  });

  it('answers the join ack with whether it matched at once', async () => {
    const a = await connect(srv.url);
    const b = await connect(srv.url);
    assert.deepEqual(await ask(a, 'queue:join', {}), { ok: true, matched: false });
    assert.deepEqual(await ask(b, 'queue:join', {}), { ok: true, matched: true });
  });

  it('accepts queue:join with only an ack, and with no ack at all', async () => {
    const a = await connect(srv.url);
    const b = await connect(srv.url);
    const found = next(a, 'match:found');
    assert.deepEqual(await ask(a, 'queue:join'), { ok: true, matched: false });
    b.emit('queue:join');
    await found;
  });

  it('pairs only users of the same mode', async () => {
    const video = await connect(srv.url);
    const text = await connect(srv.url);
    const videoMatches = record<MatchFound>(video, 'match:found');
    await ask(video, 'queue:join', { mode: 'video' });
    await ask(text, 'queue:join', { mode: 'text' });
    await settle();
    assert.equal(videoMatches.length, 0);
    const text2 = await connect(srv.url);
    const found = next<MatchFound>(text, 'match:found');
    await ask(text2, 'queue:join', { mode: 'text' });
    assert.equal((await found).mode, 'text');
    assert.equal(videoMatches.length, 0);
  });

  it('prefers the longest-waiting user who shares an interest, and lists what they share', async () => {
    const first = await connect(srv.url);
    const second = await connect(srv.url);
    const sharer = await connect(srv.url);
    const secondFound = next<MatchFound>(second, 'match:found');
    const firstSeen = record(first, 'match:found');
    await ask(first, 'queue:join', { interests: ['cooking'] });
    await ask(second, 'queue:join', { interests: ['Music', 'chess'] });
    const found = next<MatchFound>(sharer, 'match:found');
    await ask(sharer, 'queue:join', { interests: [' music ', 'CHESS', 'art'] });
    const match = await found;
    assert.deepEqual(match.commonInterests, ['chess', 'music']);
    assert.deepEqual((await secondFound).commonInterests, ['chess', 'music']);
    assert.equal(firstSeen.length, 0);
  });

  it('matches users with disjoint interests once the interest timeout passes, with no new join', async () => {
    const a = await connect(srv.url);
    const b = await connect(srv.url);
    const aFound = next<MatchFound>(a, 'match:found', 3_000);
    const bSeen = record(b, 'match:found');
    const started = Date.now();
    await ask(a, 'queue:join', { interests: ['knitting'] });
    await ask(b, 'queue:join', { interests: ['surfing'] });
    await settle(100);
    assert.equal(bSeen.length, 0, 'no match before the timeout');
    const match = await aFound;
    assert.ok(Date.now() - started >= 350, 'matched only after the interest timeout');
    assert.deepEqual(match.commonInterests, []);
  });

  it('does not pair former partners again within the repeat-avoidance window', async () => {
    const a = await connect(srv.url, { v: 1, clientId: 'repeat-a' });
    const b = await connect(srv.url, { v: 1, clientId: 'repeat-b' });
    const aFound = next<MatchFound>(a, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await aFound;
    const bLeft = next(b, 'partner:left');
    await ask(a, 'queue:join', {}); // next
    assert.deepEqual(await bLeft, { reason: 'skipped' });
    const bSeen = record(b, 'match:found');
    await ask(b, 'queue:join', {});
    await settle();
    assert.equal(bSeen.length, 0, 'former partners are kept apart');
    // Reconnecting with the same clientId does not get around it.
    b.disconnect();
    const b2 = await connect(srv.url, { v: 1, clientId: 'repeat-b' });
    const b2Seen = record(b2, 'match:found');
    await ask(b2, 'queue:join', {});
    await settle();
    assert.equal(b2Seen.length, 0);
    // A third user is matched with the longest-waiting of them.
    const c = await connect(srv.url);
    const cFound = next<MatchFound>(c, 'match:found');
    const aMatch = next<MatchFound>(a, 'match:found');
    await ask(c, 'queue:join', {});
    assert.equal((await cFound).roomId, (await aMatch).roomId);
  });

  it('never pairs two connections of the same client id', async () => {
    const a = await connect(srv.url, { v: 1, clientId: 'same-client' });
    const b = await connect(srv.url, { v: 1, clientId: 'same-client' });
    const seen = record(a, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await settle();
    assert.equal(seen.length, 0);
  });

  it('joining twice never creates two queue entries', async () => {
    const a = await connect(srv.url);
    await ask(a, 'queue:join', {});
    await ask(a, 'queue:join', { interests: [] });
    assert.equal((await srv.server.stats()).waiting, 1);
    const b = await connect(srv.url);
    const c = await connect(srv.url);
    const cSeen = record(c, 'match:found');
    await ask(b, 'queue:join', {});
    await ask(c, 'queue:join', {});
    await settle();
    assert.equal(cSeen.length, 0, 'a, once matched with b, is not also waiting for c');
    assert.equal((await srv.server.stats()).waiting, 1);
  });

  it('queue:leave takes a user out of the queue', async () => {
    const a = await connect(srv.url);
    const seen = record(a, 'match:found');
    await ask(a, 'queue:join', {});
    assert.deepEqual(await ask(a, 'queue:leave'), { ok: true });
    const b = await connect(srv.url);
    await ask(b, 'queue:join', {});
    await settle();
    assert.equal(seen.length, 0);
    assert.equal((await srv.server.stats()).waiting, 1);
  });

  it('"next" ends the room (partner: skipped) and re-queues the skipper', async () => {
    const { a, b } = await matchPair(srv.url);
    const left = next(b, 'partner:left');
    assert.deepEqual(await ask(a, 'queue:join', {}), { ok: true, matched: false });
    assert.deepEqual(await left, { reason: 'skipped' });
    const stats = await srv.server.stats();
    assert.equal(stats.rooms, 0);
    assert.equal(stats.waiting, 1);
  });

  it('room:leave ends the chat (partner: left); outside a room it is not_in_room', async () => {
    const { a, b } = await matchPair(srv.url);
    const left = next(b, 'partner:left');
    assert.deepEqual(await ask(a, 'room:leave'), { ok: true });
    assert.deepEqual(await left, { reason: 'left' });
    const again = await ask<{ ok: false; error: { code: string } }>(a, 'room:leave');
    assert.equal(again.ok, false);
    assert.equal(again.error.code, 'not_in_room');
  });

  it('a deliberate disconnect ends the room at once (partner: disconnected)', async () => {
    const { a, b } = await matchPair(srv.url);
    const left = next(b, 'partner:left');
    a.disconnect();
    assert.deepEqual(await left, { reason: 'disconnected' });
  });

  it('a disconnected waiting client is never matched', async () => {
    const a = await connect(srv.url);
    await ask(a, 'queue:join', {});
    a.disconnect();
    await settle(50);
    const b = await connect(srv.url);
    const seen = record(b, 'match:found');
    await ask(b, 'queue:join', {});
    await settle();
    assert.equal(seen.length, 0);
  });

  it('sends stats { online, waiting } on connect', async () => {
    const a = await connect(srv.url);
    await ask(a, 'queue:join', {});
    const b = connectLazy(srv.url);
    const got = await next<{ online: number; waiting: number }>(b, 'stats');
    assert.equal(got.online, 2);
    assert.equal(got.waiting, 1);
  });
});
