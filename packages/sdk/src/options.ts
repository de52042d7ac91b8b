import type { Mode } from '@novu-chat/protocol';
import type { PeerTimings } from './peer.js';
import type { ReconnectPolicy } from './reconnect-policy.js';

/** The public STUN server used when neither the options nor the server give ICE servers. */
export const DEFAULT_ICE_SERVERS: readonly RTCIceServer[] = Object.freeze([{ urls: 'stun:stun.l.google.com:19302' }]);

/** The WebRTC recovery timings used when {@link NovuClientOptions.peerTimings} leaves them out. */
export const DEFAULT_PEER_TIMINGS: Readonly<PeerTimings> = Object.freeze({ disconnectedMs: 3_000, connectMs: 15_000, maxRestarts: 2 });

/** Options of a {@link NovuClient}. */
export interface NovuClientOptions {
  /** The Novu Chat server, e.g. `https://chat.example.com`. */
  url: string;
  /**
   * An anonymous id the server uses to avoid pairing you with recent partners again.
   * Default: a random id kept in `sessionStorage`, so it survives reloads of the tab.
   */
  clientId?: string;
  /** The site key, for servers that host several sites (`SITES_FILE`); other servers ignore it. */
  siteKey?: string;
  /**
   * The user accepted the terms and confirmed their age. Servers with `REQUIRE_TERMS` refuse
   * connections without it (`terms_required`).
   */
  termsAccepted?: boolean;
  /**
   * A bot-defence (captcha) token for servers that check one (`captcha_failed` otherwise).
   * A function is called before every new connection, so each gets a fresh token.
   */
  captchaToken?: string | (() => string | Promise<string>);
  /** ICE servers (STUN/TURN). They take precedence over the ones the server sends with a match. */
  iceServers?: RTCIceServer[];
  /**
   * `relay` sends media only through TURN, so the partner never learns your IP address (no host
   * or server-reflexive candidate is gathered or sent). Needs a server that issues TURN
   * credentials (or your own `iceServers` with TURN). Overrides the server's choice.
   */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** ICE servers used when neither `iceServers` nor the server give any. Default: {@link DEFAULT_ICE_SERVERS}. */
  defaultIceServers?: RTCIceServer[];
  /** Camera and microphone constraints for video mode. Default: `{ video: true, audio: true }`. */
  media?: MediaStreamConstraints;
  /** Look for the next partner by itself when a partner leaves. Default: false (stay in `partner-left`). */
  autoNext?: boolean;
  /**
   * Reconnection attempts after the link to the server drops, before `connection_failed`. Default: 10.
   * Ignored when {@link NovuClientOptions.reconnectPolicy} is given (its `maxAttempts` counts).
   */
  reconnectionAttempts?: number;
  /**
   * When and how often to reconnect and to queue again after a failed join.
   * Default: a {@link DefaultReconnectPolicy} with `reconnectionAttempts` attempts.
   */
  reconnectPolicy?: ReconnectPolicy;
  /** How long to wait for the server to answer a request, in ms. Default: 10 000. */
  requestTimeoutMs?: number;
  /** Timings of the WebRTC recovery (ICE restarts). */
  peerTimings?: Partial<PeerTimings>;
}

/** What {@link NovuClient.start} looks for. */
export interface StartOptions {
  /** Interests to be matched on (a shared one is preferred for a while). At most 10. */
  interests?: string[];
  /** `video` (default: camera, microphone and chat) or `text` (chat only, no devices used). */
  mode?: Mode;
}
