import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AdminStats, BanView, RoomView } from '@novu-chat/server';
import type { TestServer } from '@novu-chat/test-support/server';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, connect, matchPair, next, refusal, settle } from '@novu-chat/test-support/clients';
import { ADMIN_TOKEN, adminApi } from '@novu-chat/test-support/admin';

describe('admin JSON API', () => {
  const server = serverPerTest();
  const start = async () => {
    const srv = await server.start({ adminToken: ADMIN_TOKEN, rateLimitConnections: 1000 });
    return srv.url;
  };

  it('refuses every path without the bearer token, with 401 and WWW-Authenticate', async () => {
    const url = await start();
    for (const [method, path] of [['GET', '/stats'], ['GET', '/rooms'], ['DELETE', '/rooms/x'], ['GET', '/bans'], ['POST', '/bans'], ['DELETE', '/bans/x'], ['GET', '/snapshot'], ['GET', '/nope']] as const) {
      const none = await fetch(`${url}/api/admin${path}`, { method });
      assert.equal(none.status, 401, `${method} ${path}`);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer');
      assert.equal((await adminApi(url, path, { method, token: `${ADMIN_TOKEN}x` })).status, 401);
    }
    assert.equal((await adminApi(url, '/nope')).status, 404);
  });

  it('stats: online, waiting by mode, rooms, per-minute rates, waits and top interests follow the clients', async () => {
    const url = await start();
    let { body } = await adminApi<AdminStats>(url, '/stats');
    assert.equal(body.online, 0);
    const a = await connect(url);
    await ask(a, 'queue:join', { interests: ['Chess', 'music'], mode: 'text' });
    ({ body } = await adminApi<AdminStats>(url, '/stats'));
    assert.deepEqual([body.online, body.waiting, body.waitingByMode.text, body.rooms], [1, 1, 1, 0]);
    const b = await connect(url);
    const found = next(a, 'match:found');
    await ask(b, 'queue:join', { interests: ['chess'], mode: 'text' });
    await found;
    await ask(a, 'chat:message', { text: 'hello' });
    ({ body } = await adminApi<AdminStats>(url, '/stats'));
    assert.deepEqual([body.online, body.waiting, body.rooms], [2, 0, 1]);
    assert.equal(body.perMinute.matches, 1);
    assert.equal(body.perMinute.messages, 1);
    assert.equal(body.totals.connections, 2);
    assert.equal(body.wait.samples, 2);
    assert.ok(body.wait.avgMs !== null && body.wait.avgMs >= 0);
    assert.ok(body.wait.p95Ms !== null && body.wait.p95Ms >= body.wait.avgMs);
    assert.deepEqual(body.topInterests[0], { interest: 'chess', count: 2 });
    assert.equal(body.processes, 1);
    assert.equal(body.activeBans, 0);
    b.disconnect();
    await settle();
    ({ body } = await adminApi<AdminStats>(url, '/stats'));
    assert.deepEqual([body.online, body.rooms], [1, 0]);
  });

  it('lists rooms with members as keyed hashes only, and ends a room: both get partner:left ended', async () => {
    const url = await start();
    const { a, b, aMatch } = await matchPair(url);
    const res = await fetch(`${url}/api/admin/rooms`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const text = await res.text();
    assert.ok(!text.includes('127.0.0.1'), 'no IP in the rooms list');
    const { rooms } = JSON.parse(text) as { rooms: RoomView[] };
    assert.equal(rooms.length, 1);
    const room = rooms[0]!;
    assert.equal(room.id, aMatch.roomId);
    assert.equal(room.mode, 'video');
    for (const member of room.members) {
      assert.match(member.clientKey, /^[0-9a-f]{24}$/);
      assert.match(member.ipKey, /^[0-9a-f]{24}$/);
      assert.equal(member.handle, member.clientKey.slice(0, 8));
    }
    const aLeft = next<{ reason: string }>(a, 'partner:left');
    const bLeft = next<{ reason: string }>(b, 'partner:left');
    assert.equal((await adminApi(url, `/rooms/${room.id}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(await aLeft, { reason: 'ended' });
    assert.deepEqual(await bLeft, { reason: 'ended' });
    const again = await adminApi<{ error: { code: string } }>(url, `/rooms/${room.id}`, { method: 'DELETE' });
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, 'not_found');
    assert.deepEqual((await adminApi(url, '/rooms')).body, { rooms: [] });
  });

  it('bans a hashed client and IP: live sockets are kicked, reconnects refused with banned; lifting lets them back', async () => {
    const url = await start();
    const victim = await connect(url, { v: 1, clientId: 'victim-1' });
    const bystander = await connect(url, { v: 1, clientId: 'bystander-1' });
    const b = await connect(url, { v: 1, clientId: 'partner-1' });
    const found = next(victim, 'match:found');
    await ask(victim, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await found;
    const victimMember = await memberOf(server.current!, victim.id!);
    const member = victimMember;

    // Invalid bans are refused with 400.
    for (const body of [{}, { clientKey: 'nothex', durationMs: 3_600_000 }, { clientKey: member.clientKey, durationMs: 5 }, { clientKey: member.clientKey }]) {
      const res = await adminApi<{ error: { code: string } }>(url, '/bans', { method: 'POST', body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'invalid_request');
    }
    const notJson = await fetch(`${url}/api/admin/bans`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, body: 'x' });
    assert.equal(notJson.status, 415);

    // Ban the victim's client key (no IP: every test client shares 127.0.0.1).
    const disconnected = new Promise<string>((resolve) => victim.once('disconnect', resolve));
    const partnerLeft = next<{ reason: string }>(b, 'partner:left');
    const made = await adminApi<{ bans: BanView[]; disconnected: number }>(url, '/bans', {
      method: 'POST', body: { clientKey: victimMember.clientKey, durationMs: 3_600_000, note: 'spam' },
    });
    assert.equal(made.status, 201);
    assert.equal(made.body.disconnected, 1);
    assert.equal(made.body.bans.length, 1);
    assert.equal(made.body.bans[0]!.kind, 'client');
    assert.equal(made.body.bans[0]!.note, 'spam');
    assert.equal(await disconnected, 'io server disconnect');
    assert.deepEqual(await partnerLeft, { reason: 'disconnected' });
    assert.ok(bystander.connected, 'others stay connected');

    const refused = await refusal(url, { v: 1, clientId: 'victim-1' });
    assert.equal(refused.data?.code, 'banned');
    assert.ok((refused.data?.retryAfterMs ?? 0) > 3_500_000);
    await connect(url, { v: 1, clientId: 'someone-else' });

    const { body: listed } = await adminApi<{ bans: BanView[] }>(url, '/bans');
    assert.equal(listed.bans.length, 1);
    assert.equal((await adminApi<AdminStats>(url, '/stats')).body.activeBans, 1);
    assert.equal((await adminApi(url, `/bans/${listed.bans[0]!.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await adminApi(url, `/bans/${listed.bans[0]!.id}`, { method: 'DELETE' })).status, 404);
    await connect(url, { v: 1, clientId: 'victim-1' });
  });

  it('an IP ban refuses every client from that IP until lifted', async () => {
    const url = await start();
    const a = await connect(url, { v: 1, clientId: 'ip-user' });
    const member = await (async () => {
      const b = await connect(url);
      const found = next(a, 'match:found');
      await ask(a, 'queue:join', {});
      await ask(b, 'queue:join', {});
      await found;
      return memberOf(server.current!, a.id!);
    })();
    const made = await adminApi<{ bans: BanView[]; disconnected: number }>(url, '/bans', {
      method: 'POST', body: { clientKey: member.clientKey, ipKey: member.ipKey, durationMs: 60_000 },
    });
    assert.equal(made.status, 201);
    assert.deepEqual(made.body.bans.map((b) => b.kind).sort(), ['client', 'ip']);
    assert.equal(made.body.disconnected, 2, 'both test clients share the IP');
    assert.equal((await refusal(url, { v: 1, clientId: 'a-new-client' })).data?.code, 'banned');
    const ipBan = made.body.bans.find((b) => b.kind === 'ip')!;
    assert.equal((await adminApi(url, `/bans/${ipBan.id}`, { method: 'DELETE' })).status, 204);
    await connect(url, { v: 1, clientId: 'a-new-client' });
    assert.equal((await refusal(url, { v: 1, clientId: 'ip-user' })).data?.code, 'banned', 'the client ban still holds');
  });

  it('snapshot and processes describe this process', async () => {
    const url = await start();
    await connect(url);
    const { body } = await adminApi<{ live: { online: number }; processes: { id: string; connections: number }[] }>(url, '/snapshot');
    assert.equal(body.live.online, 1);
    assert.equal(body.processes.length, 1);
    assert.equal(body.processes[0]!.connections, 1);
    const { body: p } = await adminApi<{ processes: unknown[] }>(url, '/processes');
    assert.equal(p.processes.length, 1);
  });
});

/** The room member with this connection id, read from the server's own admin control. */
async function memberOf(server: TestServer, socketId: string): Promise<{ clientKey: string; ipKey: string }> {
  for (const room of await server.server.admin.listRooms()) {
    const member = room.members.find((m) => m.id === socketId);
    if (member) return member;
  }
  throw new Error(`no room member ${socketId}`);
}
