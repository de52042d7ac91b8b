// Cluster mode: reports, bans and blocks are shared by every process (real `novu-chat-server`
// processes) through one real Redis.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { RedisBanList } from '../src/redis/redis-ban-list.ts';
import { RedisReportCounter } from '../src/redis/redis-report-counter.ts';
import { startRedis, type TestRedis } from '@novu-chat/test-support/redis';
import { startServerProcess, type ServerProcess } from '@novu-chat/test-support/processes';
import { ask, closeAll, connect, next, record, refusal, settle } from '@novu-chat/test-support/clients';

const SECRETS = { ADMIN_TOKEN: 'cluster-admin-token-0123456789', HASH_SALT: 'cluster-moderation-salt' };

function user(url: string, clientId: string, ip: string): Promise<Socket> {
  return connect(url, { v: 1, clientId }, { extraHeaders: { 'x-forwarded-for': ip } });
}

async function meet(a: Socket, b: Socket): Promise<void> {
  const found = [next<{ roomId: string }>(a, 'match:found'), next<{ roomId: string }>(b, 'match:found')];
  await ask(a, 'queue:join', {});
  await ask(b, 'queue:join', {});
  assert.equal((await found[0]!).roomId, (await found[1]!).roomId);
}

describe('moderation in cluster mode (Redis)', () => {
  let redis: TestRedis;
  let client: Redis;
  let servers: ServerProcess[] = [];
  before(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });
  after(async () => {
    client.disconnect();
    await redis.close();
  });
  afterEach(async () => {
    closeAll();
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    servers = [];
  });

  /** Two server processes on one Redis and a fresh key prefix. */
  async function twoServers(extra: Record<string, string> = {}): Promise<[ServerProcess, ServerProcess, string]> {
    const prefix = `m${Math.random().toString(36).slice(2, 8)}:`;
    const env = { ...SECRETS, REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, TRUST_PROXY: '1', REPEAT_AVOID_MS: '0', ...extra };
    const started = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    servers.push(...started);
    return [started[0]!, started[1]!, prefix];
  }

  it('counts reports made on different processes together, and the ban holds on every process', async () => {
    const [one, two, prefix] = await twoServers({ REPORT_BAN_THRESHOLD: '2', BAN_DURATION_MS: '300000' });
    const subject = await user(one.url, 'c-subject', '10.9.0.9');
    const r1 = await user(one.url, 'c-rep-1', '10.9.0.1');
    await meet(subject, r1);
    assert.deepEqual(await ask(r1, 'report', { reason: 'spam' }), { ok: true });
    const r2 = await user(two.url, 'c-rep-2', '10.9.0.2');
    await meet(subject, r2);
    const kicked = next(subject, 'disconnect');
    assert.deepEqual(await ask(r2, 'report', { reason: 'harassment' }), { ok: true });
    await kicked;
    for (const srv of [one, two]) {
      const refused = await refusal(srv.url, { v: 1, clientId: 'c-subject' }, { extraHeaders: { 'x-forwarded-for': '10.9.0.77' } });
      assert.equal(refused.data?.code, 'banned');
      assert.ok((refused.data?.retryAfterMs ?? 0) > 290_000);
    }
    const keys = await client.keys(`${prefix}ban:*`);
    assert.equal(keys.length, 2, 'the client and the IP key are banned in Redis');
  });

  it('keeps a blocked pair apart on every process, across reconnects', async () => {
    const [one, two] = await twoServers();
    const a = await user(one.url, 'c-block-a', '10.8.0.1');
    const b = await user(two.url, 'c-block-b', '10.8.0.2');
    await meet(a, b);
    assert.deepEqual(await ask(a, 'block'), { ok: true });
    a.disconnect();
    b.disconnect();
    const a2 = await user(two.url, 'c-block-a', '10.8.0.1');
    const b2 = await user(one.url, 'c-block-b', '10.8.0.2');
    const seen = [record(a2, 'match:found'), record(b2, 'match:found')];
    await ask(a2, 'queue:join', {});
    await ask(b2, 'queue:join', {});
    await settle(300);
    assert.deepEqual(seen.map((s) => s.length), [0, 0]);
    const c = await user(one.url, 'c-block-c', '10.8.0.3');
    await ask(c, 'queue:join', {});
    await settle(300);
    assert.equal(seen[0]!.length + seen[1]!.length, 1, 'a third client is matched with one of them');
  });

  it('RedisReportCounter: distinct reporters in a sliding window, shared by two instances', async () => {
    let now = 1_000_000;
    const prefix = `rc${Math.random().toString(36).slice(2, 8)}:`;
    const first = new RedisReportCounter(client, prefix, () => now);
    const second = new RedisReportCounter(client, prefix, () => now);
    assert.equal(await first.add('s', 'ip:1', 1_000), 1);
    assert.equal(await second.add('s', 'ip:1', 1_000), 1, 'the same reporter counts once');
    now += 500;
    assert.equal(await second.add('s', 'ip:2', 1_000), 2);
    now += 600; // ip:1 (at 1 000 000) has lapsed
    assert.equal(await first.add('s', 'ip:3', 1_000), 2);
    assert.ok((await client.pttl(`${prefix}reports:s`)) > 0, 'the key expires');
    await first.clear('s');
    assert.equal(await second.add('s', 'ip:3', 1_000), 1);
  });

  it('RedisBanList: ban, replace, list, lift and expiry', async () => {
    const prefix = `bl${Math.random().toString(36).slice(2, 8)}:`;
    const bans = new RedisBanList(client, prefix);
    const other = new RedisBanList(client, prefix);
    const first = await bans.ban('client:aaa', 60_000, 'first');
    const ipBan = await bans.ban('ip:bbb', 30_000);
    assert.ok((await other.isBanned('client:aaa'))!.until === first.until);
    const replaced = await other.ban('client:aaa', 120_000, 'second');
    assert.notEqual(replaced.id, first.id);
    assert.equal(await bans.lift(first.id), false, 'the replaced ban is gone');
    const listed = await bans.list();
    assert.deepEqual(listed.map((b) => [b.key, b.note]), [['ip:bbb', undefined], ['client:aaa', 'second']], 'soonest to run out first');
    assert.equal(await other.lift(ipBan.id), true);
    assert.equal(await bans.isBanned('ip:bbb'), null);
    assert.equal(await bans.lift(ipBan.id), false);
    await bans.ban('client:short', 50);
    await settle(120);
    assert.equal(await bans.isBanned('client:short'), null, 'an expired ban counts as lifted');
    assert.deepEqual((await bans.list()).map((b) => b.key), ['client:aaa']);
  });
});
