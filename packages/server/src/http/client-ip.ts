import { TrustedProxies, type TrustProxySetting } from '../http/trusted-proxies.js';

/**
 * The client's IP address, as `TRUST_PROXY` says to read it (see {@link TrustedProxies}):
 * with 0 it is the socket's remote address; with a hop count n and a private peer, the n-th
 * entry from the right of X-Forwarded-For (the leftmost when there are fewer); with a list
 * of proxies, the first address from the right that is not one of them.
 */
export function clientIp(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxySetting | TrustedProxies,
): string {
  const proxies = trust instanceof TrustedProxies ? trust : new TrustedProxies(trust);
  return proxies.clientAddress(remoteAddress, forwardedFor);
}
