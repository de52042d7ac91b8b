/**
 * The room directory's contract as a reusable node:test suite, run against every implementation
 * (memory, Redis). It awaits every call, so synchronous and asynchronous directories run the
 * same tests.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { RoomDirectory, RoomRecord } from '../src/rooms/room-directory.js';

/** Makes a fresh, empty room directory. */
export type RoomDirectoryFactory = () => RoomDirectory | Promise<RoomDirectory>;

let rooms = 0;
/** A room of two members (ids `<id>-a`, `<id>-b` unless given). */
function room(id: string, a = `${id}-a`, b = `${id}-b`): RoomRecord {
  return {
    id,
    members: [{ id: a, clientKey: `ck-${a}`, ipKey: `ip-${a}` }, { id: b, clientKey: `ck-${b}`, ipKey: '' }],
    mode: 'video',
    createdAt: 1_000_000 + ++rooms,
  };
}

/** Register the conformance suite for one room directory. */
export function roomDirectoryConformance(name: string, create: RoomDirectoryFactory, cleanup?: () => Promise<void>): void {
  describe(`RoomDirectory conformance: ${name}`, () => {
    if (cleanup !== undefined) afterEach(cleanup);

    it('records a room: both members find it, by member and by id, as it was written', async () => {
      const dir = await create();
      const r = room('r1');
      await dir.open(r);
      assert.deepEqual(await dir.roomOf('r1-a'), r);
      assert.deepEqual(await dir.roomOf('r1-b'), r);
      assert.deepEqual(await dir.get('r1'), r);
      assert.equal(await dir.roomOf('nobody'), undefined);
      assert.equal(await dir.get('no-room'), undefined);
      assert.equal(await dir.count(), 1);
    });

    it('refuses a member who is in a room already, and a room with itself', async () => {
      const dir = await create();
      await dir.open(room('r1'));
      await assert.rejects(async () => dir.open(room('r2', 'r1-b', 'r2-b')));
      await assert.rejects(async () => dir.open(room('r3', 'same', 'same')));
      assert.equal(await dir.roomOf('r2-b'), undefined, 'a refused room leaves nothing behind');
      assert.equal(await dir.get('r2'), undefined);
      assert.equal(await dir.count(), 1);
    });

    it('closes a room once: the closer gets the record, members are free, the room is their last', async () => {
      const dir = await create();
      const r = room('r1');
      await dir.open(r);
      await dir.open(room('r2'));
      assert.deepEqual(await dir.close('r1'), r);
      assert.equal(await dir.close('r1'), undefined);
      assert.equal(await dir.close('no-room'), undefined);
      assert.equal(await dir.roomOf('r1-a'), undefined);
      assert.equal(await dir.get('r1'), undefined);
      assert.deepEqual(await dir.lastRoomOf('r1-a'), r);
      assert.deepEqual(await dir.lastRoomOf('r1-b'), r);
      assert.equal(await dir.lastRoomOf('r2-a'), undefined, 'an open room is nobody’s last room');
      assert.equal(await dir.count(), 1);
      await dir.open(room('r3', 'r1-a', 'r3-b'));
      assert.equal((await dir.roomOf('r1-a'))?.id, 'r3', 'a freed member may join a new room');
    });

    it('of concurrent closes exactly one gets the record', async () => {
      const dir = await create();
      await dir.open(room('r1'));
      const results = await Promise.all([dir.close('r1'), dir.close('r1'), dir.close('r1')]);
      assert.equal(results.filter((r) => r !== undefined).length, 1);
    });

    it('marks a member away and back, answering whether it was away; only members of an open room', async () => {
      const dir = await create();
      await dir.open(room('r1'));
      assert.equal(await dir.setAway('r1-a', true), false);
      assert.equal(await dir.setAway('r1-a', true), true);
      assert.equal(await dir.setAway('r1-a', false), true, 'the first to bring it back wins');
      assert.equal(await dir.setAway('r1-a', false), false);
      assert.equal(await dir.setAway('nobody', true), false);
      assert.equal(await dir.setAway('nobody', false), false, 'a connection outside a room is never away');
      assert.equal(await dir.setAway('r1-b', true), false);
      await dir.close('r1');
      assert.equal(await dir.setAway('r1-b', false), false, 'closing a room clears its away flags');
    });

    it('counts and lists open rooms, oldest first, up to a limit', async () => {
      const dir = await create();
      assert.equal(await dir.count(), 0);
      assert.deepEqual(await dir.list(10), []);
      const made = [room('r1'), room('r2'), room('r3')];
      for (const r of made) await dir.open(r);
      assert.equal(await dir.count(), 3);
      assert.deepEqual((await dir.list(10)).map((r) => r.id), ['r1', 'r2', 'r3']);
      assert.deepEqual((await dir.list(2)).map((r) => r.id), ['r1', 'r2']);
      assert.deepEqual(await dir.list(0), []);
      await dir.close('r2');
      assert.deepEqual(await dir.list(10), [made[0], made[2]]);
    });
  });
}
