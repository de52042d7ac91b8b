import type { ErrorCodeName, ProtocolError } from '@novu-chat/protocol';

/**
 * Error codes raised by the SDK itself, in addition to the server's protocol codes
 * (`rate_limited`, `banned`, `origin_not_allowed`, … from `@novu-chat/protocol`).
 */
export type SdkErrorCode =
  /** The user (or the browser's policy) refused camera or microphone access. */
  | 'media_denied'
  /** No usable camera or microphone: none present, busy, or constraints that cannot be met. */
  | 'media_unavailable'
  /** The server could not be reached, or the link was lost and every reconnection attempt failed. */
  | 'connection_failed'
  /** The peer-to-peer (WebRTC) connection failed and ICE restarts could not recover it. */
  | 'peer_failed'
  /** The server did not answer a request in time. */
  | 'timeout'
  /** The call is not allowed in the client's current state (for example `sendMessage` while not matched). */
  | 'invalid_state'
  /** The browser lacks an API the requested mode needs (WebRTC, `getUserMedia`). */
  | 'unsupported';

/** Every stable code a {@link NovuError} can carry: the SDK's own and the server's. */
export type NovuErrorCode = SdkErrorCode | ErrorCodeName;

/**
 * The one error type the SDK rejects with and emits on the `error` event.
 * Branch on {@link NovuError.code}, which is stable; the message is for humans only.
 */
export class NovuError extends Error {
  /** A stable, machine-readable code. */
  readonly code: NovuErrorCode;
  /** With `rate_limited` and `banned`: milliseconds until a retry may succeed. */
  readonly retryAfterMs: number | undefined;

  /**
   * @param code - A stable error code.
   * @param message - A human-readable description.
   * @param options - `cause`: the underlying error; `retryAfterMs`: when a retry may succeed.
   */
  constructor(
    code: NovuErrorCode,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number | undefined } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'NovuError';
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Build a {@link NovuError} from a protocol error object (failed ack, `server:error`, refused connection). */
export function fromProtocolError(error: ProtocolError): NovuError {
  return new NovuError(error.code, error.message, { retryAfterMs: error.retryAfterMs });
}

/** Any failure as a {@link NovuError} (`connection_failed` for what is not one already). */
export function toNovuError(error: unknown): NovuError {
  return error instanceof NovuError
    ? error
    : new NovuError('connection_failed', error instanceof Error ? error.message : String(error), { cause: error });
}
