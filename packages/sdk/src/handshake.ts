import type { HandshakeAuth } from '@novu-chat/protocol';
import type { NovuClientOptions } from './options.js';

/** The handshake's `auth` without `v` (the signaling layer adds the protocol version). */
export type AuthFields = Omit<HandshakeAuth, 'v'>;

/**
 * The handshake `auth` of a client: an object, or a function when the captcha token is one (so
 * every connection attempt gets a fresh token).
 */
export function handshakeAuth(options: NovuClientOptions, clientId: string): AuthFields | (() => Promise<AuthFields>) {
  const fields = (token: string | undefined): AuthFields => {
    const auth: AuthFields = { clientId };
    if (options.siteKey) auth.siteKey = options.siteKey;
    if (options.termsAccepted !== undefined) auth.termsAccepted = options.termsAccepted;
    if (token) auth.captchaToken = token;
    return auth;
  };
  const token = options.captchaToken;
  return typeof token === 'function' ? async () => fields(await token()) : fields(token);
}
