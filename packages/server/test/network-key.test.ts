import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandIpv6, networkKey } from '../src/http/network-key.js';

describe('networkKey (the network limits, bans and reports are keyed by)', () => {
  it('keys IPv4 per address', () => {
    assert.equal(networkKey('198.51.100.7'), '198.51.100.7');
    assert.notEqual(networkKey('198.51.100.7'), networkKey('198.51.100.8'));
  });

  it('keys IPv6 per /64, whatever the spelling', () => {
    const key = networkKey('2001:db8:1:2::1');
    assert.equal(key, '2001:db8:1:2::/64');
    for (const same of ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:DB8:1:2:abcd::99', '2001:db8:1:2::', '2001:db8:1:2::5%eth0']) {
      assert.equal(networkKey(same), key, same);
    }
    assert.notEqual(networkKey('2001:db8:1:3::1'), key);
    assert.notEqual(networkKey('2001:db8:2:2::1'), key);
    assert.equal(networkKey('::1'), '0:0:0:0::/64');
    assert.equal(networkKey('2001:db8::'), '2001:db8:0:0::/64');
  });

  it('keys IPv4-mapped and NAT64 addresses as the IPv4 address inside', () => {
    assert.equal(networkKey('::ffff:198.51.100.7'), '198.51.100.7');
    assert.equal(networkKey('::FFFF:c633:6407'), '198.51.100.7');
    assert.equal(networkKey('0:0:0:0:0:ffff:198.51.100.7'), '198.51.100.7');
    assert.equal(networkKey('64:ff9b::198.51.100.7'), '198.51.100.7');
    assert.equal(networkKey('64:ff9b::c633:6407'), '198.51.100.7');
  });

  it('passes anything that is not an address through as it is', () => {
    assert.equal(networkKey(''), '');
    assert.equal(networkKey('not-an-ip'), 'not-an-ip');
  });

  it('expands IPv6 to eight groups', () => {
    assert.deepEqual(expandIpv6('::'), [0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(expandIpv6('1::8'), [1, 0, 0, 0, 0, 0, 0, 8]);
    assert.deepEqual(expandIpv6('1:2:3:4:5:6:7:8'), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(expandIpv6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
  });
});
