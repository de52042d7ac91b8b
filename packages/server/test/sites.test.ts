import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { createNovuServer } from '@novu-chat/server';
import { ConfigError, optionsFromEnv } from '../src/config.ts';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, connect, next, record, refusal, settle } from '@novu-chat/test-support/clients';

const SITES = {
  sites: [
    { key: 'alpha', origins: ['https://alpha.example'], limits: { messages: 2, connections: 3 } },
    { key: 'beta', origins: ['https://beta.example', 'https://www.beta.example'], requireTerms: true },
  ],
};

let dir: string;
function sitesFile(content: unknown, name = 'sites.json'): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function site(url: string, siteKey: string | undefined, origin?: string, extra: Record<string, unknown> = {}): Promise<Socket> {
  const headers: Record<string, string> = {};
  if (origin) headers.origin = origin;
  return connect(url, { v: 1, ...(siteKey ? { siteKey } : {}), ...extra }, { extraHeaders: headers });
}

describe('multiple sites (SITES_FILE)', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'novu-sites-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const server = serverPerTest();

  it('matches users only within their own site', async () => {
    const srv = await server.start({ sitesFile: sitesFile(SITES), rateLimitConnections: 100 });
    const a1 = await site(srv.url, 'alpha');
    const b1 = await site(srv.url, 'beta', undefined, { termsAccepted: true });
    const seen = [record(a1, 'match:found'), record(b1, 'match:found')];
    await ask(a1, 'queue:join', {});
    await ask(b1, 'queue:join', {});
    await settle(150);
    assert.deepEqual(seen.map((s) => s.length), [0, 0], 'users of different sites are never paired');
    const a2 = await site(srv.url, 'alpha');
    const a2Found = next(a2, 'match:found');
    await ask(a2, 'queue:join', {});
    await a2Found;
    const b2 = await site(srv.url, 'beta', undefined, { termsAccepted: true });
    const b2Found = next(b2, 'match:found');
    await ask(b2, 'queue:join', {});
    await b2Found;
    assert.deepEqual(seen.map((s) => s.length), [1, 1]);
  });

  it('refuses a missing or unknown site key with unknown_site, and an origin the site does not allow with origin_not_allowed', async () => {
    // alpha's own connection limit (3) would count these attempts too: lift it here.
    const roomy = { sites: SITES.sites.map((s) => ({ ...s, limits: {} })) };
    const srv = await server.start({ sitesFile: sitesFile(roomy, 'roomy.json'), allowedOrigins: ['https://other.example'], publicOrigin: 'https://chat.example', rateLimitConnections: 100 });
    assert.equal((await refusal(srv.url, { v: 1 })).data?.code, 'unknown_site');
    assert.equal((await refusal(srv.url, { v: 1, siteKey: 'gamma' })).data?.code, 'unknown_site');
    const wrong = await refusal(srv.url, { v: 1, siteKey: 'alpha' }, { extraHeaders: { origin: 'https://beta.example' } });
    assert.equal(wrong.data?.code, 'origin_not_allowed');
    const stranger = await refusal(srv.url, { v: 1, siteKey: 'alpha' }, { extraHeaders: { origin: 'https://evil.example' } });
    assert.equal(stranger.data?.code, 'origin_not_allowed');
    // Each site's own origins pass (even though ALLOWED_ORIGINS does not list them), as do non-browser clients.
    await site(srv.url, 'alpha', 'https://alpha.example');
    await site(srv.url, 'beta', 'https://www.beta.example', { termsAccepted: true });
    await site(srv.url, 'alpha');
    // A page served by this server itself (PUBLIC_ORIGIN) is allowed for any site; a forged Host proves nothing.
    await site(srv.url, 'alpha', 'https://chat.example');
    const forged = await refusal(srv.url, { v: 1, siteKey: 'alpha' }, { extraHeaders: { origin: 'https://evil.example', host: 'evil.example' } });
    assert.equal(forged.data?.code, 'origin_not_allowed');
  });

  it("applies each site's own limits and terms requirement", async () => {
    const srv = await server.start({ sitesFile: sitesFile(SITES), rateLimitConnections: 100 });
    // alpha: 3 connections per IP per minute; beta keeps the server-wide 100.
    const alpha = [await site(srv.url, 'alpha'), await site(srv.url, 'alpha'), await site(srv.url, 'alpha')];
    const limited = await refusal(srv.url, { v: 1, siteKey: 'alpha' });
    assert.equal(limited.data?.code, 'rate_limited');
    assert.ok((limited.data?.retryAfterMs ?? 0) > 0);
    // beta requires terms; alpha does not.
    assert.equal((await refusal(srv.url, { v: 1, siteKey: 'beta' })).data?.code, 'terms_required');
    const betas = [await site(srv.url, 'beta', undefined, { termsAccepted: true }), await site(srv.url, 'beta', undefined, { termsAccepted: true })];

    // alpha: 2 messages per 10 s; beta: the server-wide 30.
    const [a1, a2] = alpha as [Socket, Socket];
    const aFound = next(a2, 'match:found');
    await ask(a1, 'queue:join', {});
    await ask(a2, 'queue:join', {});
    await aFound;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await ask<{ ok: boolean; error?: { code: string } }>(a1, 'chat:message', { text: `hi ${i}` }));
    assert.deepEqual(answers.map((a) => a.ok), [true, true, false]);
    assert.equal(answers[2]?.error?.code, 'rate_limited');

    const [b1, b2] = betas as [Socket, Socket];
    const bFound = next(b2, 'match:found');
    await ask(b1, 'queue:join', {});
    await ask(b2, 'queue:join', {});
    await bFound;
    for (let i = 0; i < 3; i++) assert.equal((await ask<{ ok: boolean }>(b1, 'chat:message', { text: `hi ${i}` })).ok, true);
  });

  it('without SITES_FILE ignores siteKey: everyone shares one pool', async () => {
    const srv = await server.start({ rateLimitConnections: 100 });
    const a = await site(srv.url, 'alpha');
    const b = await site(srv.url, 'anything');
    const found = next(b, 'match:found');
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    await found;
  });

  it('refuses a bad SITES_FILE at start with a ConfigError naming sitesFile', () => {
    const refuses = (path: string, pattern: RegExp) =>
      assert.throws(() => createNovuServer({ logLevel: 'silent', sitesFile: path }), (error: unknown) =>
        error instanceof Error && error.name === 'ConfigError' && (error as ConfigError).setting === 'sitesFile' && pattern.test(error.message));
    refuses(join(dir, 'missing.json'), /cannot read/);
    refuses(sitesFile('{ nope', 'broken.json'), /not valid JSON/);
    refuses(sitesFile({ sites: [] }, 'empty.json'), /sites/);
    refuses(sitesFile({ sites: [{ key: 'a', origins: [] }, { key: 'a', origins: [] }] }, 'dup.json'), /unique/);
    refuses(sitesFile({ sites: [{ key: 'a', origins: ['https://a.example/path'] }] }, 'path.json'), /origin/);
    refuses(sitesFile({ sites: [{ key: 'a', origins: [], limits: { messages: 0 } }] }, 'zero.json'), /messages/);
    refuses(sitesFile({ sites: [{ key: 'a', origins: [], colour: 'red' }] }, 'extra.json'), /colour|Unrecognized/i);
    assert.deepEqual(optionsFromEnv({ SITES_FILE: '/etc/novu/sites.json' }), { sitesFile: '/etc/novu/sites.json' });
  });
});
