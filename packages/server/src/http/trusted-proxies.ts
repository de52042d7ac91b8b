import { BlockList, isIP } from 'node:net';

/**
 * `TRUST_PROXY`: a hop count, or the addresses and CIDR ranges of the reverse proxies in
 * front of the server.
 */
export type TrustProxySetting = number | readonly string[];

/**
 * Where a bare hop count accepts X-Forwarded-For from: loopback, private, unique-local,
 * link-local and carrier-grade NAT peers. A client on the public internet that reaches the
 * server directly (past the proxy) cannot spoof its address; a proxy with a public address
 * has to be named in a list.
 */
const PRIVATE_NETWORKS = [
  '127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16',
  '::1/128', 'fc00::/7', 'fe80::/10',
];

/** Parse one list entry into `list`; throws a plain `Error` saying why it is not an address or range. */
function addEntry(list: BlockList, entry: string): void {
  const [address = '', prefix, extra] = entry.trim().split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) throw new Error(`"${entry}" is not an IP address or CIDR range`);
  const type = version === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return list.addAddress(address, type);
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(bits <= (version === 4 ? 32 : 128))) throw new Error(`"${entry}" has a bad prefix length`);
  list.addSubnet(address, bits, type);
}

/**
 * Check a `TRUST_PROXY` list: each entry an address or a CIDR range.
 * @returns Why the list is bad, or undefined when it is good.
 */
export function trustProxyListProblem(entries: readonly string[]): string | undefined {
  if (entries.length === 0) return 'must name at least one address or range';
  try {
    const list = new BlockList();
    for (const entry of entries) addEntry(list, entry);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** An address without an IPv4-mapped prefix, brackets or a port (`[::1]:80`, `1.2.3.4:80`). */
export function plainAddress(raw: string): string {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(text)) text = text.slice(7);
  return text;
}

/**
 * Which peers' X-Forwarded-For is believed, and how far back it is read.
 *
 * - `0`: never; the client is the TCP peer.
 * - a hop count `n`: only when the TCP peer is on a private network (loopback, RFC 1918,
 *   CGNAT, link-local, unique-local); the client is then the n-th entry from the right.
 * - a list: only when the TCP peer is in the list; the header is walked from the right past
 *   every address in the list, and the first one outside it is the client.
 */
export class TrustedProxies {
  readonly #hops: number;
  readonly #list: BlockList | undefined;

  constructor(setting: TrustProxySetting) {
    const entries = typeof setting === 'number' ? (setting > 0 ? PRIVATE_NETWORKS : []) : setting;
    this.#hops = typeof setting === 'number' ? setting : 0;
    if (entries.length === 0) return;
    this.#list = new BlockList();
    for (const entry of entries) addEntry(this.#list, entry);
  }

  /** Whether X-Forwarded-For from this peer is believed. */
  trusts(address: string): boolean {
    const version = isIP(address);
    return version !== 0 && this.#list !== undefined && this.#list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  }

  /** The client's address, from the TCP peer and its X-Forwarded-For header. */
  clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
    const remote = plainAddress(peer ?? '');
    if (forwardedFor === undefined || !this.trusts(remote)) return remote;
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
    const chain = header.split(',').map(plainAddress).filter(Boolean);
    if (chain.length === 0) return remote;
    if (this.#hops > 0) {
      const entry = chain[Math.max(0, chain.length - this.#hops)] ?? remote;
      return isIP(entry) ? entry : remote;
    }
    // Walk from the right: each trusted hop vouches for the address to its left.
    let client = remote;
    for (let i = chain.length - 1; i >= 0; i -= 1) {
      const entry = chain[i] ?? '';
      if (!isIP(entry)) return client; // a trusted proxy never writes this: stop at the last good hop
      client = entry;
      if (!this.trusts(entry)) return entry;
    }
    return client;
  }
}
