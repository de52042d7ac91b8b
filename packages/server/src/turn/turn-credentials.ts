/**
 * Time-limited TURN credentials in the "TURN REST API" format that coturn checks with
 * `use-auth-secret` / `static-auth-secret` (draft-uberti-behave-turn-rest):
 *
 * - username: `<expiry unix seconds>:<user id>`
 * - credential: base64(HMAC-SHA1(secret, username))
 *
 * The user id is the connection's keyed hash (`clientKey`), never the raw client id, so
 * nothing that leaves the server can be traced back to a client.
 * @module
 */
import { createHmac } from 'node:crypto';
import type { IceServerInfo, MatchFoundPayload } from '@novu-chat/protocol';

/** A username and credential for a TURN server. */
export interface TurnCredential {
  username: string;
  credential: string;
}

/** The TURN REST username: `<expiry unix seconds>:<userId>`. */
export function turnUsername(expiresAtS: number, userId: string): string {
  return `${Math.floor(expiresAtS)}:${userId}`;
}

/** The TURN REST credential of `username`: base64 HMAC-SHA1 keyed with the shared secret. */
export function turnPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/** A credential valid for `ttlS` seconds from `nowMs` (epoch ms). */
export function turnCredential(secret: string, userId: string, ttlS: number, nowMs: number): TurnCredential {
  const username = turnUsername(nowMs / 1000 + ttlS, userId);
  return { username, credential: turnPassword(secret, username) };
}

/** What {@link IceConfig} is built from (the TURN settings of `NovuServerOptions`). */
export interface IceSettings {
  turnSecret: string | undefined;
  turnUrls: readonly string[] | undefined;
  stunUrls: readonly string[] | undefined;
  turnTtlS: number;
  forceRelay: boolean;
}

/** The ICE part of a `match:found`. */
export type MatchIce = Pick<MatchFoundPayload, 'iceServers' | 'iceTransportPolicy'>;

/**
 * The ICE servers and transport policy each member of a new room is told: STUN URLs as they
 * are, TURN URLs with fresh credentials for that member, and `relay` in relay-only mode.
 * Nothing configured: nothing is added (clients use their own defaults).
 */
export class IceConfig {
  readonly #settings: IceSettings;
  readonly #now: () => number;

  constructor(settings: IceSettings, now: () => number = Date.now) {
    this.#settings = settings;
    this.#now = now;
  }

  /** Whether anything is added to `match:found`. */
  get enabled(): boolean {
    const { turnSecret, turnUrls, stunUrls, forceRelay } = this.#settings;
    return (turnSecret !== undefined && turnUrls !== undefined) || stunUrls !== undefined || forceRelay;
  }

  /** The ICE fields for one member, identified by its keyed client hash. */
  forMember(clientKey: string): MatchIce {
    const { turnSecret, turnUrls, stunUrls, turnTtlS, forceRelay } = this.#settings;
    const iceServers: IceServerInfo[] = [];
    if (stunUrls?.length) iceServers.push({ urls: [...stunUrls] });
    if (turnSecret !== undefined && turnUrls?.length) {
      iceServers.push({ urls: [...turnUrls], ...turnCredential(turnSecret, clientKey, turnTtlS, this.#now()) });
    }
    const out: MatchIce = {};
    if (iceServers.length) out.iceServers = iceServers;
    if (forceRelay) out.iceTransportPolicy = 'relay';
    return out;
  }
}
