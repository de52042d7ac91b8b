import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { request } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '@novu-chat/test-support/server';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, closeAll, connect, connectLazy, matchPair, next, record, refusal, settle } from '@novu-chat/test-support/clients';

describe('connections', () => {
  const server = serverPerTest();

  it('refuses an origin outside ALLOWED_ORIGINS with origin_not_allowed; allows listed ones, its own and non-browser clients', async () => {
    const srv = await server.start({ allowedOrigins: ['https://site.example'], publicOrigin: 'https://chat.example', rateLimitConnections: 100 });
    const bad = await refusal(srv.url, { v: 1 }, { extraHeaders: { origin: 'https://evil.example' } });
    assert.equal(bad.data?.code, 'origin_not_allowed');
    await connect(srv.url, { v: 1 }, { extraHeaders: { origin: 'https://site.example' } });
    await connect(srv.url, { v: 1 }, { extraHeaders: { origin: 'https://chat.example' } }); // its own (PUBLIC_ORIGIN)
    await connect(srv.url); // no Origin header
  });

  it('never trusts the Host header: a forged Host equal to the Origin is still refused', async () => {
    const srv = await server.start({ allowedOrigins: ['https://site.example'], rateLimitConnections: 100 });
    const forged = await refusal(srv.url, { v: 1 }, { extraHeaders: { origin: 'https://evil.example', host: 'evil.example' } });
    assert.equal(forged.data?.code, 'origin_not_allowed');
    // Without PUBLIC_ORIGIN the server's own address is just another origin outside the list.
    const own = await refusal(srv.url, { v: 1 }, { extraHeaders: { origin: `http://127.0.0.1:${srv.port}` } });
    assert.equal(own.data?.code, 'origin_not_allowed');
    // CORS answers the same way.
    const cors = await new Promise<string | undefined>((resolve, reject) => {
      request(`${srv.url}/healthz`, { headers: { origin: 'https://evil.example', host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.headers['access-control-allow-origin'] as string | undefined);
      }).on('error', reject).end();
    });
    assert.equal(cors, undefined);
  });

  it('allows every origin when ALLOWED_ORIGINS is unset', async () => {
    const srv = await server.start({ rateLimitConnections: 100 });
    await connect(srv.url, { v: 1 }, { extraHeaders: { origin: 'https://anywhere.example' } });
  });

  it('answers CORS for HTTP endpoints only for allowed origins', async () => {
    const srv = await server.start({ allowedOrigins: ['https://site.example'] });
    const ok = await fetch(`${srv.url}/healthz`, { headers: { origin: 'https://site.example' } });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://site.example');
    const bad = await fetch(`${srv.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    assert.equal(bad.headers.get('access-control-allow-origin'), null);
  });

  it('refuses an unsupported protocol version and a malformed handshake', async () => {
    const srv = await server.start({ rateLimitConnections: 100 });
    assert.equal((await refusal(srv.url, { v: 2 })).data?.code, 'unsupported_protocol');
    assert.equal((await refusal(srv.url, { v: 'one' } as never)).data?.code, 'unsupported_protocol');
    assert.equal((await refusal(srv.url, { v: 1, clientId: 'has spaces!' })).data?.code, 'invalid_handshake');
    assert.equal((await refusal(srv.url, { v: 1, clientId: 'x'.repeat(65) })).data?.code, 'invalid_handshake');
    await connect(srv.url, {}); // v defaults to 1
    await connect(srv.url, { v: 1, clientId: 'abc_DEF-123', extra: true } as never); // unknown fields ignored
  });

  it('serves /healthz, /readyz and the demo page; reports draining during shutdown', async () => {
    const srv = await server.start({ shutdownGraceMs: 0 });
    assert.deepEqual(await (await fetch(`${srv.url}/healthz`)).json(), { status: 'ok' });
    const ready = await fetch(`${srv.url}/readyz`);
    assert.equal(ready.status, 200);
    const page = await fetch(`${srv.url}/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<title>Novu Chat/);
    assert.match(html, /<novu-chat /, 'the demo page is the element');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal((await fetch(`${srv.url}/demo.css`)).status, 200);
    const element = await fetch(`${srv.url}/novu-chat.js`);
    assert.equal(element.status, 200, 'the <novu-chat> CDN file');
    assert.equal(element.headers.get('access-control-allow-origin'), '*');
    assert.equal((await fetch(`${srv.url}/nope`)).status, 404);
  });

  it('serves the CDN build\'s lazily loaded files beside /novu-chat.js, immutable, and nothing else by that pattern', async (t) => {
    const srv = await server.start();
    // A file as the code-split CDN build writes them, in the directory the server serves.
    const name = `novu-chat-test-${process.pid}-a1B2c3.js`;
    const path = fileURLToPath(new URL(`../../elements/dist/cdn/${name}`, import.meta.url));
    writeFileSync(path, 'export const lazy = 1;\n');
    t.after(() => rmSync(path, { force: true }));
    const lazy = await fetch(`${srv.url}/${name}`);
    assert.equal(lazy.status, 200);
    assert.equal(await lazy.text(), 'export const lazy = 1;\n');
    assert.match(lazy.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(lazy.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(lazy.headers.get('access-control-allow-origin'), '*');
    assert.equal((await fetch(`${srv.url}/novu-chat-missing-0000.js`)).status, 404);
    for (const probe of ['/novu-chat-..%2fpackage.json.js', '/novu-chat-%2e%2e%2f%2e%2e%2fpackage.json', '/novu-chat-x/../../package.json.js']) {
      const res = await fetch(`${srv.url}${probe}`);
      assert.equal(res.status, 404, probe);
    }
  });

  it('does not serve the demo page when disabled', async () => {
    const srv = await server.start({ demoPage: false });
    assert.equal((await fetch(`${srv.url}/`)).status, 404);
  });

  it('guards /api/admin/stats with the admin bearer token', async () => {
    const srv = await server.start({ adminToken: 'a-long-admin-token-for-tests', rateLimitConnections: 100 });
    assert.equal((await fetch(`${srv.url}/api/admin/stats`)).status, 401);
    assert.equal((await fetch(`${srv.url}/api/admin/stats`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
    await matchPair(srv.url);
    const waiting = await connect(srv.url);
    await ask(waiting, 'queue:join', { mode: 'text' });
    const res = await fetch(`${srv.url}/api/admin/stats`, { headers: { authorization: 'Bearer a-long-admin-token-for-tests' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.online, 3);
    assert.equal(body.waiting, 1);
    assert.equal(body.rooms, 1);
    assert.deepEqual(body.waitingByMode, { video: 0, text: 1 });
  });

  it('generates an admin token when none is set', async () => {
    const srv = await server.start();
    assert.equal(srv.server.adminTokenGenerated, true);
    assert.ok(srv.server.adminToken.length >= 24);
    const res = await fetch(`${srv.url}/api/admin/stats`, { headers: { authorization: `Bearer ${srv.server.adminToken}` } });
    assert.equal(res.status, 200);
  });
});

describe('per-connection memory', () => {
  const server = serverPerTest();

  it('lets go of the HTTP request that opened a connection and of its headers once it is up; a second namespace on it still works', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const srv = await server.start({ rateLimitConnections: 100 });
    let request: WeakRef<object> | undefined;
    let headers: WeakRef<object> | undefined;
    srv.server.httpServer.once('upgrade', (req: { headers: object }) => {
      request = new WeakRef(req);
      headers = new WeakRef(req.headers);
    });
    const a = await connect(srv.url, { v: 1 }, { extraHeaders: { cookie: 'session=secret' } });
    assert.ok(request && headers, 'the connection was a WebSocket upgrade');
    for (let i = 0; i < 5 && (request.deref() || headers.deref()); i++) {
      await settle(20);
      gc();
    }
    assert.equal(request.deref(), undefined, 'the upgrade request is still held');
    assert.equal(headers.deref(), undefined, 'the request headers (cookies included) are still held');
    // Socket.IO builds later handshakes on the same connection without the request: no crash.
    const admin = a.io.socket('/admin', { auth: { token: 'wrong' } });
    const refused = await new Promise<Error>((resolve) => admin.once('connect_error', resolve));
    assert.match(refused.message, /./);
    const b = await connect(srv.url);
    const found = next(a, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await found;
  });
});

describe('transport drops and resume', () => {
  const server = serverPerTest();

  const resumable = { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 100 };

  /** `a` (which reconnects and resumes) and `b` joined and matched: `a` got match:found. */
  async function resumablePair(url: string) {
    const a = await connect(url, { v: 1 }, resumable);
    const b = await connect(url);
    const found = next(a, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await found;
    return { a, b };
  }

  it('holds the room through a short drop: partner:reconnecting, then partner:reconnected, and missed events are delivered', async () => {
    const srv = await server.start({ resumeGraceMs: 2_000, rateLimitConnections: 100 });
    const { a, b } = await resumablePair(srv.url);
    const reconnecting = next(b, 'partner:reconnecting');
    const reconnected = next(b, 'partner:reconnected');
    const missed = next<{ text: string }>(a, 'chat:message');
    const resumed = new Promise<boolean>((resolve) => a.once('connect', () => resolve(a.recovered)));
    a.io.engine.close(); // a transport drop, not a deliberate disconnect
    await reconnecting;
    await ask(b, 'chat:message', { text: 'sent while you were away' }).catch(() => undefined);
    assert.equal(await resumed, true);
    await reconnected;
    assert.equal((await missed).text, 'sent while you were away');
    // Still in the same room.
    const got = next<{ text: string }>(b, 'chat:message');
    await ask(a, 'chat:message', { text: 'back' });
    assert.equal((await got).text, 'back');
  });

  it('a quiet call keeps its room through a drop long after its last event (nothing sent for more than the grace)', async () => {
    const srv = await server.start({ resumeGraceMs: 400, rateLimitConnections: 100 });
    const { a, b } = await resumablePair(srv.url);
    await settle(1_000); // a video call: no signaling or chat for longer than the resume window
    const reconnected = next(b, 'partner:reconnected');
    const resumed = new Promise<boolean>((resolve) => a.once('connect', () => resolve(a.recovered)));
    a.io.engine.close();
    assert.equal(await resumed, true);
    await reconnected;
    const got = next<{ text: string }>(b, 'chat:message');
    await ask(a, 'chat:message', { text: 'still here' });
    assert.equal((await got).text, 'still here');
  });

  it('ends the room when the grace runs out: partner:left { reason: disconnected }', async () => {
    const srv = await server.start({ resumeGraceMs: 300, rateLimitConnections: 100 });
    const { a, b } = await matchPair(srv.url);
    const reconnecting = next(b, 'partner:reconnecting');
    const left = next(b, 'partner:left');
    a.io.engine.close(); // reconnection is off for this client: it never comes back
    await reconnecting;
    const started = Date.now();
    assert.deepEqual(await left, { reason: 'disconnected' });
    assert.ok(Date.now() - started >= 200);
    assert.equal((await srv.server.stats()).rooms, 0);
  });

  it('a waiting client whose transport drops leaves the queue at once', async () => {
    const srv = await server.start({ resumeGraceMs: 5_000, rateLimitConnections: 100 });
    const a = await connect(srv.url);
    await ask(a, 'queue:join', {});
    a.io.engine.close();
    await settle(100);
    assert.equal((await srv.server.stats()).waiting, 0);
    const b = await connect(srv.url);
    const seen = record(b, 'match:found');
    await ask(b, 'queue:join', {});
    await settle();
    assert.equal(seen.length, 0);
  });

  it('the partner may move on during the grace; the returning client learns the partner left', async () => {
    const srv = await server.start({ resumeGraceMs: 2_000, rateLimitConnections: 100 });
    const { a, b } = await resumablePair(srv.url);
    const reconnecting = next(b, 'partner:reconnecting');
    const aLeft = next(a, 'partner:left');
    a.io.engine.close();
    await reconnecting;
    await ask(b, 'queue:join', {}); // b skips
    assert.deepEqual(await aLeft, { reason: 'skipped' });
  });
});

describe('graceful shutdown', () => {
  it('tells connected clients server:shutdown, refuses new ones, then closes', async () => {
    const srv = await startServer({ shutdownGraceMs: 2_000, rateLimitConnections: 100 });
    const a = await connect(srv.url);
    const shutdown = next<{ graceMs: number }>(a, 'server:shutdown');
    const closing = srv.close();
    assert.deepEqual(await shutdown, { graceMs: 2_000 });
    const readiness = await fetch(`${srv.url}/readyz`).then((r) => r.status, () => 'closed');
    assert.ok(readiness === 503 || readiness === 'closed');
    a.disconnect(); // clients leave; the server closes without waiting for the whole grace
    const started = Date.now();
    await closing;
    assert.ok(Date.now() - started < 1_500);
    const after = connectLazy(srv.url);
    await new Promise((resolve) => after.once('connect_error', resolve));
    closeAll();
  });
});
