import { randomUUID } from 'node:crypto';
import { ErrorCode, SUPPORTED_PROTOCOL_VERSIONS, type ConnectErrorData, type ErrorCodeName } from '@novu-chat/protocol';
import type { Logger } from 'pino';
import type { AdmissionCheck, AdmissionContext } from '../admission.js';
import type { KeyedHash } from '../keyed-hash.js';
import type { LimitsBySite } from '../limits/limits-by-site.js';
import { describeIssues, handshakeSchema } from '../validation/schemas.js';
import { clientIp } from '../http/client-ip.js';
import { networkKey } from '../http/network-key.js';
import type { OriginPolicy } from '../http/origin-policy.js';
import { TrustedProxies, type TrustProxySetting } from '../http/trusted-proxies.js';
import type { Telemetry } from '../telemetry.js';
import type { NovuSocket } from './socket-types.js';

/** An error a refused connection carries to the client's `connect_error` (as `err.data`). */
export class RefusedConnection extends Error {
  readonly data: ConnectErrorData;
  constructor(code: ErrorCodeName, message: string, retryAfterMs?: number) {
    super(message);
    this.data = retryAfterMs === undefined ? { code } : { code, retryAfterMs };
  }
}

/** What the guard checks against. */
export interface ConnectionGuardDeps {
  /** Extra checks, run in order after origin, handshake and the connection limit. */
  admission?: AdmissionCheck[] | undefined;
  origins: OriginPolicy;
  /** The connection limit per IP (a site's own on multi-site servers). */
  limits: LimitsBySite;
  hash: KeyedHash;
  /** `TRUST_PROXY`: a hop count or a list of proxy addresses and ranges. */
  trustProxy: TrustProxySetting;
  isDraining: () => boolean;
  /** Told about every refused connection. */
  telemetry: Pick<Telemetry, 'connectionRefused'>;
  log: Pick<Logger, 'info'>;
  /** A resumed connection was refused: forget what was held back for it. */
  onResumeRefused?: (socket: NovuSocket) => void;
  /**
   * Multi-site servers (`SITES_FILE`): the handshake's `siteKey` is kept (limits and matching
   * pool). Otherwise it is ignored (not kept, so every client shares one pool).
   */
  multiSite: boolean;
}

/**
 * Socket.IO middleware run for every connection, new or resumed:
 * draining → origin → handshake → connections per IP → admission checks (bans, sites, bot
 * defence). Fills `socket.data`. A resume is admission too: it passes every check a new
 * connection passes (so a ban, a disallowed Origin or a spent connection budget refuses it), and
 * it must come from the same client: a presented `clientId` must be the session's, and so must the
 * site. Its IP key is the address it comes from now (a phone that moved network keeps its chat).
 */
export function connectionGuard(deps: ConnectionGuardDeps) {
  const proxies = new TrustedProxies(deps.trustProxy);
  return async (socket: NovuSocket, next: (error?: Error) => void): Promise<void> => {
    const { headers, address, auth } = socket.handshake;
    const ip = clientIp(address, headers['x-forwarded-for'], proxies);
    // IPv6 per /64 (see networkKey): one subscriber's whole prefix is one key.
    const ipKey = deps.hash.of(`ip:${networkKey(ip)}`);
    const refuse = (code: ErrorCodeName, message: string, retryAfterMs?: number) => {
      deps.telemetry.connectionRefused(code);
      deps.log.info({ code, ip: ipKey }, 'connection refused');
      if (socket.recovered) deps.onResumeRefused?.(socket);
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
      const siteKey = deps.multiSite ? parsed.data.siteKey : undefined;
      const presentedKey = parsed.data.clientId === undefined ? undefined : deps.hash.of(`client:${parsed.data.clientId}`);
      // (A session restored from Redis comes back through msgpack: an absent site is `null` there.)
      if (socket.recovered && ((presentedKey !== undefined && presentedKey !== socket.data.clientKey) || siteKey !== (socket.data.siteKey ?? undefined))) {
        return refuse(ErrorCode.InvalidHandshake, 'This session belongs to another client.');
      }
      const limit = await deps.limits.of(siteKey).connection(ipKey);
      if (!limit.allowed) {
        return refuse(ErrorCode.RateLimited, 'Too many new connections from this address; slow down.', limit.retryAfterMs);
      }
      const clientKey = socket.recovered ? socket.data.clientKey : (presentedKey ?? deps.hash.of(`client:${randomUUID()}`));
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
