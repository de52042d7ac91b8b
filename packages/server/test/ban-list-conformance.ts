/**
 * The ban list's contract as a reusable node:test suite, run against every implementation
 * (memory, Redis). Time comes only from the injected clock.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { banOf, MAX_BAN_MS, type BanList } from '../src/moderation/ban-list.js';
import { StoreClock } from './store-clock.js';

/** Makes a fresh, empty ban list reading the given clock. */
export type BanListFactory = (now: () => number) => BanList | Promise<BanList>;

/** Register the conformance suite for one ban list. */
export function banListConformance(name: string, create: BanListFactory, cleanup?: () => Promise<void>): void {
  const setup = async () => {
    const clock = new StoreClock();
    return { clock, bans: await create(clock.now) };
  };

  describe(`BanList conformance: ${name}`, () => {
    if (cleanup !== undefined) afterEach(cleanup);

    it('bans a key until now + duration; other keys are not banned', async () => {
      const { clock, bans } = await setup();
      const ban = await bans.ban('client:aaa', 60_000, 'spam');
      assert.equal(ban.key, 'client:aaa');
      assert.equal(ban.createdAt, clock.now());
      assert.equal(ban.until, clock.now() + 60_000);
      assert.equal(ban.note, 'spam');
      assert.deepEqual(await bans.isBanned('client:aaa'), { until: ban.until });
      assert.equal(await bans.isBanned('client:bbb'), null);
      assert.equal(await bans.isBanned('ip:aaa'), null, 'client and IP keys are distinct');
    });

    it('a second ban of the same key replaces the first', async () => {
      const { bans } = await setup();
      const first = await bans.ban('ip:k', 60_000, 'first');
      const second = await bans.ban('ip:k', 120_000, 'second');
      assert.notEqual(second.id, first.id);
      assert.deepEqual(await bans.isBanned('ip:k'), { until: second.until });
      assert.equal(await bans.lift(first.id), false, 'the replaced ban is gone');
      assert.deepEqual((await bans.list()).map((b) => [b.id, b.note]), [[second.id, 'second']]);
    });

    it('lists bans in force, soonest to run out first', async () => {
      const { bans } = await setup();
      await bans.ban('client:long', 300_000);
      await bans.ban('ip:short', 60_000, 'note');
      await bans.ban('client:mid', 120_000);
      const listed = await bans.list();
      assert.deepEqual(listed.map((b) => b.key), ['ip:short', 'client:mid', 'client:long']);
      assert.equal(listed[0]?.note, 'note');
      assert.equal(listed[1]?.note, undefined);
    });

    it('an expired ban counts as lifted: not banned, not listed, cannot be lifted', async () => {
      const { clock, bans } = await setup();
      const short = await bans.ban('client:short', 60_000);
      await bans.ban('client:long', 600_000);
      clock.advance(60_000);
      assert.equal(await bans.isBanned('client:short'), null, 'a ban runs out at exactly its until');
      assert.deepEqual((await bans.list()).map((b) => b.key), ['client:long']);
      assert.equal(await bans.lift(short.id), false);
    });

    it('lifts a ban by id once', async () => {
      const { bans } = await setup();
      const ban = await bans.ban('ip:x', 60_000);
      assert.equal(await bans.lift(ban.id), true);
      assert.equal(await bans.isBanned('ip:x'), null);
      assert.equal(await bans.lift(ban.id), false);
      assert.equal(await bans.lift('no-such-id'), false);
      assert.deepEqual(await bans.list(), []);
    });

    it('caps a ban at one year and refuses a duration that is not positive', async () => {
      const { clock, bans } = await setup();
      const ban = await bans.ban('client:forever', 10 * MAX_BAN_MS);
      assert.equal(ban.until, clock.now() + MAX_BAN_MS);
      for (const ms of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await assert.rejects(async () => bans.ban('client:bad', ms), RangeError);
      }
      assert.equal(await bans.isBanned('client:bad'), null);
    });

    it('banOf answers the longer of a connection’s client and IP bans', async () => {
      const { bans } = await setup();
      assert.equal(await banOf(bans, 'c', 'i'), null);
      const ip = await bans.ban('ip:i', 60_000);
      assert.deepEqual(await banOf(bans, 'c', 'i'), { until: ip.until });
      const client = await bans.ban('client:c', 120_000);
      assert.deepEqual(await banOf(bans, 'c', 'i'), { until: client.until });
      assert.deepEqual(await banOf(bans, 'other', 'i'), { until: ip.until });
    });
  });
}
