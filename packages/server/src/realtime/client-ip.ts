/**
 * The client's IP address, trusting `trustedHops` proxies: with 0 it is the socket's
 * remote address; with n it is the n-th entry from the right of X-Forwarded-For
 * (the leftmost entry when there are fewer).
 */
export function clientIp(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const remote = normalise(remoteAddress ?? '');
  if (trustedHops <= 0 || forwardedFor === undefined) return remote;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const chain = header.split(',').map((s) => s.trim()).filter(Boolean);
  if (chain.length === 0) return remote;
  const index = Math.max(0, chain.length - trustedHops);
  return normalise(chain[index] ?? remote);
}

function normalise(address: string): string {
  // Only the dotted form: `::ffff:c633:6407` cut at 7 would not be an address (networkKey maps it).
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address.trim();
}
