import type { ErrorCodeName } from './errors.js';
import type { Mode, ReportReason } from './limits.js';

/** The Socket.IO handshake `auth` object. */
export interface HandshakeAuth {
  /** Protocol version; defaults to 1. */
  v?: number;
  /** An anonymous id that survives reconnects, used to avoid repeat partners. */
  clientId?: string;
  /** The site this client belongs to, on multi-site servers (`SITES_FILE`); ignored elsewhere. */
  siteKey?: string;
  /** A bot-defence token, checked by servers configured with a captcha verifier. */
  captchaToken?: string;
  /** The user accepted the terms (and confirmed their age); required by servers with `REQUIRE_TERMS`. */
  termsAccepted?: boolean;
}

/** `queue:join` payload. */
export interface QueueJoinPayload {
  interests?: string[];
  mode?: Mode;
}

/** `signal:offer` and `signal:answer` payload. */
export interface SdpPayload {
  sdp: string;
}

/** An ICE candidate as relayed (the fields of `RTCIceCandidateInit`). */
export interface IceCandidatePayload {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

/** `signal:ice` payload; `candidate: null` marks the end of candidates. */
export interface SignalIcePayload {
  candidate: IceCandidatePayload | null;
}

/** `chat:message` payload from a client. */
export interface ChatMessagePayload {
  text: string;
}

/** `chat:typing` payload, both directions. */
export interface ChatTypingPayload {
  typing: boolean;
}

/** `report` payload: why the current (or just-left) partner is reported. */
export interface ReportPayload {
  reason: ReportReason;
}

/** An ICE server as given to `RTCPeerConnection`. */
export interface IceServerInfo {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** `match:found` payload, sent to both partners. */
export interface MatchFoundPayload {
  roomId: string;
  /** Exactly one of the two partners is the initiator (sends the first offer). */
  initiator: boolean;
  /** Interests the two share, possibly empty. */
  commonInterests: string[];
  mode: Mode;
  /** STUN/TURN servers for this room, with time-limited TURN credentials (servers with TURN configured). */
  iceServers?: IceServerInfo[];
  /** `relay`: the server asks that all media go through TURN, so neither side learns the other's IP address. */
  iceTransportPolicy?: 'all' | 'relay';
}

/** Why a partner is gone. */
export type PartnerLeftReason = 'skipped' | 'left' | 'disconnected' | 'ended';

/** `partner:left` payload. */
export interface PartnerLeftPayload {
  reason: PartnerLeftReason;
}

/** `signal:receive` payload: what the partner sent, validated. */
export type SignalReceivePayload =
  | { type: 'offer'; payload: SdpPayload }
  | { type: 'answer'; payload: SdpPayload }
  | { type: 'ice-candidate'; payload: SignalIcePayload };

/** `chat:message` as received from the partner. */
export interface ChatMessageReceived {
  id: string;
  text: string;
  ts: number;
}

/** `stats` payload, sent now and then. */
export interface StatsPayload {
  online: number;
  waiting: number;
}

/** `server:shutdown` payload. */
export interface ServerShutdownPayload {
  /** Milliseconds until the server closes the connection. */
  graceMs: number;
}

/** The error object in a failed ack and in `server:error`. */
export interface ProtocolError {
  code: ErrorCodeName;
  message: string;
  /** With `rate_limited` and `banned`: milliseconds until a retry may succeed. */
  retryAfterMs?: number;
}

/** `server:error` payload, for events sent without an ack. */
export interface ServerErrorPayload extends ProtocolError {
  /** The client event that failed. */
  event: string;
}

/** A failed ack. */
export interface AckError {
  ok: false;
  error: ProtocolError;
}

/** A successful ack, with event-specific fields. */
export type AckOk<T extends object = Record<never, never>> = { ok: true } & T;

/** An ack response. */
export type Ack<T extends object = Record<never, never>> = AckOk<T> | AckError;

/** The `chat:message` ack on success. */
export interface ChatMessageAck {
  id: string;
  ts: number;
}

/** The `queue:join` ack on success. */
export interface QueueJoinAck {
  /** True when the join matched at once (a `match:found` was sent too). */
  matched: boolean;
}

/** Data carried by a refused connection's `connect_error`. */
export interface ConnectErrorData {
  code: ErrorCodeName;
  retryAfterMs?: number;
}

/** Callback type for acks. */
export type AckCallback<T extends object = Record<never, never>> = (response: Ack<T>) => void;

/** Events the server emits, with their argument lists (for typed Socket.IO). */
export interface ServerToClientEvents {
  'match:found': (payload: MatchFoundPayload) => void;
  'partner:left': (payload: PartnerLeftPayload) => void;
  'partner:reconnecting': () => void;
  'partner:reconnected': () => void;
  'signal:receive': (payload: SignalReceivePayload) => void;
  'chat:message': (payload: ChatMessageReceived) => void;
  'chat:typing': (payload: ChatTypingPayload) => void;
  stats: (payload: StatsPayload) => void;
  'server:error': (payload: ServerErrorPayload) => void;
  'server:shutdown': (payload: ServerShutdownPayload) => void;
}

/** Events a client emits, with their argument lists (for typed Socket.IO). */
export interface ClientToServerEvents {
  'queue:join': (payload?: QueueJoinPayload, ack?: AckCallback<QueueJoinAck>) => void;
  'queue:leave': (ack?: AckCallback) => void;
  'room:leave': (ack?: AckCallback) => void;
  'signal:offer': (payload: SdpPayload, ack?: AckCallback) => void;
  'signal:answer': (payload: SdpPayload, ack?: AckCallback) => void;
  'signal:ice': (payload: SignalIcePayload, ack?: AckCallback) => void;
  'chat:message': (payload: ChatMessagePayload, ack?: AckCallback<ChatMessageAck>) => void;
  'chat:typing': (payload: ChatTypingPayload, ack?: AckCallback) => void;
  report: (payload: ReportPayload, ack?: AckCallback) => void;
  block: (ack?: AckCallback) => void;
}
