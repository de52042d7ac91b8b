import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startRedis, type TestRedis } from '@novu-chat/test-support/redis';
import { startServerProcess, type ServerProcess } from '@novu-chat/test-support/processes';
import { ask, closeAll, connect, next, record, settle, type MatchFound } from '@novu-chat/test-support/clients';
import { until } from '@novu-chat/test-support/wait';

const SECRETS = { ADMIN_TOKEN: 'cluster-admin-token-0123456789', HASH_SALT: 'cluster-test-salt' };

describe('cluster mode: several processes share one Redis', () => {
  let redis: TestRedis;
  let servers: ServerProcess[] = [];
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis.close();
  });
  afterEach(async () => {
    closeAll();
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    servers = [];
  });

  /** Start n processes on a fresh key prefix (so tests do not see each other's keys). */
  async function cluster(n: number, env: Record<string, string> = {}): Promise<ServerProcess[]> {
    const prefix = `t${Math.random().toString(36).slice(2, 8)}:`;
    const started = await Promise.all(
      Array.from({ length: n }, () => startServerProcess({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, ...SECRETS, ...env })),
    );
    servers.push(...started);
    return started;
  }

  it('refuses to start without the shared secrets', async () => {
    await assert.rejects(startServerProcess({ REDIS_URL: redis.url }), /ADMIN_TOKEN is required in cluster mode/);
    await assert.rejects(startServerProcess({ REDIS_URL: redis.url, ADMIN_TOKEN: SECRETS.ADMIN_TOKEN }), /HASH_SALT is required/);
  });

  it('matches clients on different processes and relays offer, answer, ICE, chat and typing both ways', async () => {
    const [one, two] = await cluster(2);
    assert.ok(one && two);
    const a = await connect(one.url);
    const b = await connect(two.url);
    const aFound = next<MatchFound>(a, 'match:found');
    const bFound = next<MatchFound>(b, 'match:found');
    await ask(a, 'queue:join', { interests: ['music'] });
    await ask(b, 'queue:join', { interests: ['music', 'art'] });
    const [am, bm] = [await aFound, await bFound];
    assert.equal(am.roomId, bm.roomId);
    assert.equal(am.initiator !== bm.initiator, true);
    assert.deepEqual(am.commonInterests, ['music']);

    const offer = next(b, 'signal:receive');
    await ask(a, 'signal:offer', { sdp: 'offer-sdp' });
    assert.deepEqual(await offer, { type: 'offer', payload: { sdp: 'offer-sdp' } });
    const answer = next(a, 'signal:receive');
    await ask(b, 'signal:answer', { sdp: 'answer-sdp' });
    assert.deepEqual(await answer, { type: 'answer', payload: { sdp: 'answer-sdp' } });
    const ice = next(a, 'signal:receive');
    await ask(b, 'signal:ice', { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    assert.equal(((await ice) as { type: string }).type, 'ice-candidate');
    const message = next<{ text: string }>(b, 'chat:message');
    await ask(a, 'chat:message', { text: 'across processes' });
    assert.equal((await message).text, 'across processes');
    const reply = next<{ text: string }>(a, 'chat:message');
    await ask(b, 'chat:message', { text: 'and back' });
    assert.equal((await reply).text, 'and back');
    const typing = next(b, 'chat:typing');
    await ask(a, 'chat:typing', { typing: true });
    assert.deepEqual(await typing, { typing: true });

    // "next" on one process tells the partner on the other.
    const left = next(b, 'partner:left');
    await ask(a, 'queue:join', {});
    assert.deepEqual(await left, { reason: 'skipped' });
    // Repeat avoidance is shared: b does not meet a again at once.
    const bSeen = record(b, 'match:found');
    await ask(b, 'queue:join', {});
    await settle(300);
    assert.equal(bSeen.length, 0);
  });

  it('aggregates the admin view across processes: stats and each process', async () => {
    const [one, two] = await cluster(2);
    assert.ok(one && two);
    const a = await connect(one.url);
    const b = await connect(two.url);
    const c = await connect(two.url);
    const found = next(a, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await found;
    await ask(c, 'queue:join', { mode: 'text' });
    const admin = (path: string) => fetch(`${one.url}/api/admin/${path}`, { headers: { authorization: `Bearer ${SECRETS.ADMIN_TOKEN}` } }).then((r) => r.json());
    await until(async () => {
      const stats = (await admin('stats')) as { online: number; waiting: number; rooms: number };
      return stats.online === 3 && stats.waiting === 1 && stats.rooms === 1;
    }, 5_000, 'cluster-wide stats (3 online, 1 waiting, 1 room)');
    const { processes } = (await admin('processes')) as { processes: unknown[] };
    assert.equal(processes.length, 2, 'both processes answer the admin view');
  });

  it('keeps the invariants with hundreds of concurrent joins over three processes', async () => {
    const procs = await cluster(3);
    const count = 300;
    const clients: { socket: Socket; mode: string; matches: MatchFound[]; index: number }[] = [];
    for (let i = 0; i < count; i++) {
      const proc = procs[i % procs.length];
      assert.ok(proc);
      const socket = await connect(proc.url, { v: 1, clientId: `c${i}` });
      const client = { socket, mode: i % 3 === 0 ? 'text' : 'video', matches: [] as MatchFound[], index: i };
      socket.on('match:found', (m: MatchFound) => client.matches.push(m));
      clients.push(client);
    }
    await Promise.all(clients.map((c) => ask(c.socket, 'queue:join', { mode: c.mode })));
    const expected = clients.filter((c) => c.mode === 'text').length % 2 + clients.filter((c) => c.mode === 'video').length % 2;
    await until(() => clients.filter((c) => c.matches.length === 0).length === expected, 10_000, 'everyone to be matched');
    await settle(300);
    const rooms = new Map<string, typeof clients>();
    for (const c of clients) {
      assert.ok(c.matches.length <= 1, `client ${c.index} matched ${c.matches.length} times`);
      const m = c.matches[0];
      if (!m) continue;
      rooms.set(m.roomId, [...(rooms.get(m.roomId) ?? []), c]);
    }
    for (const [roomId, members] of rooms) {
      assert.equal(members.length, 2, `room ${roomId}`);
      const [x, y] = members;
      assert.ok(x && y);
      assert.notEqual(x.index, y.index);
      assert.equal(x.mode, y.mode);
      assert.equal(x.matches[0]?.initiator !== y.matches[0]?.initiator, true);
    }
  });

  it('a client whose transport drops resumes its room on another process', async () => {
    const [one, two] = await cluster(2, { RESUME_GRACE_MS: '5000' });
    assert.ok(one && two);
    const a = await connect(one.url, { v: 1 }, { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    const b = await connect(two.url);
    const found = next(a, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await found;
    const reconnecting = next(b, 'partner:reconnecting');
    const reconnected = next(b, 'partner:reconnected');
    const resumed = new Promise<boolean>((resolve) => a.once('connect', () => resolve(a.recovered)));
    // Drop the transport and come back through "another node of the load balancer".
    (a.io as unknown as { uri: string }).uri = two.url;
    a.io.engine.close();
    await reconnecting;
    assert.equal(await resumed, true, 'the session is recovered from Redis on the other process');
    await reconnected;
    const got = next<{ text: string }>(b, 'chat:message');
    await ask(a, 'chat:message', { text: 'same room, new process' });
    assert.equal((await got).text, 'same room, new process');
    // The room's record follows the member: killing its first process does not end the room.
    await one.stop('SIGKILL');
    const bLeft = record(b, 'partner:left');
    await settle(8_000);
    assert.deepEqual(bLeft, [], 'the room survives the death of the process the client left');
    const again = next<{ text: string }>(a, 'chat:message');
    await ask(b, 'chat:message', { text: 'still here' });
    assert.equal((await again).text, 'still here');
  });

  it('a killed process leaves no ghosts: its waiting users are swept and its partners are told', async () => {
    const [one, two] = await cluster(2);
    assert.ok(one && two);
    // a (on one) is matched with b (on two); w (on two) waits in text mode.
    const a = await connect(two.url);
    const b = await connect(one.url);
    const found = next(a, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await found;
    const w = await connect(two.url);
    await ask(w, 'queue:join', { mode: 'text' });
    const left = next(b, 'partner:left', 15_000);
    const started = Date.now();
    await two.stop('SIGKILL');
    assert.deepEqual(await left, { reason: 'disconnected' });
    const took = Date.now() - started;
    assert.ok(took < 10_000, `partner told after ${took} ms`);
    // The dead process's waiting user is never handed out.
    await until(async () => {
      const res = await fetch(`${one.url}/api/admin/stats`, { headers: { authorization: `Bearer ${SECRETS.ADMIN_TOKEN}` } });
      const body = (await res.json()) as { waiting: number };
      return body.waiting === 0;
    }, 10_000, 'the dead process’s queue entry to be swept');
    const t = await connect(one.url);
    const seen = record(t, 'match:found');
    await ask(t, 'queue:join', { mode: 'text' });
    await settle(300);
    assert.equal(seen.length, 0);
  });

  it('reports not-ready while Redis is down and recovers without a restart', async () => {
    const [one, two] = await cluster(2);
    assert.ok(one && two);
    assert.equal((await fetch(`${one.url}/readyz`)).status, 200);
    await redis.stop();
    await until(async () => (await fetch(`${one.url}/readyz`)).status === 503, 10_000, 'readyz to say 503');
    assert.deepEqual(await (await fetch(`${one.url}/readyz`)).json(), { status: 'redis-down' });
    assert.equal((await fetch(`${one.url}/healthz`)).status, 200, 'the process itself stays alive');
    await redis.start();
    await until(async () => (await fetch(`${one.url}/readyz`)).status === 200 && (await fetch(`${two.url}/readyz`)).status === 200, 15_000, 'readyz to recover');
    const a = await connect(one.url);
    const b = await connect(two.url);
    const found = next(b, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await found;
    const got = next<{ text: string }>(b, 'chat:message');
    await ask(a, 'chat:message', { text: 'after the blip' });
    assert.equal((await got).text, 'after the blip');
  });
});
