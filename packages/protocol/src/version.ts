/** The protocol version a client sends as `auth.v` in the Socket.IO handshake. */
export const PROTOCOL_VERSION = 1;

/** Every protocol version this package knows how to speak. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [PROTOCOL_VERSION];
