import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  NovuClient,
  NovuError,
  type ClientState,
  type MatchInfo,
  type Mode,
  type NovuClientOptions,
  type ReportReason,
} from '@novu-chat/sdk';
import { emit } from '../events.js';
import { format, type NovuStrings } from '../i18n/strings.js';
import { errorText, partnerLeftText } from '../i18n/texts.js';
import { INITIAL_SNAPSHOT, NO_CONVERSATION, type ChatLine, type ChatSnapshot } from './chat-snapshot.js';

export type { ChatLine, ChatSnapshot, Notice } from './chat-snapshot.js';

/** Advanced options handed to the SDK's `NovuClient` (ICE servers, media constraints, client id…). */
export type NovuChatClientOptions = Partial<Omit<NovuClientOptions, 'url' | 'siteKey'>>;

/** The element's settings a client is made from. */
export interface SessionSettings {
  server: string;
  siteKey: string;
  termsAccepted: boolean;
  relayOnly: boolean;
  clientOptions: NovuChatClientOptions | null;
  /** Read at every connection. */
  captchaToken: NovuClientOptions['captchaToken'] | null;
}

/** What the session needs from the element. */
export interface ChatSessionOptions {
  settings(): SessionSettings;
  strings(): NovuStrings;
  announce(text: string): void;
  toast(text: string): void;
  /** A conversation ended (a first Escape is forgotten). */
  conversationReset(): void;
  /** The server refused for want of the terms (the checkbox gets the focus). */
  termsRequired(): void;
}

const asNovuError = (error: unknown): NovuError => (error instanceof NovuError ? error : new NovuError('internal_error', String(error)));

/**
 * The chat session: owns the SDK's `NovuClient` (made at the first start, dropped when the
 * connection settings change or the element leaves the page), turns its events into one
 * read-only {@link ChatSnapshot} and the element's DOM events, and carries out the visitor's actions.
 */
export class ChatSession implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ChatSessionOptions;
  #snapshot: ChatSnapshot = INITIAL_SNAPSHOT;
  #client: NovuClient | null = null;
  #unsubscribe: Array<() => void> = [];
  #localId = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ChatSessionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** What the interface shows. */
  get snapshot(): ChatSnapshot {
    return this.#snapshot;
  }

  /** The SDK client, or `null` before the first start. */
  get client(): NovuClient | null {
    return this.#client;
  }

  hostDisconnected(): void {
    // A framework unmount hangs up and releases the camera; a move within the page (removed and
    // inserted again in the same task) does not.
    queueMicrotask(() => {
      if (this.#host.isConnected) return;
      this.drop();
      this.#resetConversation();
      this.#set({ state: 'idle' });
    });
  }

  /** Connect (a new client if needed) and look for a partner. Failures are reported, never thrown. */
  async start(mode: Mode, interests: readonly string[]): Promise<void> {
    this.#set({ notice: null, lastError: '' });
    const client = this.#ensureClient();
    if (!client) return;
    this.#resetConversation();
    try {
      await client.start({ interests: [...interests], mode });
    } catch {
      // Reported through the client's error event (see #reportError).
    }
  }

  next(): void {
    this.#client?.next();
  }

  stop(): void {
    this.#client?.stop();
    this.#set({ notice: null });
  }

  /** Leave a notice for the start screen. */
  back(): void {
    this.#set({ notice: null, lastError: '' });
    if (this.#snapshot.state === 'error') this.#client?.stop();
  }

  /**
   * Drop the client (its settings changed, or the element left the page).
   * @returns whether it was connected or connecting (the element starts again on the new settings).
   */
  drop(): boolean {
    const client = this.#client;
    if (!client) return false;
    const active = client.state !== 'idle' && client.state !== 'error';
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#client = null;
    client.destroy();
    this.#set({ localStream: null, remoteStream: null });
    return active;
  }

  /** The visitor accepted the terms: the checkbox goes (the element starts again). */
  termsAccepted(): void {
    this.#set({ termsNeeded: false });
  }

  /** The visitor typed in the composer (the partner sees "typing…"). */
  setDraft(draft: string): void {
    this.#set({ draft });
    this.#client?.setTyping(draft.trim().length > 0);
  }

  /** Send a message: shown at once, pending until the server relayed it. See `NovuChat.send`. */
  async send(text: string): Promise<void> {
    const client = this.#client;
    const trimmed = text.trim();
    if (!client || client.state !== 'matched') throw new NovuError('invalid_state', 'Not in a chat');
    if (!trimmed) throw new NovuError('invalid_payload', 'A message cannot be empty');
    const id = `local-${++this.#localId}`;
    this.#addLine({ id, text: trimmed, from: 'me', ts: Date.now(), pending: true });
    try {
      const sent = await client.sendMessage(trimmed);
      this.#updateLine(id, { id: sent.id, ts: sent.ts, pending: false });
      emit(this.#host, 'novu-message', { id: sent.id, text: sent.text, from: 'me', ts: sent.ts });
    } catch (error) {
      this.#updateLine(id, { pending: false, failed: true });
      const failure = asNovuError(error);
      this.#reportError(failure);
      throw failure;
    }
  }

  /** Send the composer's text (the draft empties at once). */
  sendDraft(): void {
    const text = this.#snapshot.draft;
    if (!text.trim()) return;
    this.#set({ draft: '' });
    this.send(text).catch(() => undefined);
  }

  /** Send a failed message again (it moves to the end). */
  retry(line: ChatLine): Promise<void> {
    this.#set({ lines: this.#snapshot.lines.filter((l) => l !== line) });
    return this.send(line.text);
  }

  /** Report (with a reason) or block the partner, and move on. See `NovuChat.report`. */
  async moderate(reason?: ReportReason): Promise<void> {
    const client = this.#client;
    if (!client || (client.state !== 'matched' && client.state !== 'partner-left')) {
      throw new NovuError('invalid_state', 'There is no partner to report or block');
    }
    const done = reason ? client.report(reason) : client.block();
    this.#set({ remoteStream: null, reported: true });
    this.#options.announce(this.#options.strings().reported);
    if (reason) emit(this.#host, 'novu-report', { reason });
    else emit(this.#host, 'novu-block', {});
    try {
      await done;
    } catch (error) {
      const failure = asNovuError(error);
      this.#reportError(failure);
      throw failure;
    }
  }

  toggleMic(): void {
    const client = this.#client;
    if (!client) return;
    client.setMicEnabled(!client.micEnabled);
    this.#set({ micEnabled: client.micEnabled });
  }

  toggleCamera(): void {
    const client = this.#client;
    if (!client) return;
    client.setCameraEnabled(!client.cameraEnabled);
    this.#set({ cameraEnabled: client.cameraEnabled });
  }

  /** The next camera of the device, in the call (no renegotiation: the SDK replaces the track). */
  async switchCamera(): Promise<void> {
    const client = this.#client;
    const track = client?.localStream?.getVideoTracks()[0];
    if (!client || !track) return;
    const cameras = await client.listDevices('videoinput');
    if (cameras.length < 2) return;
    const current = track.getSettings().deviceId;
    const index = cameras.findIndex((c) => c.deviceId === current);
    const next = cameras[(index + 1) % cameras.length];
    if (!next) return;
    try {
      await client.selectDevice('videoinput', next.deviceId);
      this.#host.requestUpdate();
    } catch (error) {
      if (error instanceof NovuError) emit(this.#host, 'novu-error', { code: error.code, message: error.message });
    }
  }

  // ── the client ────────────────────────────────────────────────────────────

  #ensureClient(): NovuClient | null {
    if (this.#client) return this.#client;
    const settings = this.#options.settings();
    const server = (settings.server ?? '').trim();
    if (!server) return this.#configError('The server attribute is missing');
    let url: string;
    try {
      const resolved = new URL(server, document.baseURI);
      url = resolved.pathname === '/' && !resolved.search ? resolved.origin : resolved.href;
    } catch {
      return this.#configError(`The server address "${server}" is not a URL`);
    }
    const options = settings.clientOptions ?? {};
    const client = new NovuClient({
      ...options,
      url,
      ...(settings.siteKey ? { siteKey: settings.siteKey } : {}),
      ...(settings.termsAccepted ? { termsAccepted: true } : {}),
      ...(settings.relayOnly ? { iceTransportPolicy: 'relay' } : {}),
      // Read at every connection: the site may set a fresh token after `captcha_failed`.
      captchaToken: async () => {
        const token = this.#options.settings().captchaToken ?? options.captchaToken;
        return (typeof token === 'function' ? await token() : token) ?? '';
      },
    });
    this.#client = client;
    this.#set({ micEnabled: client.micEnabled, cameraEnabled: client.cameraEnabled });
    this.#unsubscribe = this.#bind(client);
    return client;
  }

  #configError(message: string): null {
    this.#set({ notice: { kind: 'config' } });
    this.#reportError(new NovuError('invalid_state', message));
    return null;
  }

  #bind(client: NovuClient): Array<() => void> {
    return [
      client.on('state', (state) => this.#onState(state)),
      client.on('match', (match) => this.#onMatch(match)),
      client.on('localStream', (stream) => {
        this.#set({ localStream: stream });
        if (stream) void this.#countCameras();
      }),
      client.on('remoteStream', (stream) => this.#set({ remoteStream: stream })),
      client.on('message', (message) => {
        this.#addLine({ id: message.id, text: message.text, from: 'partner', ts: message.ts });
        this.#set({ partnerTyping: false });
        emit(this.#host, 'novu-message', { id: message.id, text: message.text, from: 'partner', ts: message.ts });
      }),
      client.on('typing', (typing) => this.#set({ partnerTyping: typing })),
      client.on('partnerLeft', ({ reason }) => {
        const t = this.#options.strings();
        const text = partnerLeftText(t, reason);
        this.#set({ partnerLeftReason: reason, partnerReconnecting: false });
        this.#addLine({ id: `sys-${++this.#localId}`, text, from: 'system', ts: Date.now() });
        this.#options.announce(`${text} ${t.partnerLeftHint}`);
        emit(this.#host, 'novu-partner-left', { reason });
      }),
      client.on('partnerReconnecting', () => this.#set({ partnerReconnecting: true })),
      client.on('partnerReconnected', () => this.#set({ partnerReconnecting: false })),
      client.on('stats', (stats) => this.#set({ online: stats.online })),
      client.on('error', (error) => this.#reportError(error)),
    ];
  }

  #onState(state: ClientState): void {
    if (state === 'searching' || state === 'connecting' || state === 'idle' || state === 'error') {
      if (this.#snapshot.inCall || state === 'idle') this.#resetConversation();
    }
    if (state === 'idle') this.#set({ localStream: null, remoteStream: null, reported: false });
    // Nobody types outside a chat.
    this.#set(state === 'matched' ? { state } : { state, partnerTyping: false });
    emit(this.#host, 'novu-state-change', { state });
  }

  #onMatch(match: MatchInfo): void {
    const t = this.#options.strings();
    const common = match.commonInterests.length ? ` ${format(t.commonInterests, { interests: match.commonInterests.join(', ') })}.` : '';
    this.#set({
      inCall: true,
      reported: false,
      match,
      partnerLeftReason: null,
      partnerReconnecting: false,
      lines: [{ id: `sys-${++this.#localId}`, text: t.matched, from: 'system', ts: Date.now() }],
    });
    this.#options.announce(`${t.matched}${common}`);
    emit(this.#host, 'novu-match', { commonInterests: [...match.commonInterests], mode: match.mode });
  }

  #reportError(error: NovuError): void {
    const code = error.code;
    if (code === 'media_denied' || code === 'media_unavailable' || code === 'unsupported') {
      this.#set({ notice: { kind: 'media', code } });
    } else if (code === 'rate_limited' && this.#snapshot.state !== 'error') {
      this.#options.toast(errorText(this.#options.strings(), code));
    } else if (code === 'terms_required') {
      this.#set({ termsNeeded: true });
      this.#options.announce(this.#options.strings().termsAccept);
      this.#options.termsRequired();
    }
    // A missing server is explained by its own notice, not as an error code.
    const lastError = code !== 'invalid_state' || !this.#options.settings().server ? code : this.#snapshot.lastError;
    this.#set({ lastError, retryAfterMs: error.retryAfterMs });
    emit(this.#host, 'novu-error', { code, message: error.message, retryAfterMs: error.retryAfterMs });
  }

  async #countCameras(): Promise<void> {
    try {
      const cameras = await (this.#client?.listDevices('videoinput') ?? Promise.resolve([]));
      this.#set({ cameraCount: cameras.length });
    } catch {
      this.#set({ cameraCount: 0 });
    }
  }

  // ── the snapshot ──────────────────────────────────────────────────────────

  #resetConversation(): void {
    this.#set(NO_CONVERSATION);
    this.#options.conversationReset();
  }

  #addLine(line: ChatLine): void {
    this.#set({ lines: [...this.#snapshot.lines, line] });
  }

  #updateLine(id: string, patch: Partial<ChatLine>): void {
    this.#set({ lines: this.#snapshot.lines.map((line) => (line.id === id ? { ...line, ...patch } : line)) });
  }

  #set(patch: Partial<ChatSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.#host.requestUpdate();
  }
}
