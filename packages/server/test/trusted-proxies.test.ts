import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, optionsFromEnv, resolveOptions } from '@novu-chat/server';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { connect, refusal } from '@novu-chat/test-support/clients';
import { TrustedProxies, plainAddress } from '../src/http/trusted-proxies.js';

describe('TrustedProxies (whose X-Forwarded-For is believed)', () => {
  it('with 0, always the TCP peer', () => {
    const none = new TrustedProxies(0);
    assert.equal(none.clientAddress('127.0.0.1', '198.51.100.1'), '127.0.0.1');
    assert.equal(none.clientAddress('::ffff:10.0.0.2', '198.51.100.1'), '10.0.0.2');
  });

  it('with a hop count, believes only a peer on a private network, then takes the n-th entry from the right', () => {
    const one = new TrustedProxies(1);
    for (const peer of ['127.0.0.1', '::1', '10.1.2.3', '172.20.0.5', '192.168.1.1', '100.64.0.9', 'fd00::7', '::ffff:10.0.0.2']) {
      assert.equal(one.clientAddress(peer, '203.0.113.9, 198.51.100.1'), '198.51.100.1', peer);
    }
    // A client on the public internet reaching the server directly cannot spoof its address.
    for (const peer of ['198.51.100.200', '2001:db8::1', '8.8.8.8']) {
      assert.equal(one.clientAddress(peer, '203.0.113.9'), peer, peer);
    }
    const two = new TrustedProxies(2);
    assert.equal(two.clientAddress('127.0.0.1', '203.0.113.9, 198.51.100.1, 10.0.0.1'), '198.51.100.1');
    assert.equal(two.clientAddress('127.0.0.1', '198.51.100.1'), '198.51.100.1', 'fewer entries: the leftmost');
    assert.equal(one.clientAddress('127.0.0.1', 'garbage'), '127.0.0.1', 'not an address: the peer');
    assert.equal(one.clientAddress('127.0.0.1', undefined), '127.0.0.1');
    assert.equal(one.clientAddress('127.0.0.1', ['203.0.113.9', '198.51.100.1']), '198.51.100.1', 'repeated headers');
  });

  it('with a list, believes only a listed peer and walks from the right past listed addresses', () => {
    const list = new TrustedProxies(['203.0.113.10', '10.0.0.0/8', '2001:db8:ffff::/48']);
    assert.equal(list.clientAddress('203.0.113.10', '198.51.100.1'), '198.51.100.1');
    assert.equal(list.clientAddress('203.0.113.10', '198.51.100.66, 198.51.100.1, 10.2.3.4'), '198.51.100.1', 'a forged left entry is ignored');
    assert.equal(list.clientAddress('2001:db8:ffff:1::2', '2001:db8:1::5'), '2001:db8:1::5');
    assert.equal(list.clientAddress('::ffff:10.9.9.9', '198.51.100.1'), '198.51.100.1', 'mapped peer');
    assert.equal(list.clientAddress('198.51.100.99', '198.51.100.1'), '198.51.100.99', 'an unlisted peer: header ignored');
    assert.equal(list.clientAddress('127.0.0.1', '198.51.100.1'), '127.0.0.1', 'loopback is not implied');
    assert.equal(list.clientAddress('10.0.0.1', '10.0.0.2, 10.0.0.3'), '10.0.0.2', 'all trusted: the leftmost');
    assert.equal(list.clientAddress('10.0.0.1', 'junk, 10.0.0.3'), '10.0.0.3', 'stops at the last good hop');
    assert.equal(list.clientAddress('10.0.0.1', '[2001:db8:1::5]:443, 198.51.100.1:5000'), '198.51.100.1', 'ports are dropped');
  });

  it('reads addresses without ports, brackets or a mapped prefix', () => {
    assert.equal(plainAddress(' [::1]:80 '), '::1');
    assert.equal(plainAddress('1.2.3.4:80'), '1.2.3.4');
    assert.equal(plainAddress('::FFFF:1.2.3.4'), '1.2.3.4');
    assert.equal(plainAddress('2001:db8::1'), '2001:db8::1');
  });
});

describe('TRUST_PROXY configuration', () => {
  it('reads a hop count, true/false, or a comma list of addresses and CIDR ranges', () => {
    assert.equal(optionsFromEnv({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.equal(optionsFromEnv({ TRUST_PROXY: 'true' }).trustProxy, 1);
    assert.equal(optionsFromEnv({ TRUST_PROXY: 'false' }).trustProxy, 0);
    assert.deepEqual(optionsFromEnv({ TRUST_PROXY: ' 10.0.0.0/8, 203.0.113.10 ,fd00::/8' }).trustProxy, ['10.0.0.0/8', '203.0.113.10', 'fd00::/8']);
    assert.deepEqual(resolveOptions({ trustProxy: ['127.0.0.1'] }).trustProxy, ['127.0.0.1']);
  });

  it('refuses anything else with a ConfigError naming TRUST_PROXY', () => {
    for (const raw of ['yes please', '10.0.0.0/33', '10.0.0.0/8/1', 'fd00::/129', '10.0.0.0/x', '-1', '1.2.3']) {
      assert.throws(() => optionsFromEnv({ TRUST_PROXY: raw }), (e: unknown) => e instanceof ConfigError && /TRUST_PROXY/.test(e.message), raw);
    }
    assert.throws(() => resolveOptions({ trustProxy: [] }), ConfigError);
    assert.throws(() => resolveOptions({ trustProxy: ['nope'] }), ConfigError);
    assert.throws(() => resolveOptions({ trustProxy: -1 }), ConfigError);
  });
});

describe('TRUST_PROXY on a running server', () => {
  const server = serverPerTest();

  it('with a list, keys clients by the first untrusted X-Forwarded-For address from the right', async () => {
    const srv = await server.start({ rateLimitConnections: 1, trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
    const via = (xff: string) => ({ extraHeaders: { 'x-forwarded-for': xff } });
    await connect(srv.url, { v: 1 }, via('198.51.100.1, 10.1.1.1'));
    // The forged left entry differs, the proxy-vouched client is the same: one budget.
    assert.equal((await refusal(srv.url, { v: 1 }, via('203.0.113.77, 198.51.100.1, 10.2.2.2'))).data?.code, 'rate_limited');
    await connect(srv.url, { v: 1 }, via('198.51.100.1, 198.51.100.2')); // a different client
  });

  it('with a list that does not name the peer, ignores X-Forwarded-For', async () => {
    const srv = await server.start({ rateLimitConnections: 1, trustProxy: ['10.0.0.0/8'] });
    await connect(srv.url, { v: 1 }, { extraHeaders: { 'x-forwarded-for': '198.51.100.1' } });
    assert.equal((await refusal(srv.url, { v: 1 }, { extraHeaders: { 'x-forwarded-for': '198.51.100.2' } })).data?.code, 'rate_limited');
  });
});
