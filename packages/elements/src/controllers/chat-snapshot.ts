import type { ClientState, MatchInfo, PartnerLeftReasonInfo } from '@novu-chat/sdk';

// The shape of what the chat session shows (see ChatSession): read by the element's render.

/** One line of the conversation. */
export interface ChatLine {
  /** Server id (a local id until the server acknowledged a sent message). */
  id: string;
  text: string;
  from: 'me' | 'partner' | 'system';
  ts: number;
  /** A sent message waiting for the server. */
  pending?: boolean;
  /** A sent message the server refused or never acknowledged. */
  failed?: boolean;
}

/** Why the element shows a notice instead of the landing view. */
export type Notice =
  | { kind: 'media'; code: 'media_denied' | 'media_unavailable' | 'unsupported' }
  | { kind: 'config' }
  | { kind: 'error'; code: string; retryAfterMs?: number | undefined };

/** Everything the interface shows of the session: one immutable object, replaced on every change. */
export interface ChatSnapshot {
  readonly state: ClientState;
  /** Camera refused, no server…: shown instead of the landing view. */
  readonly notice: Notice | null;
  /** The code of the last error (`''` when none), for the error notice. */
  readonly lastError: string;
  readonly retryAfterMs: number | undefined;
  /** The call view stays up through `reconnecting`. */
  readonly inCall: boolean;
  readonly match: MatchInfo | null;
  readonly lines: readonly ChatLine[];
  /** What the visitor is typing. */
  readonly draft: string;
  readonly partnerTyping: boolean;
  readonly partnerReconnecting: boolean;
  readonly partnerLeftReason: PartnerLeftReasonInfo | null;
  readonly online: number | null;
  readonly localStream: MediaStream | null;
  readonly remoteStream: MediaStream | null;
  readonly micEnabled: boolean;
  readonly cameraEnabled: boolean;
  readonly cameraCount: number;
  /** Searching again after a report or a block. */
  readonly reported: boolean;
  /** The server requires accepting the terms: the landing view shows a required checkbox. */
  readonly termsNeeded: boolean;
}

/** Before the first start. */
export const INITIAL_SNAPSHOT: ChatSnapshot = {
  state: 'idle',
  notice: null,
  lastError: '',
  retryAfterMs: undefined,
  inCall: false,
  match: null,
  lines: [],
  draft: '',
  partnerTyping: false,
  partnerReconnecting: false,
  partnerLeftReason: null,
  online: null,
  localStream: null,
  remoteStream: null,
  micEnabled: true,
  cameraEnabled: true,
  cameraCount: 0,
  reported: false,
  termsNeeded: false,
};

/** The parts of the snapshot that belong to one conversation. */
export const NO_CONVERSATION = {
  lines: [],
  draft: '',
  partnerTyping: false,
  match: null,
  partnerLeftReason: null,
  partnerReconnecting: false,
  inCall: false,
} satisfies Partial<ChatSnapshot>;
