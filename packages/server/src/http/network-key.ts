import { isIP } from 'node:net';

/**
 * The network an address is keyed by for connection limits, bans and reports.
 *
 * IPv4 addresses are keyed per address. IPv6 addresses are keyed per /64: that is what one
 * subscriber line or one cloud VM gets, so keying per /128 would hand every abuser 2^64
 * fresh identities. IPv4-mapped (`::ffff:a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`) addresses
 * are the IPv4 address inside them.
 */
export function networkKey(address: string): string {
  const ip = address.trim().replace(/%.*$/, ''); // a zone id (fe80::1%eth0) is local detail
  const version = isIP(ip);
  if (version === 4) return ip;
  if (version !== 6) return ip; // not an address (a unix socket, an empty string): as it is
  const groups = expandIpv6(ip);
  const embedded = embeddedIpv4(groups);
  if (embedded !== undefined) return embedded;
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The IPv4 address an IPv4-mapped or NAT64 (RFC 6052 well-known prefix) address carries. */
function embeddedIpv4(groups: number[]): string | undefined {
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  const mapped = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff;
  const nat64 = g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0;
  if (!mapped && !nat64) return undefined;
  return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address (with `::` and a dotted IPv4 tail). */
export function expandIpv6(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}
