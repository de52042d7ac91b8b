import type { ClientState, Mode, NovuErrorCode, PartnerLeftReasonInfo, ReportReason } from '@novu-chat/sdk';

/** Detail of `novu-state-change`: the element's new state (the SDK client's state). */
export interface NovuStateChangeDetail {
  state: ClientState;
}

/** Detail of `novu-match`: a partner was found. */
export interface NovuMatchDetail {
  /** Interests both partners gave (possibly empty). */
  commonInterests: string[];
  /** `video` or `text`. */
  mode: Mode;
}

/** Detail of `novu-message`: a chat message, sent by this user (`me`, once the server relayed it) or received. */
export interface NovuMessageDetail {
  /** The server's id of the message. */
  id: string;
  /** The message text (always rendered as text, never as HTML). */
  text: string;
  /** Who wrote it. */
  from: 'me' | 'partner';
  /** Server timestamp, ms since the epoch. */
  ts: number;
}

/** Detail of `novu-partner-left`. */
export interface NovuPartnerLeftDetail {
  /** `skipped`, `left`, `disconnected`, `ended`, `connection-lost` or `peer-failed`. */
  reason: PartnerLeftReasonInfo;
}

/** Detail of `novu-error`. */
export interface NovuErrorDetail {
  /** A stable code from the SDK (`media_denied`, `connection_failed`, `rate_limited`…). */
  code: NovuErrorCode;
  /** A description for developers (the UI shows translated text). */
  message: string;
  /** With `banned` and `rate_limited`: milliseconds until a retry may succeed. */
  retryAfterMs?: number | undefined;
}

/** Detail of `novu-report`: the visitor reported the partner (who is dropped at once, and never matched with them again). */
export interface NovuReportDetail {
  /** `nudity`, `harassment`, `spam`, `underage` or `other`. */
  reason: ReportReason;
}

/** Detail of `novu-block` (empty): the visitor blocked the partner without reporting them. */
export type NovuBlockDetail = Record<string, never>;

/** Every DOM event `<novu-chat>` dispatches, with its detail type. All bubble and are composed. */
export interface NovuChatEventMap {
  'novu-state-change': CustomEvent<NovuStateChangeDetail>;
  'novu-match': CustomEvent<NovuMatchDetail>;
  'novu-message': CustomEvent<NovuMessageDetail>;
  'novu-partner-left': CustomEvent<NovuPartnerLeftDetail>;
  'novu-error': CustomEvent<NovuErrorDetail>;
  'novu-report': CustomEvent<NovuReportDetail>;
  'novu-block': CustomEvent<NovuBlockDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends NovuChatEventMap {}
}

/** Dispatch a bubbling, composed event of the map from `target`. */
export function emit<K extends keyof NovuChatEventMap>(
  target: EventTarget,
  type: K,
  detail: NovuChatEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
