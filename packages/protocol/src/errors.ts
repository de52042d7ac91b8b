/**
 * Stable error codes. An ack answers `{ ok: false, error: { code, message } }`;
 * without an ack the error arrives as `server:error { event, code, message }`.
 * A refused connection fails with a `connect_error` whose `data.code` is one of these.
 */
export const ErrorCode = {
  /** The payload has the wrong type or shape, or a value is out of range. */
  InvalidPayload: 'invalid_payload',
  /** Too many events (or connections); `retryAfterMs` says when to try again. */
  RateLimited: 'rate_limited',
  /** A room event was sent while not in a room. */
  NotInRoom: 'not_in_room',
  /** The event name is not part of the protocol. */
  UnknownEvent: 'unknown_event',
  /** The connection's `Origin` is not in the server's allowed origins. */
  OriginNotAllowed: 'origin_not_allowed',
  /** The handshake's `auth.v` is a protocol version this server does not speak. */
  UnsupportedProtocol: 'unsupported_protocol',
  /** The handshake's `auth` is malformed (for example a bad `clientId`). */
  InvalidHandshake: 'invalid_handshake',
  /** The server is shutting down and accepts no new connections. */
  ServerShuttingDown: 'server_shutting_down',
  /** The client is banned; `retryAfterMs` says for how long. */
  Banned: 'banned',
  /** The handshake's `siteKey` is not configured on this server (or is missing on a multi-site server). */
  UnknownSite: 'unknown_site',
  /** The server checks a bot-defence token (`auth.captchaToken`) and it was missing or not accepted. */
  CaptchaFailed: 'captcha_failed',
  /** The server requires `auth.termsAccepted: true` (age and terms acceptance) and it was not sent. */
  TermsRequired: 'terms_required',
  /** An unexpected server fault; the request may be retried. */
  Internal: 'internal_error',
} as const;
/** A stable error code. */
export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode];
