import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { Manager, io, type Socket } from 'socket.io-client';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { settle } from '@novu-chat/test-support/clients';
import { ADMIN_TOKEN, closeAdminSockets, connected } from '@novu-chat/test-support/admin';
import { captureLogLines } from '@novu-chat/test-support/log-capture';

type Refusal = Error & { data?: { code: string; retryAfterMs?: number } };

/** GET /api/admin/stats with a token, as `ip` (the server trusts one local proxy hop here). */
async function stats(url: string, token: string, ip = '198.51.100.1'): Promise<Response> {
  return fetch(`${url}/api/admin/stats`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip } });
}

const sockets = new Set<Socket>();
/** Open `/admin` with a token as `ip`; resolves the refusal, or undefined when signed in. */
function signIn(url: string, token: string, ip = '198.51.100.1'): Promise<Refusal | undefined> {
  const socket = io(`${url}/admin`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token }, extraHeaders: { 'x-forwarded-for': ip } });
  sockets.add(socket);
  return connected(socket).then(() => undefined, (e: Refusal) => e);
}
function closeSockets(): void {
  for (const socket of sockets) socket.disconnect();
  sockets.clear();
  closeAdminSockets();
}

describe('admin sign-in throttling', () => {
  const server = serverPerTest(closeSockets);
  const start = (extra = {}) => server.start({ adminToken: ADMIN_TOKEN, trustProxy: 1, rateLimitConnections: 1000, ...extra });

  it('refuses an IP after 10 failed API sign-ins, even with the right token; other IPs are unaffected', async () => {
    const { url } = await start();
    for (let i = 0; i < 10; i++) assert.equal((await stats(url, `wrong-token-${i}`)).status, 401);
    const throttled = await stats(url, ADMIN_TOKEN);
    assert.equal(throttled.status, 429);
    assert.ok(Number(throttled.headers.get('retry-after')) > 0);
    assert.equal(((await throttled.json()) as { error: { code: string } }).error.code, 'rate_limited');
    assert.equal((await stats(url, ADMIN_TOKEN, '198.51.100.2')).status, 200, 'another IP');
    // The same /64 is the same network.
    for (let i = 0; i < 10; i++) await stats(url, 'wrong', `2001:db8:7:7::${i + 1}`);
    assert.equal((await stats(url, ADMIN_TOKEN, '2001:db8:7:7::ffff')).status, 429);
  });

  it('closes a kept-alive HTTP connection after 3 failed sign-ins on it', async () => {
    const { url } = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const once = () => new Promise<{ status: number; connection: string | undefined; socket: object }>((resolve, reject) => {
      const req = request(`${url}/api/admin/stats`, { agent, headers: { authorization: 'Bearer wrong', 'x-forwarded-for': '198.51.100.9' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, socket: req.socket! }));
      });
      req.on('error', reject).end();
    });
    try {
      const first = await once();
      const second = await once();
      assert.equal(first.socket, second.socket, 'one kept-alive connection');
      assert.equal(second.connection, 'keep-alive');
      const third = await once();
      assert.equal(third.status, 401);
      assert.equal(third.connection, 'close', 'the third failure on the connection closes it');
    } finally {
      agent.destroy();
    }
  });

  it('refuses an IP after 10 failed namespace sign-ins, even with the right token', async () => {
    const { url } = await start();
    for (let i = 0; i < 10; i++) assert.equal((await signIn(url, `wrong-${i}`))?.data?.code, 'unauthorized');
    const throttled = await signIn(url, ADMIN_TOKEN);
    assert.equal(throttled?.data?.code, 'rate_limited');
    assert.ok((throttled?.data?.retryAfterMs ?? 0) > 0);
    assert.equal(await signIn(url, ADMIN_TOKEN, '198.51.100.2'), undefined, 'another IP signs in');
  });

  it('closes an engine.io connection after 3 failed namespace sign-ins on it', async () => {
    const { url } = await start();
    const manager = new Manager(url, { transports: ['websocket'], reconnection: false, extraHeaders: { 'x-forwarded-for': '198.51.100.5' } });
    const closed = new Promise<string>((resolve) => manager.on('close', (reason) => resolve(String(reason))));
    // A chat connection on the same engine.io connection keeps the client from closing it itself.
    const chat = manager.socket('/', { auth: { v: 1 } });
    await connected(chat);
    try {
      for (let i = 0; i < 3; i++) {
        const socket = manager.socket('/admin', { auth: { token: `wrong-${i}` } });
        const error = await new Promise<Refusal>((resolve) => socket.once('connect_error', (e) => resolve(e as Refusal)));
        assert.equal(error.data?.code, 'unauthorized');
      }
      assert.match(await Promise.race([closed, settle(3_000).then(() => 'still open')]), /transport close/);
    } finally {
      manager.engine?.close();
    }
  });

  it('logs failures in aggregate: one line at the first, one summary for the rest', async () => {
    const { stream, lines } = captureLogLines();
    const srv2 = await server.start({ adminToken: ADMIN_TOKEN, trustProxy: 1, rateLimitConnections: 1000, logLevel: 'warn' }, { logDestination: stream });
    for (let i = 0; i < 12; i++) await stats(srv2.url, 'wrong', `198.51.100.${10 + (i % 4)}`);
    for (let i = 0; i < 8; i++) await signIn(srv2.url, 'wrong', `198.51.100.${20 + (i % 2)}`);
    await settle(100);
    const refused = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'admin: sign-in refused');
    assert.equal(refused().length, 1, 'one line so far, not one per failure');
    assert.equal(refused()[0]?.failures, 1);
    await srv2.close();
    await settle(100);
    assert.equal(refused().length, 2, 'the summary, flushed on shutdown');
    assert.equal(refused()[1]?.failures, 19);
    assert.equal(refused()[1]?.networks, 6);
    for (const line of refused()) assert.ok(!JSON.stringify(line).includes('198.51.100'), 'no IP in the log');
  });
});
