import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startServer, type TestServer } from '@novu-chat/test-support/server';
import { ask, closeAll, connect, settle, type MatchFound } from '@novu-chat/test-support/clients';
import { seededRandom } from '@novu-chat/test-support/random';

interface Client {
  socket: Socket;
  index: number;
  mode: 'video' | 'text';
  matches: MatchFound[];
  partnerLeft: string[];
  left: boolean;
}

describe('hundreds of concurrent clients', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startServer({ rateLimitConnections: 100_000, interestTimeoutMs: 60_000 });
  });
  after(async () => {
    closeAll();
    await srv.close();
  });

  it('keeps every invariant when joins, leaves and disconnects arrive together', async () => {
    const random = seededRandom(20261128);
    const count = 400;
    const clients: Client[] = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const socket = await connect(srv.url, { v: 1, clientId: `load-${index}` });
        const client: Client = { socket, index, mode: random() < 0.5 ? 'video' : 'text', matches: [], partnerLeft: [], left: false };
        socket.on('match:found', (m: MatchFound) => client.matches.push(m));
        socket.on('partner:left', (p: { reason: string }) => client.partnerLeft.push(p.reason));
        return client;
      }),
    );
    // Everyone joins at once; 10% disconnect and 10% leave the queue straight after joining.
    await Promise.all(clients.map(async (client) => {
      const roll = random();
      const joined = ask(client.socket, 'queue:join', { mode: client.mode });
      if (roll < 0.1) {
        client.left = true;
        client.socket.disconnect();
        await joined.catch(() => undefined); // its ack is lost with the connection
        return;
      }
      await joined;
      if (roll < 0.2) {
        client.left = true;
        await ask(client.socket, 'queue:leave');
      }
    }));
    await settle(500);

    const byRoom = new Map<string, { client: Client; match: MatchFound }[]>();
    for (const client of clients) {
      assert.ok(client.matches.length <= 1, `client ${client.index} was matched ${client.matches.length} times`);
      for (const match of client.matches) {
        const members = byRoom.get(match.roomId) ?? [];
        members.push({ client, match });
        byRoom.set(match.roomId, members);
      }
    }
    const stats = await srv.server.stats();
    let paired = 0;
    for (const [roomId, members] of byRoom) {
      const [x, y] = members;
      if (members.length === 1) {
        // Its other member disconnected right after joining: the room must have been ended for this one.
        assert.ok(x);
        assert.deepEqual(x.client.partnerLeft, ['disconnected'], `room ${roomId} lost a member without telling the other`);
        continue;
      }
      assert.equal(members.length, 2, `room ${roomId} has ${members.length} members`);
      assert.ok(x && y);
      assert.notEqual(x.client.index, y.client.index, 'nobody is matched with themself');
      assert.equal(x.client.mode, y.client.mode, 'modes never mix');
      assert.equal(x.match.initiator !== y.match.initiator, true, 'exactly one initiator');
      paired += 2;
    }
    // Everyone still present and not matched is waiting, and at most one waits per mode.
    const present = clients.filter((c) => !c.left);
    const unmatched = present.filter((c) => c.matches.length === 0);
    for (const mode of ['video', 'text'] as const) {
      assert.ok(unmatched.filter((c) => c.mode === mode).length <= 1, `more than one ${mode} user left waiting: matching missed someone`);
    }
    assert.equal(stats.waiting, unmatched.length, 'the queue holds exactly the unmatched present users');
    // Nobody who disconnected before matching was matched afterwards.
    assert.ok(paired >= present.length - 2);
    assert.ok(stats.rooms <= byRoom.size);
  });
});
