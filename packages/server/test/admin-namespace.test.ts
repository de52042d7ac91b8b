import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AdminSnapshot } from '@novu-chat/server';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, connect, matchPair, next, refusal } from '@novu-chat/test-support/clients';
import { ADMIN_TOKEN, adminSocket, closeAdminSockets, connected, snapshotWhere } from '@novu-chat/test-support/admin';

type Ack = { ok: boolean; error?: { code: string }; disconnected?: number; bans?: { id: string }[]; snapshot?: AdminSnapshot };

describe('admin namespace /admin', () => {
  const server = serverPerTest(closeAdminSockets);
  const start = async () => {
    const srv = await server.start({ adminToken: ADMIN_TOKEN, rateLimitConnections: 1000 });
    return srv.url;
  };

  it('refuses a missing or wrong token with unauthorized', async () => {
    const url = await start();
    for (const token of [null, 'wrong', `${ADMIN_TOKEN}!`, '']) {
      const error = await connected(adminSocket(url, token)).then(() => undefined, (e: Error & { data?: { code: string } }) => e);
      assert.equal(error?.data?.code, 'unauthorized', `token ${String(token)}`);
    }
  });

  it('pushes live snapshots that follow clients joining and leaving (no IPs in them)', async () => {
    const url = await start();
    const admin = adminSocket(url);
    const first = snapshotWhere<AdminSnapshot>(admin, () => true);
    await connected(admin);
    const initial = await first;
    assert.equal(initial.live.online, 0);
    assert.equal(initial.processes.length, 1);

    const a = await connect(url);
    await ask(a, 'queue:join', { interests: ['jazz'] });
    const waiting = await snapshotWhere<AdminSnapshot>(admin, (s) => s.live.waiting === 1);
    assert.equal(waiting.live.online, 1);
    assert.equal(waiting.live.waitingByMode.video, 1);

    const b = await connect(url);
    await ask(b, 'queue:join', { interests: ['jazz'] });
    const matched = await snapshotWhere<AdminSnapshot>(admin, (s) => s.live.rooms === 1);
    assert.equal(matched.activity.perMinute.matches, 1);
    assert.equal(matched.rooms.length, 1);
    assert.equal(matched.activity.topInterests[0]?.interest, 'jazz');
    assert.ok(!JSON.stringify(matched).includes('127.0.0.1'));

    a.disconnect();
    b.disconnect();
    const gone = await snapshotWhere<AdminSnapshot>(admin, (s) => s.live.online === 0 && s.live.rooms === 0);
    assert.equal(gone.rooms.length, 0);

    const ack = (await admin.timeout(2_000).emitWithAck('snapshot')) as Ack;
    assert.equal(ack.ok, true);
    assert.equal(ack.snapshot?.live.online, 0);
  });

  it('room:end ends the room for both; unknown rooms answer not_found', async () => {
    const url = await start();
    const admin = adminSocket(url);
    await connected(admin);
    const { a, b, aMatch } = await matchPair(url);
    const aLeft = next<{ reason: string }>(a, 'partner:left');
    const bLeft = next<{ reason: string }>(b, 'partner:left');
    const ack = (await admin.timeout(2_000).emitWithAck('room:end', { roomId: aMatch.roomId })) as Ack;
    assert.equal(ack.ok, true);
    assert.deepEqual(await aLeft, { reason: 'ended' });
    assert.deepEqual(await bLeft, { reason: 'ended' });
    const missing = (await admin.timeout(2_000).emitWithAck('room:end', { roomId: aMatch.roomId })) as Ack;
    assert.deepEqual(missing.error?.code, 'not_found');
    const bad = (await admin.timeout(2_000).emitWithAck('room:end', 42)) as Ack;
    assert.deepEqual(bad.error?.code, 'invalid_request');
  });

  it('ban:add kicks the client and refuses it with banned; ban:lift lets it back', async () => {
    const url = await start();
    const admin = adminSocket(url);
    await connected(admin);
    const { a } = await matchPair(url, {});
    void a;
    const snapshot = await snapshotWhere<AdminSnapshot>(admin, (s) => s.rooms.length === 1);
    const room = snapshot.rooms[0]!;
    // Which member is `a`? Use the server's own records (they carry connection ids).
    const records = await server.current!.server.admin.listRooms();
    const aKey = records[0]!.members.find((m) => m.id === a.id)!.clientKey;
    const member = room.members.find((m) => m.clientKey === aKey)!;
    assert.ok(member);

    const invalid = (await admin.timeout(2_000).emitWithAck('ban:add', { clientKey: member.clientKey, durationMs: 1 })) as Ack;
    assert.equal(invalid.error?.code, 'invalid_request');

    const kicked = new Promise<string>((resolve) => a.once('disconnect', resolve));
    const ack = (await admin.timeout(2_000).emitWithAck('ban:add', { clientKey: member.clientKey, durationMs: 600_000 })) as Ack;
    assert.equal(ack.ok, true);
    assert.equal(ack.disconnected, 1);
    assert.equal(await kicked, 'io server disconnect');
    const listed = await snapshotWhere<AdminSnapshot>(admin, (s) => s.bans.length === 1);
    assert.equal(listed.activeBans, 1);
    assert.equal(listed.bans[0]!.key, member.clientKey);
    assert.equal(listed.activity.totals.bans, 1);

    // `matchPair` clients have no clientId, so a reconnect is a new client: ban by IP to test refusal.
    const ipAck = (await admin.timeout(2_000).emitWithAck('ban:add', { ipKey: member.ipKey, durationMs: 600_000 })) as Ack;
    assert.equal(ipAck.ok, true);
    const refused = await refusal(url);
    assert.equal(refused.data?.code, 'banned');
    for (const ban of ipAck.bans ?? []) {
      const lifted = (await admin.timeout(2_000).emitWithAck('ban:lift', { id: ban.id })) as Ack;
      assert.equal(lifted.ok, true);
    }
    await connect(url);
    const gone = (await admin.timeout(2_000).emitWithAck('ban:lift', { id: 'no-such-ban' })) as Ack;
    assert.equal(gone.error?.code, 'not_found');
  });
});
