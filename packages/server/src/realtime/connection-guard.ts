import { randomUUID } from 'node:crypto';
import { ErrorCode, SUPPORTED_PROTOCOL_VERSIONS, type ConnectErrorData, type ErrorCodeName } from '@novu-chat/protocol';
import type { KeyedHash } from '../keyed-hash.js';
import type { EventLimits } from '../limits/event-limits.js';
import { describeIssues, handshakeSchema } from '../protocol/schemas.js';
import { networkKey } from '../http/network-key.js';
import { TrustedProxies, type TrustProxySetting } from '../http/trusted-proxies.js';
import { clientIp } from './client-ip.js';
import type { OriginPolicy } from './origin-policy.js';
import type { NovuSocket } from './socket-types.js';

/** An error a refused connection carries to the client's `connect_error` (as `err.data`). */
export class RefusedConnection extends Error {
  readonly data: ConnectErrorData;
  constructor(code: ErrorCodeName, message: string, retryAfterMs?: number) {
    super(message);
    this.data = retryAfterMs === undefined ? { code } : { code, retryAfterMs };
  }
}

/** What an admission check sees of a connection. Hashes only, never an IP. */
export interface AdmissionContext {
  clientKey: string;
  ipKey: string;
  siteKey: string | undefined;
  origin: string | undefined;
  /** The `Host` header as the client sent it: untrusted (any client can send any Host). */
  host?: string | undefined;
  captchaToken: string | undefined;
  termsAccepted: boolean | undefined;
}

/** An admission check's refusal. */
export interface AdmissionRefusal {
  code: ErrorCodeName;
  message: string;
  retryAfterMs?: number;
}

/** An extra check run at connect (bans, sites, bot defence): resolve a refusal to turn the connection away. */
export type AdmissionCheck = (context: AdmissionContext) => Promise<AdmissionRefusal | undefined> | AdmissionRefusal | undefined;

/** What the guard checks against. */
export interface ConnectionGuardDeps {
  /** Extra checks, run in order after origin, handshake and the connection limit. */
  admission?: AdmissionCheck[] | undefined;
  origins: OriginPolicy;
  limits: EventLimits;
  hash: KeyedHash;
  /** `TRUST_PROXY`: a hop count or a list of proxy addresses and ranges. */
  trustProxy: TrustProxySetting;
  isDraining: () => boolean;
  onRefused?: (code: ErrorCodeName, ipKey: string) => void;
  /**
   * Multi-site servers (`SITES_FILE`): a site's own limits. Without it the handshake's `siteKey`
   * is ignored (not kept, so every client shares one pool).
   */
  sites?: { limitsFor(siteKey: string | undefined): EventLimits | undefined } | undefined;
}

/**
 * Socket.IO middleware run for every new connection (recovered ones skip it):
 * draining → origin → handshake → connections per IP. Fills `socket.data`.
 */
export function connectionGuard(deps: ConnectionGuardDeps) {
  const proxies = new TrustedProxies(deps.trustProxy);
  return async (socket: NovuSocket, next: (error?: Error) => void): Promise<void> => {
    const { headers, address, auth } = socket.handshake;
    const ip = clientIp(address, headers['x-forwarded-for'], proxies);
    // IPv6 per /64 (see networkKey): one subscriber's whole prefix is one key.
    const ipKey = deps.hash.of(`ip:${networkKey(ip)}`);
    const refuse = (code: ErrorCodeName, message: string, retryAfterMs?: number) => {
      deps.onRefused?.(code, ipKey);
      next(new RefusedConnection(code, message, retryAfterMs));
    };
    try {
      if (deps.isDraining()) return refuse(ErrorCode.ServerShuttingDown, 'The server is shutting down; try again shortly.');
      if (!deps.origins.allows(headers.origin)) {
        return refuse(ErrorCode.OriginNotAllowed, 'This origin may not connect to this server.');
      }
      const parsed = handshakeSchema.safeParse(auth ?? {});
      if (!parsed.success) {
        const versionIssue = parsed.error.issues.some((issue) => issue.path[0] === 'v');
        return versionIssue
          ? refuse(ErrorCode.UnsupportedProtocol, `Unsupported protocol version; this server speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}.`)
          : refuse(ErrorCode.InvalidHandshake, `Invalid handshake: ${describeIssues(parsed.error)}`);
      }
      if (!SUPPORTED_PROTOCOL_VERSIONS.includes(parsed.data.v)) {
        return refuse(ErrorCode.UnsupportedProtocol, `Unsupported protocol version ${parsed.data.v}; this server speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}.`);
      }
      const siteKey = deps.sites ? parsed.data.siteKey : undefined;
      const limit = await (deps.sites?.limitsFor(siteKey) ?? deps.limits).connection(ipKey);
      if (!limit.allowed) {
        return refuse(ErrorCode.RateLimited, 'Too many new connections from this address; slow down.', limit.retryAfterMs);
      }
      const clientKey = deps.hash.of(`client:${parsed.data.clientId ?? randomUUID()}`);
      const context: AdmissionContext = {
        clientKey,
        ipKey,
        siteKey,
        origin: headers.origin,
        host: headers.host,
        captchaToken: parsed.data.captchaToken,
        termsAccepted: parsed.data.termsAccepted,
      };
      for (const check of deps.admission ?? []) {
        const refusal = await check(context);
        if (refusal) return refuse(refusal.code, refusal.message, refusal.retryAfterMs);
      }
      socket.data.ipKey = ipKey;
      socket.data.clientKey = clientKey;
      socket.data.siteKey = siteKey;
      next();
    } catch (error) {
      next(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
