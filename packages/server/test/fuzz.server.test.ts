// Property-based fuzzing (fast-check) of every client event and of the raw Socket.IO packet layer,
// beside an honest pair that must keep chatting. After every case the server's invariants hold:
// nobody is in two rooms, nobody is matched with themself or with a gone connection, and every
// relay reached only the partner (the honest pair never hears a fuzzer).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import WebSocket from 'ws';
import type { Socket } from 'socket.io-client';
import { ClientEvent } from '@novu-chat/protocol';
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { ask, closeAll, connect, matchPair, next, settle } from '@novu-chat/test-support/clients';

/** Cases per property: thousands in all, each a few events long, so CI spends seconds on them. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);

const EVENTS = Object.values(ClientEvent);

/** A payload near the protocol's shapes, or anything at all. */
const payload = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.record({ interests: fc.array(fc.string({ maxLength: 40 }), { maxLength: 12 }), mode: fc.constantFrom('video', 'text', 'audio', 7) }, { requiredKeys: [] }),
  fc.record({ sdp: fc.oneof(fc.string({ maxLength: 200 }), fc.integer()) }, { requiredKeys: [] }),
  fc.record({ candidate: fc.oneof(fc.constant(null), fc.record({ candidate: fc.string({ maxLength: 100 }), sdpMid: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), sdpMLineIndex: fc.oneof(fc.integer(), fc.double(), fc.constant(null)) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
  fc.record({ text: fc.oneof(fc.string({ maxLength: 1_200 }), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.integer()) }, { requiredKeys: [] }),
  fc.record({ typing: fc.oneof(fc.boolean(), fc.string()) }, { requiredKeys: [] }),
  fc.record({ reason: fc.oneof(fc.constantFrom('nudity', 'spam', 'other', 'bogus'), fc.integer()) }, { requiredKeys: [] }),
);

/** One step of a fuzzing client: an event (known or not), a payload, with or without an ack. */
const step = fc.record({
  who: fc.constantFrom(0, 1),
  event: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...EVENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }),
  payload,
  withAck: fc.boolean(),
  withPayload: fc.boolean(),
});

/** Raw frames a hostile client can write on an engine.io WebSocket. */
const rawFrame = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 200 }).map((s) => `42${s}`),
  fc.json().map((s) => `42${s}`),
  fc.tuple(fc.string({ maxLength: 20 }), fc.anything({ maxDepth: 2 })).map(([event, data]) => `42${JSON.stringify([event, data])}`),
  fc.string({ maxLength: 40 }).map((s) => `40/${s},`),
  fc.string({ maxLength: 40 }).map((s) => `45-${s}`),
  fc.constantFrom('2', '3', '4', '5', '6', '40', '41', '43', '44', '451-["x",{"_placeholder":true,"num":0}]'),
);

describe('fuzzing every client event and the raw packet layer', () => {
  let srv: TestServer;
  let a: Socket;
  let b: Socket;
  let heardByA: string[];
  let heardByB: string[];
  let exchanged = 0;

  before(async () => {
    srv = await startServer({
      rateLimitConnections: 1_000_000,
      rateLimitJoins: 1_000_000,
      rateLimitSignals: 1_000_000,
      rateLimitMessages: 1_000_000,
      rateLimitTyping: 1_000_000,
      repeatAvoidMs: 0,
    });
    // The honest pair wait on an interest no fuzzer can produce, so they meet each other only.
    ({ a, b } = await matchPair(srv.url, { interests: ['honest pair 7f3a'] }));
    heardByA = [];
    heardByB = [];
    a.on('chat:message', (m: { text: string }) => heardByA.push(m.text));
    b.on('chat:message', (m: { text: string }) => heardByB.push(m.text));
  });
  after(async () => {
    closeAll();
    await srv.close();
  });

  /** The honest pair exchange one message each way, and only their own. */
  async function honestExchange(): Promise<void> {
    exchanged += 1;
    const toB = next<{ text: string }>(b, 'chat:message');
    assert.equal((await ask<{ ok: boolean }>(a, 'chat:message', { text: `a${exchanged}` })).ok, true);
    assert.equal((await toB).text, `a${exchanged}`);
    const toA = next<{ text: string }>(a, 'chat:message');
    assert.equal((await ask<{ ok: boolean }>(b, 'chat:message', { text: `b${exchanged}` })).ok, true);
    assert.equal((await toA).text, `b${exchanged}`);
  }

  /** The server's invariants, read from its room directory and its live connections. */
  async function invariants(): Promise<void> {
    const rooms = await srv.server.admin.listRooms(10_000);
    const seen = new Set<string>();
    for (const room of rooms) {
      const [x, y] = room.members;
      assert.notEqual(x.id, y.id, 'nobody is matched with themself');
      for (const member of room.members) {
        assert.ok(!seen.has(member.id), `${member.id} is in two rooms`);
        seen.add(member.id);
      }
    }
    assert.ok(seen.has(a.id ?? '') && seen.has(b.id ?? ''), 'the honest pair is still in its room');
    // Every fuzzer has gone: nobody is left waiting or in a room with a gone connection.
    await settle(100);
    assert.deepEqual((await srv.server.admin.listRooms(10_000)).map((r) => r.members.map((m) => m.id).sort()), [[a.id, b.id].sort()]);
    const stats = await srv.server.stats();
    assert.equal(stats.online, 2, 'only the honest pair is connected');
    assert.equal(stats.waiting, 0, 'nobody is left waiting');
    assert.deepEqual(heardByA, Array.from({ length: exchanged }, (_, i) => `b${i + 1}`), 'a heard only b');
    assert.deepEqual(heardByB, Array.from({ length: exchanged }, (_, i) => `a${i + 1}`), 'b heard only a');
  }

  it(`survives ${RUNS} random sequences of client events from two fuzzing clients`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const fuzzers = [await connect(srv.url), await connect(srv.url)];
        try {
          for (const s of steps) {
            const socket = fuzzers[s.who];
            if (!socket?.connected) continue;
            const args: unknown[] = s.withPayload ? [s.payload] : [];
            if (s.withAck) await socket.timeout(300).emitWithAck(s.event, ...args).catch(() => undefined);
            else socket.emit(s.event, ...args);
          }
          await settle(5);
        } finally {
          for (const f of fuzzers) f.disconnect();
        }
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 120_000 },
    );
    await honestExchange();
    await invariants();
  });

  it(`survives ${RUNS} random raw frames on engine.io WebSockets`, async () => {
    const port = srv.port;
    await fc.assert(
      fc.asyncProperty(fc.array(rawFrame, { minLength: 1, maxLength: 6 }), fc.boolean(), async (frames, connectFirst) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
        await new Promise<void>((resolve) => {
          ws.once('message', () => resolve()); // engine.io's open packet
          ws.once('error', () => resolve());
          ws.once('close', () => resolve());
        });
        if (ws.readyState === WebSocket.OPEN) {
          if (connectFirst) ws.send('40{"v":1}');
          for (const frame of frames) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
        }
        await settle(2);
        ws.terminate();
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 120_000 },
    );
    await honestExchange();
    await invariants();
    assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
  });
});
