import type { ClientState, Mode, PartnerLeftReasonInfo } from '@novu-chat/sdk';
import type { NovuStrings } from '../i18n/strings.js';

/** The three arrangements of a video call. */
export type NovuLayout = 'split' | 'video' | 'chat';

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

/** What the view functions read and call; built by the element for each render. */
export interface ViewContext {
  t: NovuStrings;
  /** The interface language (for `Intl` formatting). */
  lang: string;
  state: ClientState;
  mode: Mode;
  /** The mode of the current (or last) match. */
  roomMode: Mode;
  layout: NovuLayout;
  interests: readonly string[];
  commonInterests: readonly string[];
  online: number | null;
  lines: readonly ChatLine[];
  draft: string;
  partnerTyping: boolean;
  partnerReconnecting: boolean;
  partnerLeftReason: PartnerLeftReasonInfo | null;
  notice: Notice | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  micEnabled: boolean;
  cameraEnabled: boolean;
  canSwitchCamera: boolean;
  confirmNext: boolean;
  /** The message input has focus (narrow layouts give the chat more room). */
  composing: boolean;
  /** A short-lived error line (e.g. a message that could not be sent). */
  toast: string | null;
  /** The partner can be reported or blocked now. */
  reportable: boolean;
  /** Shown while searching after a report or a block. */
  reported: boolean;
  /** The server requires accepting the terms: the landing view shows a required checkbox. */
  termsNeeded: boolean;
  actions: ViewActions;
}

/** The element's handlers the views bind to. */
export interface ViewActions {
  start(mode?: Mode): void;
  next(): void;
  stop(): void;
  back(): void;
  setMode(mode: Mode): void;
  addInterest(text: string): void;
  removeInterest(interest: string): void;
  draftInput(event: InputEvent): void;
  send(event: SubmitEvent): void;
  retry(line: ChatLine): void;
  toggleMic(): void;
  toggleCamera(): void;
  switchCamera(): void;
  cycleLayout(): void;
  composerFocus(focused: boolean): void;
  /** Open the report/block dialog. */
  openReport(): void;
  /** The dialog closed: its `returnValue` is a report reason, `block`, or empty (cancelled). */
  reportClosed(event: Event): void;
  /** Keep Tab inside the dialog; keep its Escape from reaching the element's shortcut. */
  dialogKey(event: KeyboardEvent): void;
  /** The terms checkbox was checked: accept and retry. */
  acceptTerms(): void;
}
