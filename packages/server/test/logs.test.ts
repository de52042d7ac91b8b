import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createNovuServer } from '@novu-chat/server';
import { TEST_DEFAULTS } from '@novu-chat/test-support/server';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, closeAll, connect, matchPair, next, refusal, settle } from '@novu-chat/test-support/clients';
import { ADMIN_TOKEN, adminApi, adminSocket, closeAdminSockets, connected } from '@novu-chat/test-support/admin';
import { captureLogLines } from '@novu-chat/test-support/log-capture';

describe('structured logs', () => {
  const server = serverPerTest(closeAdminSockets);

  it('are JSON lines with connection ids and hashed keys; never message text, SDP or a raw IP', async () => {
    const { stream, lines } = captureLogLines();
    const srv = await server.start({ logLevel: 'trace', adminToken: ADMIN_TOKEN, rateLimitConnections: 6, rateLimitMessages: 2 }, { logDestination: stream });
    const secret = 'my secret message 4f9c2e';
    const sdp = 'v=0 o=- secret-sdp-77aa';
    const { a, b, aMatch } = await matchPair(srv.url, { interests: ['privacy'] });
    const aId = a.id;
    await ask(a, 'signal:offer', { sdp });
    const got = next(b, 'chat:message');
    await ask(a, 'chat:message', { text: secret });
    await got;
    await ask(a, 'chat:message', { text: `${secret} again` });
    await ask(a, 'chat:message', { text: `${secret} rate limited` }); // rejected: rate_limited
    a.emit('chat:message', { text: '' }); // rejected: rate_limited again, unanswered within the same window
    a.emit('no:such:event', { text: secret });
    // Operators' actions and refusals are logged too.
    const admin = adminSocket(srv.url, 'wrong-token');
    await connected(admin).catch(() => undefined);
    await adminApi(srv.url, `/rooms/${aMatch.roomId}`, { method: 'DELETE' });
    const records = await srv.server.admin.listRooms();
    assert.equal(records.length, 0);
    await adminApi(srv.url, '/bans', { method: 'POST', body: { clientKey: 'cd'.repeat(12), durationMs: 60_000 } });
    for (let i = 0; i < 5; i++) await connect(srv.url).catch(() => undefined);
    assert.equal((await refusal(srv.url)).data?.code, 'rate_limited');
    a.disconnect();
    b.disconnect();
    await settle(200);

    assert.ok(lines.length > 10, `captured ${lines.length} lines`);
    for (const line of lines) {
      const record = JSON.parse(line) as Record<string, unknown>;
      assert.equal(typeof record.level, 'number');
      assert.equal(typeof record.msg, 'string');
      assert.ok(!line.includes('secret'), `message text or SDP in: ${line}`);
      assert.ok(!line.includes('127.0.0.1'), `raw IP in: ${line}`);
      assert.ok(!/::ffff:|"remoteAddress"|x-forwarded-for/i.test(line), `network detail in: ${line}`);
    }
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const connectedLines = parsed.filter((r) => r.msg === 'connected');
    assert.ok(connectedLines.some((r) => r.conn === aId), 'the connection id is logged');
    for (const r of connectedLines) assert.match(String(r.ip), /^[0-9a-f]{24}$/, 'IPs appear as keyed hashes only');
    assert.ok(parsed.some((r) => r.msg === 'event rejected' && r.code === 'rate_limited' && r.conn === aId));
    assert.ok(parsed.some((r) => r.msg === 'connection refused' && r.code === 'rate_limited'));
    assert.ok(parsed.some((r) => r.msg === 'admin: room ended' && r.room === aMatch.roomId));
    assert.ok(parsed.some((r) => r.msg === 'admin: banned'));
    assert.ok(parsed.some((r) => r.msg === 'admin: sign-in refused'));
  });

  it('redact message text, SDP and network details even if a caller passes them', async () => {
    const { stream, lines } = captureLogLines();
    const srv = await server.start({ logLevel: 'info' }, { logDestination: stream });
    srv.server.log.info({ text: 'secret', payload: { sdp: 'secret' }, handshake: { address: 'secret' } }, 'careless');
    await settle(50);
    const line = lines.find((l) => l.includes('careless'));
    assert.ok(line);
    assert.ok(!line.includes('secret'), line);
  });
});

describe('/readyz', () => {
  it('is starting before listen, ready while serving, draining during shutdown', async () => {
    const server = createNovuServer({ ...TEST_DEFAULTS, shutdownGraceMs: 5_000, rateLimitConnections: 100 });
    // Listen on the raw HTTP server: the Novu server has not started yet.
    await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
    const port = (server.httpServer.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}`;
    let res = await fetch(`${url}/readyz`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: 'starting' });
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));

    const { url: live } = await server.listen(0, '127.0.0.1');
    res = await fetch(`${live}/readyz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ready' });

    const client = await connect(live);
    const shutdown = next(client, 'server:shutdown');
    const closing = server.close(5_000);
    await shutdown;
    res = await fetch(`${live}/readyz`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: 'draining' });
    assert.equal((await fetch(`${live}/healthz`)).status, 200, 'still alive while draining');
    client.disconnect();
    await closing;
    closeAll();
  });
});
