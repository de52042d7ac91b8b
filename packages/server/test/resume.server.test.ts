// Resume is admission too (issue #13, fault 4): a resumed session passes the checks a new connection
// passes, must come from the same client, and a refused resume learns nothing of what the session
// missed. On the main of 2026-12-04 resumes skipped the connection guard: a client banned while away
// resumed its chat, and another client with a disallowed Origin presenting its session id and offset
// took over its room (and was sent the chat it had missed).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import type { HandshakeAuth } from '@novu-chat/protocol';
import { ask, connect, connectLazy, next, record, refusal, settle } from '@novu-chat/test-support/clients';

const ADMIN_TOKEN = 'resume-admin-token-0123456789';
const ALLOWED = 'https://site.example';

/** The private session id and last offset a socket.io-client would present to resume. */
function sessionOf(socket: Socket): { pid: string; offset: string } {
  const internals = socket as unknown as { _pid?: string; _lastOffset?: string };
  assert.ok(internals._pid && internals._lastOffset, 'the client holds a resumable session');
  return { pid: internals._pid, offset: internals._lastOffset };
}

/** The handshake of a client presenting a session to resume (Socket.IO reads `pid` and `offset` from it). */
function resumeAuth(clientId: string, session: { pid: string; offset: string }): HandshakeAuth {
  const auth: HandshakeAuth & { pid: string; offset: string } = { v: 1, clientId, ...session };
  return auth;
}

/** Drop a's transport (no reconnection): its session is kept for the resume grace. */
async function dropWhileChatting(url: string, clientId: string) {
  const { a, b, aMatch } = await matchPairWith(url, clientId);
  const reconnecting = next(b, 'partner:reconnecting');
  const session = sessionOf(a);
  const id = a.id;
  a.io.engine.close();
  await reconnecting;
  return { a, b, aMatch, session, id };
}

async function matchPairWith(url: string, clientId: string) {
  const origin = { extraHeaders: { origin: ALLOWED } };
  const a = await connect(url, { v: 1, clientId }, origin);
  const b = await connect(url, { v: 1, clientId: `${clientId}-partner` }, origin);
  const aFound = next<{ roomId: string }>(a, 'match:found');
  const bFound = next(b, 'match:found');
  await ask(a, 'queue:join', {});
  await ask(b, 'queue:join', {});
  await bFound;
  return { a, b, aMatch: await aFound };
}

describe('resume is admission too', () => {
  const server = serverPerTest();
  const settings = { allowedOrigins: [ALLOWED], resumeGraceMs: 5_000, rateLimitConnections: 100, adminToken: ADMIN_TOKEN };

  it('refuses a resume from a disallowed Origin, and sends it nothing the session missed', async () => {
    const srv = await server.start(settings);
    const { b, session } = await dropWhileChatting(srv.url, 'victim-1');
    await ask(b, 'chat:message', { text: 'missed while away' });
    const thief = connectLazy(srv.url, resumeAuth('victim-1', session), { extraHeaders: { origin: 'https://evil.example' } });
    const stolen = record(thief, 'chat:message');
    const error = await new Promise<Error & { data?: { code: string } }>((resolve, reject) => {
      thief.once('connect', () => reject(new Error('the forged resume was accepted')));
      thief.once('connect_error', resolve);
    });
    assert.equal(error.data?.code, 'origin_not_allowed');
    await settle(200);
    assert.deepEqual(stolen, [], 'no missed message reached the refused client');
  });

  it('refuses a resume presenting another client id', async () => {
    const srv = await server.start(settings);
    const { b, session } = await dropWhileChatting(srv.url, 'victim-2');
    const bHears = record(b, 'chat:message');
    const error = await refusal(srv.url, resumeAuth('someone-else', session), { extraHeaders: { origin: ALLOWED } });
    assert.equal(error.data?.code, 'invalid_handshake');
    await settle(100);
    assert.deepEqual(bHears, []);
  });

  it('the rightful client still resumes and gets what it missed (across a changed address)', async () => {
    const srv = await server.start({ ...settings, trustProxy: 1 });
    const { b, session, id } = await dropWhileChatting(srv.url, 'victim-3');
    await ask(b, 'chat:message', { text: 'missed while away' });
    const back = connectLazy(srv.url, resumeAuth('victim-3', session), { extraHeaders: { origin: ALLOWED, 'x-forwarded-for': '198.51.100.20' } });
    const missed = next<{ text: string }>(back, 'chat:message');
    await new Promise<void>((resolve, reject) => {
      back.once('connect', () => resolve());
      back.once('connect_error', reject);
    });
    assert.equal(back.id, id, 'the session is restored: same connection id');
    assert.equal((await missed).text, 'missed while away');
    const got = next<{ text: string }>(b, 'chat:message');
    await ask(back, 'chat:message', { text: 'back' });
    assert.equal((await got).text, 'back');
  });

  it('a client banned while away cannot resume, and its partner is told at once, not after the grace', async () => {
    const srv = await server.start(settings);
    const { b, session } = await dropWhileChatting(srv.url, 'victim-4');
    const left = next<{ reason: string }>(b, 'partner:left', 2_000);
    const [room] = await srv.server.admin.listRooms();
    const member = room?.members.find((m) => m.id !== b.id);
    assert.ok(member);
    const response = await fetch(`${srv.url}/api/admin/bans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientKey: member.clientKey, durationMs: 60_000 }),
    });
    assert.equal(response.status, 201);
    assert.deepEqual(await left, { reason: 'disconnected' });
    const error = await refusal(srv.url, resumeAuth('victim-4', session), { extraHeaders: { origin: ALLOWED } });
    assert.equal(error.data?.code, 'banned');
  });

  it('resumes count against the per-IP connection budget', async () => {
    const srv = await server.start({ ...settings, rateLimitConnections: 3 });
    // Two connections (a and b) spend 2 of the 3 points; a's resume spends the last.
    const { session } = await dropWhileChatting(srv.url, 'victim-5');
    const origin = { extraHeaders: { origin: ALLOWED } };
    const resumed = connectLazy(srv.url, resumeAuth('victim-5', session), origin);
    await new Promise<void>((resolve, reject) => {
      resumed.once('connect', () => resolve());
      resumed.once('connect_error', reject);
    });
    resumed.io.engine.close();
    await settle(100);
    const pid = (resumed as unknown as { _pid?: string })._pid;
    assert.ok(pid);
    const again = await refusal(srv.url, resumeAuth('victim-5', { pid, offset: session.offset }), origin);
    assert.equal(again.data?.code, 'rate_limited');
  });
});
