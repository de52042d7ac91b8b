// Server-owned routing (issue #13, fault 1): after Redis loses its data mid-chat, nobody receives an
// event meant for someone else, and every pair either keeps chatting or is told partner:left. On the
// main of 2026-12-04 A's message meant for its new partner C arrived at its old partner B (relays went
// to "the first room:* channel" of the socket, and stale channels were never closed).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { clusterFixture } from '@novu-chat/test-support/cluster';
import { ask, connect, next, record, settle, type MatchFound } from '@novu-chat/test-support/clients';
import type { Socket } from 'socket.io-client';

/** Send one Redis command over a raw connection (no client library needed for FLUSHALL). */
function redisCommand(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
    });
    socket.once('data', (data) => {
      socket.end();
      resolve(String(data));
    });
    socket.once('error', reject);
  });
}

async function pair(a: Socket, b: Socket, interest: string): Promise<MatchFound> {
  const found = next<MatchFound>(a, 'match:found');
  const other = next<MatchFound>(b, 'match:found');
  await ask(a, 'queue:join', { interests: [interest] });
  await ask(b, 'queue:join', { interests: [interest] });
  await other;
  return found;
}

describe('server-owned routing in cluster mode', () => {
  const fixture = clusterFixture();

  for (const fault of ['FLUSHALL', 'a Redis restart'] as const) {
    it(`after ${fault} mid-chat nothing reaches a former partner, and the old partner is told partner:left`, async () => {
      const [one, two] = await fixture.start(2);
      assert.ok(one && two);
      const { redis } = fixture;
      const a = await connect(one.url);
      const b = await connect(two.url);
      await pair(a, b, 'before');
      const atB = record<{ text: string }>(b, 'chat:message');
      const signalsAtB = record(b, 'signal:receive');
      const bLeft = record<{ reason: string }>(b, 'partner:left');

      if (fault === 'FLUSHALL') {
        assert.match(await redisCommand(redis.port, 'FLUSHALL'), /OK/);
      } else {
        await redis.stop();
        await redis.start();
      }
      await settle(1_500); // the processes notice and reconnect

      // A moves on: its old partner must learn it, whatever the directory forgot.
      await ask(a, 'room:leave').catch(() => undefined);
      await ask(a, 'queue:join', { interests: ['after'] });

      const c = await connect(two.url);
      const atC = record<{ text: string }>(c, 'chat:message');
      const cFound = next<MatchFound>(c, 'match:found');
      await ask(c, 'queue:join', { interests: ['after'] });
      await cFound;
      await ask(a, 'chat:message', { text: 'for C only' });
      await ask(a, 'signal:offer', { sdp: 'sdp for C only' });
      await settle(500);
      assert.deepEqual(atC.map((m) => m.text), ['for C only']);
      assert.deepEqual(atB, [], 'nothing meant for C reached B');
      assert.deepEqual(signalsAtB, [], 'no signal meant for C reached B');
      assert.equal(bLeft.length, 1, 'B is told partner:left, once');
    });
  }
});
