import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { ConfigError, optionsFromEnv, resolveOptions } from '../src/config.ts';
import { IceConfig, turnCredential, turnPassword, turnUsername } from '../src/turn/turn-credentials.ts';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, closeAll, connect, next } from '@novu-chat/test-support/clients';

const SECRET = 'novu-turn-secret-0123456789';
const TURN = ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349?transport=tcp'];
const STUN = ['stun:stun.example.com:3478'];

interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}
interface Found {
  roomId: string;
  iceServers?: IceServer[];
  iceTransportPolicy?: 'all' | 'relay';
}

describe('TURN credentials (coturn REST format)', () => {
  it('matches a known vector computed with openssl', () => {
    // echo -n "1700003600:5380e675a1b2c3d4e5f60718" | openssl dgst -sha1 -hmac "novu-turn-secret-0123456789" -binary | base64
    assert.equal(turnPassword(SECRET, '1700003600:5380e675a1b2c3d4e5f60718'), 'UrSkUkXAELU5/sXShQfPD8vfTt4=');
    assert.deepEqual(turnCredential(SECRET, '5380e675a1b2c3d4e5f60718', 3600, 1_700_000_000_000), {
      username: '1700003600:5380e675a1b2c3d4e5f60718',
      credential: 'UrSkUkXAELU5/sXShQfPD8vfTt4=',
    });
  });

  it('uses whole seconds for the expiry', () => {
    assert.equal(turnUsername(1_700_000_123.9, 'abc'), '1700000123:abc');
    assert.equal(turnCredential(SECRET, 'abc', 60, 1_700_000_000_999).username, '1700000060:abc');
  });

  it('adds nothing without settings, STUN alone, TURN with credentials, relay in relay-only mode', () => {
    const now = () => 1_700_000_000_000;
    const base = { turnSecret: undefined, turnUrls: undefined, stunUrls: undefined, turnTtlS: 3600, forceRelay: false };
    const none = new IceConfig(base, now);
    assert.equal(none.enabled, false);
    assert.deepEqual(none.forMember('k'), {});
    assert.deepEqual(new IceConfig({ ...base, stunUrls: STUN }, now).forMember('k'), { iceServers: [{ urls: STUN }] });
    const relay = new IceConfig({ ...base, turnSecret: SECRET, turnUrls: TURN, stunUrls: STUN, forceRelay: true }, now);
    assert.deepEqual(relay.forMember('5380e675a1b2c3d4e5f60718'), {
      iceServers: [
        { urls: STUN },
        { urls: TURN, username: '1700003600:5380e675a1b2c3d4e5f60718', credential: 'UrSkUkXAELU5/sXShQfPD8vfTt4=' },
      ],
      iceTransportPolicy: 'relay',
    });
  });
});

describe('TURN settings', () => {
  it('reads TURN_SECRET, TURN_URLS, STUN_URLS, TURN_TTL_S and FORCE_RELAY from the environment', () => {
    const options = optionsFromEnv({
      TURN_SECRET: SECRET, TURN_URLS: TURN.join(', '), STUN_URLS: STUN[0], TURN_TTL_S: '600', FORCE_RELAY: 'true',
    });
    assert.deepEqual(options, { turnSecret: SECRET, turnUrls: TURN, stunUrls: STUN, turnTtlS: 600, forceRelay: true });
    const resolved = resolveOptions(options);
    assert.equal(resolved.forceRelay, true);
  });

  it('refuses settings that cannot work', () => {
    const bad = (input: Parameters<typeof resolveOptions>[0], setting: string) =>
      assert.throws(() => resolveOptions(input), (error: unknown) => error instanceof ConfigError && error.setting === setting);
    bad({ forceRelay: true }, 'forceRelay');
    bad({ turnSecret: SECRET }, 'turnUrls');
    bad({ turnUrls: TURN }, 'turnSecret');
    bad({ turnSecret: 'short', turnUrls: TURN }, 'turnSecret');
    bad({ turnSecret: SECRET, turnUrls: ['http://turn.example.com'] }, 'turnUrls');
    bad({ stunUrls: ['turn:x'] }, 'stunUrls');
    bad({ turnTtlS: 0 }, 'turnTtlS');
  });
});

describe('match:found with TURN', () => {
  const server = serverPerTest();

  async function pair(url: string): Promise<[Found, Found]> {
    const a = await connect(url, { v: 1, clientId: 'turn-client-a' });
    const b = await connect(url, { v: 1, clientId: 'turn-client-b' });
    const found = [next<Found>(a, 'match:found'), next<Found>(b, 'match:found')];
    await ask(a, 'queue:join', {});
    await ask(b, 'queue:join', {});
    return [await found[0]!, await found[1]!];
  }

  it('carries STUN and per-member time-limited TURN credentials keyed on the hashed client, and relay in relay-only mode', async () => {
    const srv = await server.start({ turnSecret: SECRET, turnUrls: TURN, stunUrls: STUN, turnTtlS: 600, forceRelay: true, hashSalt: 'turn-test-salt' });
    const before = Math.floor(Date.now() / 1000);
    const [am, bm] = await pair(srv.url);
    const after = Math.floor(Date.now() / 1000);
    const usernames = new Set<string>();
    for (const found of [am, bm]) {
      assert.equal(found.iceTransportPolicy, 'relay');
      assert.equal(found.iceServers?.length, 2);
      assert.deepEqual(found.iceServers?.[0], { urls: STUN });
      const turn = found.iceServers?.[1];
      assert.ok(turn?.username && turn.credential);
      assert.deepEqual(turn.urls, TURN);
      const [expiry, user] = turn.username.split(':');
      assert.ok(Number(expiry) >= before + 600 && Number(expiry) <= after + 600, 'expiry = now + TURN_TTL_S');
      assert.match(user ?? '', /^[0-9a-f]{24}$/, 'the user part is the keyed hash');
      assert.ok(!turn.username.includes('turn-client'), 'the raw clientId never leaves the server');
      assert.equal(turn.credential, createHmac('sha1', SECRET).update(turn.username).digest('base64'));
      usernames.add(turn.username);
    }
    assert.equal(usernames.size, 2, 'each member gets its own credentials');
  });

  it('without FORCE_RELAY carries the ICE servers and no relay policy; without TURN carries neither', async () => {
    let srv = await server.start({ turnSecret: SECRET, turnUrls: TURN });
    const [am] = await pair(srv.url);
    assert.equal(am.iceTransportPolicy, undefined);
    assert.equal(am.iceServers?.length, 1);
    await srv.close();
    closeAll();
    srv = await server.start();
    const [plain] = await pair(srv.url);
    assert.equal(plain.iceServers, undefined);
    assert.equal(plain.iceTransportPolicy, undefined);
  });
});
