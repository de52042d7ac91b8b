import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActivityStats } from '../src/admin/activity-stats.js';
import { combineActivity } from '../src/admin/admin-service.js';
import { banAdmission, MemoryBanList } from '../src/moderation/ban-list.js';

describe('ActivityStats (dashboard numbers)', () => {
  it('counts per minute over a rolling 60 s window', () => {
    let now = 1_000_000;
    const stats = new ActivityStats({ now: () => now });
    stats.matched('video', [100, 300], []);
    stats.messageRelayed();
    stats.eventRejected('chat:message', 'rate_limited');
    stats.connectionRefused('rate_limited');
    stats.connectionRefused('origin_not_allowed');
    let s = stats.snapshot();
    assert.equal(s.perMinute.matches, 1);
    assert.equal(s.perMinute.messages, 1);
    assert.equal(s.perMinute.rateLimited, 2);
    assert.equal(s.totals.refused, 2);
    now += 30_000;
    stats.matched('text', [], []);
    assert.equal(stats.snapshot().perMinute.matches, 2);
    now += 31_000;
    s = stats.snapshot();
    assert.equal(s.perMinute.matches, 1, 'the first match fell out of the window');
    assert.equal(s.totals.matches, 2);
    now += 120_000;
    assert.equal(stats.snapshot().perMinute.matches, 0);
  });

  it('reports average and p95 wait over its window, with a bounded sample buffer', () => {
    let now = 0;
    const stats = new ActivityStats({ now: () => now, maxWaitSamples: 100, waitWindowMs: 60_000 });
    assert.deepEqual(stats.snapshot().wait, { samples: 0, avgMs: null, p95Ms: null, windowMs: 60_000 });
    for (let i = 1; i <= 100; i++) stats.matched('video', [i * 10], []);
    let { wait } = stats.snapshot();
    assert.equal(wait.samples, 100);
    assert.equal(wait.avgMs, 505);
    assert.equal(wait.p95Ms, 950);
    for (let i = 0; i < 1000; i++) stats.matched('video', [5], []);
    ({ wait } = stats.snapshot());
    assert.equal(wait.samples, 100, 'only the newest samples are kept');
    assert.equal(wait.avgMs, 5);
    now += 61_000;
    assert.equal(stats.snapshot().wait.samples, 0, 'old samples leave the window');
  });

  it('ranks top interests over two generations, with a cap on distinct interests', () => {
    let now = 0;
    const stats = new ActivityStats({ now: () => now, maxInterests: 3, interestGenerationMs: 1_000, topInterests: 2 });
    stats.queued('video', ['a', 'b']);
    stats.queued('video', ['b', 'c', 'd']); // d is over the cap
    assert.deepEqual(stats.snapshot().topInterests, [{ interest: 'b', count: 2 }, { interest: 'a', count: 1 }]);
    now = 1_500;
    stats.queued('text', ['c', 'c2']);
    assert.deepEqual(stats.snapshot().topInterests, [{ interest: 'b', count: 2 }, { interest: 'c', count: 2 }]);
    now = 10_000;
    assert.deepEqual(stats.snapshot().topInterests, [], 'long idle: nothing recent');
    assert.equal(stats.snapshot().totals.joins, 3);
  });

  it('combines processes: sums rates, weights the average, takes the highest p95', () => {
    const one = new ActivityStats();
    const two = new ActivityStats();
    one.matched('video', [100, 100], []);
    two.matched('video', [400], []);
    one.queued('video', ['x']);
    two.queued('video', ['x', 'y']);
    const all = combineActivity([one.snapshot(), two.snapshot()]);
    assert.equal(all.perMinute.matches, 2);
    assert.equal(all.wait.samples, 3);
    assert.equal(all.wait.avgMs, 200);
    assert.equal(all.wait.p95Ms, 400);
    assert.deepEqual(all.topInterests, [{ interest: 'x', count: 2 }, { interest: 'y', count: 1 }]);
  });
});

describe('MemoryBanList', () => {
  it('bans keys for a time, replaces, lifts, expires, and lists soonest first', async () => {
    let now = 1_000;
    const bans = new MemoryBanList({ now: () => now });
    const long = await bans.ban('client:aaa', 10_000, 'spam');
    const short = await bans.ban('ip:bbb', 1_000);
    assert.deepEqual(await bans.isBanned('client:aaa'), { until: 11_000 });
    assert.deepEqual((await bans.list()).map((b) => b.id), [short.id, long.id]);
    const replaced = await bans.ban('client:aaa', 5_000);
    assert.equal((await bans.list()).length, 2);
    assert.equal(await bans.lift(long.id), false, 'the replaced ban is gone');
    now += 1_000;
    assert.equal(await bans.isBanned('ip:bbb'), null, 'expired');
    assert.equal(await bans.lift(replaced.id), true);
    assert.equal(await bans.isBanned('client:aaa'), null);
    assert.deepEqual(await bans.list(), []);
    await assert.rejects(bans.ban('client:x', 0), RangeError);
  });

  it('keeps at most maxBans, dropping the one that runs out soonest', async () => {
    const bans = new MemoryBanList({ maxBans: 2 });
    await bans.ban('client:1', 1_000);
    await bans.ban('client:2', 60_000);
    await bans.ban('client:3', 30_000);
    assert.deepEqual((await bans.list()).map((b) => b.key), ['client:3', 'client:2']);
  });

  it('admission refuses a banned client or IP with banned and the time left', async () => {
    let now = 0;
    const bans = new MemoryBanList({ now: () => now });
    const check = banAdmission(bans, () => now);
    const context = { clientKey: 'c1', ipKey: 'i1', siteKey: undefined, origin: undefined, captchaToken: undefined, termsAccepted: undefined };
    assert.equal(await check(context), undefined);
    await bans.ban('ip:i1', 60_000);
    await bans.ban('client:c1', 30_000);
    now = 10_000;
    assert.deepEqual(await check(context), { code: 'banned', message: 'This client is banned from this server.', retryAfterMs: 50_000 });
    assert.equal(await check({ ...context, clientKey: 'c2', ipKey: 'i2' }), undefined);
  });
});
