/**
 * The signature of report webhook bodies: `X-Novu-Signature: t=<unix seconds>,v1=<hex>`, where
 * `v1` is HMAC-SHA256 with `REPORT_WEBHOOK_SECRET` over `<t>.<raw body>`. The timestamp is
 * signed too, so a captured request cannot be replayed later than the receiver's tolerance.
 * docs/moderation.md shows how to verify it.
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying the signature. */
export const SIGNATURE_HEADER = 'x-novu-signature';

/** The `X-Novu-Signature` value for `body` sent at `unixSeconds`. */
export function signReportBody(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Check an `X-Novu-Signature` header (constant-time) and that its timestamp is within
 * `toleranceS` of `nowS`.
 * @returns Whether the body is authentic and fresh.
 */
export function verifyReportSignature(
  secret: string,
  header: string | undefined,
  body: string,
  toleranceS = 300,
  nowS: number = Math.floor(Date.now() / 1000),
): boolean {
  const parts = new Map((header ?? '').split(',').map((part) => {
    const at = part.indexOf('=');
    return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
  }));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowS - t) > toleranceS || !/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
