import type { HandshakeAuth, ServerToClientEvents } from '@novu-chat/protocol';

/**
 * What {@link debugClient} shows of a client's insides.
 * @internal For tests and tools (and the element's tests), not API: it may change in any release.
 */
export interface ClientDebug {
  /** The `RTCPeerConnection` of the current video chat, or `null` (no room, or a text room). */
  readonly peerConnection: RTCPeerConnection | null;
  /** The link to the server, or `null` while the client has none (idle, stopped, failed). */
  readonly link: LinkDebug | null;
}

/**
 * Handles on the link to the server.
 * @internal For tests and tools, not API.
 */
export interface LinkDebug {
  /** The handshake `auth` the next connection sends (a captcha token function is called once for it). */
  handshakeAuth(): Promise<HandshakeAuth>;
  /** Drop the transport as a network failure would (the link then reconnects by itself). */
  drop(): void;
  /** Stop reconnecting after a drop (a long outage); the function returned reconnects now. */
  holdReconnection(): () => void;
  /** How many listeners the client has on a server event (leak checks). */
  listenerCount(event: keyof ServerToClientEvents): number;
  /** Call `listener` with the name of every event sent to the server; returns its remover. */
  onSent(listener: (event: string) => void): () => void;
}
