import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time check of a given token against the expected one, whatever their lengths. */
export function tokenMatches(given: unknown, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 4096) return false;
  // Hash both sides so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** Constant-time check of an `Authorization: Bearer <token>` header against the admin token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  return tokenMatches(match[1].trim(), token);
}
