import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  NovuClient,
  NovuError,
  type ClientState,
  type MatchInfo,
  type Mode,
  type NovuClientOptions,
  type PartnerLeftReasonInfo,
  type ReportReason,
} from '@novu-chat/sdk';
import { parseInterests } from '@novu-chat/protocol';
import { emit } from './events.js';
import { format, languages, resolveStrings, type NovuStrings } from './i18n/index.js';
import { base } from './styles/base.js';
import { call } from './styles/call.js';
import { tokens } from './styles/tokens.js';
import { views } from './styles/views.js';
import { callView } from './views/call.js';
import type { ChatLine, NovuLayout, Notice, ViewActions, ViewContext } from './views/context.js';
import { icons } from './views/icons.js';
import { landingView } from './views/landing.js';
import { errorText, noticeView } from './views/notices.js';
import { searchingView } from './views/searching.js';

export type { ChatLine, NovuLayout } from './views/context.js';

/** The site owner's colour scheme: `auto` follows the visitor's system setting. */
export type NovuTheme = 'light' | 'dark' | 'auto';

/** Advanced options handed to the SDK's `NovuClient` (ICE servers, media constraints, client id…). */
export type NovuChatClientOptions = Partial<Omit<NovuClientOptions, 'url' | 'siteKey'>>;

/** Where the visitor's own theme choice is kept. */
export const THEME_STORAGE_KEY = 'novu-chat:theme';

const LAYOUTS: readonly NovuLayout[] = ['split', 'video', 'chat'];
const CONFIRM_NEXT_MS = 3_000;

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

const shallowEqual = (a: object | null | undefined, b: object | null | undefined): boolean => {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
};

/**
 * `<novu-chat>`: a complete anonymous 1-on-1 video and text chat with strangers.
 *
 * ```html
 * <script type="module" src="https://cdn.example/@novu-chat/elements/dist/cdn/novu-chat.js"></script>
 * <novu-chat server="https://signal.example.com" interests="music, games"></novu-chat>
 * ```
 *
 * @summary Anonymous video and text chat with strangers, in one tag.
 *
 * @attr lang - The language of the interface (`en`, `es`); default: the nearest `lang` of the page, then the browser's.
 *
 * @slot header - Your branding, in place of the default logo and title.
 * @slot terms - The terms/age notice under the start button.
 *
 * @fires {CustomEvent<NovuStateChangeDetail>} novu-state-change - The state changed.
 * @fires {CustomEvent<NovuMatchDetail>} novu-match - A partner was found.
 * @fires {CustomEvent<NovuMessageDetail>} novu-message - A message was sent (`from: 'me'`) or received (`from: 'partner'`).
 * @fires {CustomEvent<NovuPartnerLeftDetail>} novu-partner-left - The partner left.
 * @fires {CustomEvent<NovuErrorDetail>} novu-error - Something went wrong (camera refused, server unreachable, banned, captcha failed…).
 * @fires {CustomEvent<NovuReportDetail>} novu-report - The visitor reported the partner (and moved on).
 * @fires {CustomEvent<NovuBlockDetail>} novu-block - The visitor blocked the partner (and moved on).
 *
 * @csspart base - The element's root box (header and main area).
 * @csspart header - The header bar (branding, online count, theme toggle).
 * @csspart online-pill - The online count in the header.
 * @csspart landing - The start screen.
 * @csspart mode-choice - The video/text choice.
 * @csspart interests-input - The interests chips input.
 * @csspart start-button - The start button.
 * @csspart terms - The terms/age notice.
 * @csspart terms-accept - The required "18 or older, I accept the terms" checkbox (servers that require it).
 * @csspart searching - The searching screen.
 * @csspart online-count - The online count while searching.
 * @csspart cancel-button - Cancel while searching (also a `stop-button`).
 * @csspart call - The call view (stage and chat).
 * @csspart stage - The video area.
 * @csspart remote-video - The stranger's video.
 * @csspart local-video - Your own video (picture-in-picture; the preview while searching).
 * @csspart controls - The call controls.
 * @csspart banner - "Reconnecting…" / "The stranger is reconnecting…" over the call.
 * @csspart next-button - Next stranger.
 * @csspart stop-button - Stop (also the cancel button while searching).
 * @csspart mute-button - Microphone on/off.
 * @csspart camera-button - Camera on/off.
 * @csspart switch-camera-button - Switch camera (shown with more than one).
 * @csspart layout-button - Split / video focus / chat focus.
 * @csspart report-button - Opens the report/block dialog (on the video; in the toolbar in text mode).
 * @csspart report-dialog - The report/block dialog.
 * @csspart report-reason - A reason button of that dialog.
 * @csspart block-button - Block without reporting (in that dialog).
 * @csspart safety-note - "Thanks — you won't be matched with them again." while searching again.
 * @csspart chat - The chat panel.
 * @csspart common-interests - The shared interests line.
 * @csspart message-list - The list of messages.
 * @csspart typing-indicator - "Stranger is typing…".
 * @csspart composer - The message form.
 * @csspart message-input - The message input.
 * @csspart send-button - The send button.
 * @csspart partner-left - The "stranger left" card.
 * @csspart find-next-button - The button of that card.
 * @csspart notice - Camera refused, no camera, or an error.
 * @csspart text-mode-button - "Use text chat" on the camera-refused notice.
 * @csspart retry-button - Try again, on an error notice.
 * @csspart theme-button - The theme toggle.
 *
 * @cssprop --novu-font - Font stack (default: the system font).
 * @cssprop --novu-radius - Corner radius of the panels.
 * @cssprop --novu-radius-small - Corner radius of small surfaces.
 * @cssprop --novu-bg - Background of the element.
 * @cssprop --novu-surface - Panels and cards.
 * @cssprop --novu-surface-2 - Secondary surfaces (partner bubbles, chips).
 * @cssprop --novu-text - Text colour.
 * @cssprop --novu-muted - Secondary text.
 * @cssprop --novu-border - Borders.
 * @cssprop --novu-accent - Primary colour (buttons, your bubbles).
 * @cssprop --novu-accent-hover - Primary colour on hover.
 * @cssprop --novu-accent-contrast - Text on the primary colour.
 * @cssprop --novu-accent-soft - Tinted background (chips, selected mode).
 * @cssprop --novu-accent-soft-text - Text on the tinted background.
 * @cssprop --novu-danger - The stop button.
 * @cssprop --novu-danger-contrast - Text on the danger colour.
 * @cssprop --novu-stage - Background behind the videos.
 * @cssprop --novu-bubble-me - Your message bubbles.
 * @cssprop --novu-bubble-partner - The stranger's message bubbles.
 * @cssprop --novu-focus - The focus ring.
 */
export class NovuChat extends LitElement {
  static override styles = [tokens, base, views, call];

  static override properties: PropertyDeclarations = {
    server: { reflect: true },
    siteKey: { attribute: 'site-key', reflect: true },
    interests: { noAccessor: true },
    mode: { reflect: true },
    theme: { reflect: true },
    layout: { reflect: true },
    autostart: { type: Boolean, reflect: true },
    relayOnly: { type: Boolean, attribute: 'relay-only', reflect: true },
    termsAccepted: { type: Boolean, attribute: 'terms-accepted', reflect: true },
    captchaToken: { attribute: false },
    strings: { attribute: false, hasChanged: (a: object | null, b: object | null) => !shallowEqual(a, b) },
    clientOptions: { attribute: false, hasChanged: (a: object | null, b: object | null) => !shallowEqual(a, b) },
    _state: { state: true },
    _notice: { state: true },
    _lines: { state: true },
    _draft: { state: true },
    _typing: { state: true },
    _partnerReconnecting: { state: true },
    _leftReason: { state: true },
    _match: { state: true },
    _online: { state: true },
    _local: { state: true },
    _remote: { state: true },
    _mic: { state: true },
    _camera: { state: true },
    _cameras: { state: true },
    _confirmNext: { state: true },
    _composing: { state: true },
    _toast: { state: true },
    _announcement: { state: true },
    _userTheme: { state: true },
    _systemDark: { state: true },
    _reported: { state: true },
    _termsNeeded: { state: true },
  };

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /**
   * The Novu Chat server, e.g. `https://signal.example.com`. A relative URL (`/`) is resolved
   * against the page. Changing it while chatting starts over on the new server.
   */
  declare server: string;
  /** The site key, for servers that host several sites (attribute `site-key`). */
  declare siteKey: string;
  /** `video` (camera, microphone and chat; the default) or `text` (chat only). */
  declare mode: Mode;
  /**
   * The site owner's default theme: `light`, `dark` or `auto` (the visitor's system setting).
   * Once the visitor toggles the theme in the interface, their choice (kept in `localStorage`) wins.
   */
  declare theme: NovuTheme;
  /** Arrangement of a video call: `split` (video and chat side by side), `video` (video focus) or `chat` (chat focus). */
  declare layout: NovuLayout;
  /** Start looking for a partner as soon as the element is on the page (video mode asks for the camera at once). */
  declare autostart: boolean;
  /**
   * Send media only through TURN relays, so strangers never learn the visitor's IP address
   * (attribute `relay-only`; the SDK's `iceTransportPolicy: 'relay'`). Needs a server with TURN.
   */
  declare relayOnly: boolean;
  /**
   * The visitor accepted the terms and confirmed their age (attribute `terms-accepted`). Servers that
   * require it refuse without; the element then shows a required checkbox that sets this and retries.
   */
  declare termsAccepted: boolean;
  /**
   * A bot-defence (captcha) token for servers that check one: a string, or a function returning a
   * fresh one (called for every new connection). Read at each connection, so a new token needs no
   * restart. On `captcha_failed` the element shows an error and fires `novu-error`: run your captcha
   * again, set the new token, and the visitor retries.
   */
  declare captchaToken: NovuClientOptions['captchaToken'] | null;
  /** Overrides of any interface text (merged over the language pack), e.g. `{ terms: 'Be nice.' }`. */
  declare strings: Partial<NovuStrings> | null;
  /** Advanced SDK options: `iceServers`, `iceTransportPolicy`, `media` constraints, `clientId`… */
  declare clientOptions: NovuChatClientOptions | null;

  private declare _state: ClientState;
  private declare _notice: Notice | null;
  private declare _lines: ChatLine[];
  private declare _draft: string;
  private declare _typing: boolean;
  private declare _partnerReconnecting: boolean;
  private declare _leftReason: PartnerLeftReasonInfo | null;
  private declare _match: MatchInfo | null;
  private declare _online: number | null;
  private declare _local: MediaStream | null;
  private declare _remote: MediaStream | null;
  private declare _mic: boolean;
  private declare _camera: boolean;
  private declare _cameras: number;
  private declare _confirmNext: boolean;
  private declare _composing: boolean;
  private declare _toast: string | null;
  private declare _reported: boolean;
  private declare _termsNeeded: boolean;
  private declare _announcement: string;
  private declare _userTheme: 'light' | 'dark' | null;
  private declare _systemDark: boolean;

  #interests: string[] = [];
  #client: NovuClient | null = null;
  #unsubscribe: Array<() => void> = [];
  /** The room's state survives `reconnecting`: whether the call view is shown. */
  #inCall = false;
  #lastError = '';
  #retryAfter: number | undefined;
  #localId = 0;
  #confirmTimer: ReturnType<typeof setTimeout> | undefined;
  #toastTimer: ReturnType<typeof setTimeout> | undefined;
  #stickToBottom = true;
  #media: MediaQueryList | null = null;
  #autostarted = false;

  constructor() {
    super();
    this.server = '';
    this.siteKey = '';
    this.mode = 'video';
    this.theme = 'auto';
    this.layout = 'split';
    this.autostart = false;
    this.strings = null;
    this.clientOptions = null;
    this._state = 'idle';
    this._notice = null;
    this._lines = [];
    this._draft = '';
    this._typing = false;
    this._partnerReconnecting = false;
    this._leftReason = null;
    this._match = null;
    this._online = null;
    this._local = null;
    this._remote = null;
    this._mic = true;
    this._camera = true;
    this._cameras = 0;
    this._confirmNext = false;
    this._composing = false;
    this._toast = null;
    this._announcement = '';
    this._userTheme = null;
    this._systemDark = false;
    this._reported = false;
    this._termsNeeded = false;
    this.relayOnly = false;
    this.termsAccepted = false;
    this.captchaToken = null;
    this.addEventListener('keydown', this.#onKeydown);
  }

  // ── public API ────────────────────────────────────────────────────────────

  /**
   * Interests to be matched on. Accepts an array or the attribute form (`"music, games"` or
   * `"a,b"`); reads back as an array. Assigning an equal list changes nothing.
   */
  get interests(): string[] {
    return this.#interests;
  }
  set interests(value: readonly string[] | string | null | undefined) {
    const next = parseInterests(value);
    const old = this.#interests;
    if (sameList(old, next)) return;
    this.#interests = next;
    this.requestUpdate('interests', old);
  }

  /** The current state: `idle`, `connecting`, `searching`, `matched`, `reconnecting`, `partner-left` or `error`. */
  get state(): ClientState {
    return this._state;
  }

  /** The SDK client behind the element (for advanced use: `getStats()`, `listDevices()`…), or `null` before the first start. */
  get client(): NovuClient | null {
    return this.#client;
  }

  /** The theme in use: the visitor's choice, else the `theme` attribute (with `auto` resolved). */
  get resolvedTheme(): 'light' | 'dark' {
    const chosen = this._userTheme ?? this.theme;
    if (chosen === 'dark' || chosen === 'light') return chosen;
    return this._systemDark ? 'dark' : 'light';
  }

  /**
   * Ask for the camera (video mode), connect and look for a partner. Never rejects: a refused
   * camera, an unreachable server… are shown in the interface and dispatched as `novu-error`.
   * Resolves once searching (or once the failure is shown).
   */
  async start(): Promise<void> {
    await this.#start(this.mode);
  }

  /** Leave the current partner (they are told you skipped) and look for a new one. */
  next(): void {
    this.#clearConfirm();
    this.#client?.next();
  }

  /** Hang up: leave the room or the queue, disconnect and release the camera and microphone. */
  stop(): void {
    this.#clearConfirm();
    this.#client?.stop();
    this._notice = null;
  }

  /**
   * Send a chat message to the partner. It shows in the conversation at once and a
   * `novu-message` event (`from: 'me'`) follows once the server relayed it.
   * @throws {@link NovuError} `invalid_state` when not matched; `invalid_payload`, `rate_limited`, `timeout` from the server.
   */
  async send(text: string): Promise<void> {
    const client = this.#client;
    const trimmed = text.trim();
    if (!client || client.state !== 'matched') throw new NovuError('invalid_state', 'Not in a chat');
    if (!trimmed) throw new NovuError('invalid_payload', 'A message cannot be empty');
    const id = `local-${++this.#localId}`;
    this.#stickToBottom = true;
    this._lines = [...this._lines, { id, text: trimmed, from: 'me', ts: Date.now(), pending: true }];
    try {
      const sent = await client.sendMessage(trimmed);
      this.#updateLine(id, { id: sent.id, ts: sent.ts, pending: false });
      emit(this, 'novu-message', { id: sent.id, text: sent.text, from: 'me', ts: sent.ts });
    } catch (error) {
      this.#updateLine(id, { pending: false, failed: true });
      const failure = error instanceof NovuError ? error : new NovuError('internal_error', String(error));
      this.#reportError(failure);
      throw failure;
    }
  }

  /**
   * Report the partner (or, after they left, the partner who just left) and move on: their video
   * goes at once, the two are never matched again, and the search for someone new starts. The
   * interface does this from its report dialog. Fires `novu-report`.
   * @param reason - `nudity`, `harassment`, `spam`, `underage` or `other` (the SDK's `REPORT_REASONS`).
   * @throws {@link NovuError} `invalid_state` without a partner; `rate_limited`, `timeout` from the server.
   */
  async report(reason: ReportReason): Promise<void> {
    await this.#moderate(reason);
  }

  /** Block the partner (never matched again) without reporting them, and move on like {@link NovuChat.report}. Fires `novu-block`. */
  async block(): Promise<void> {
    await this.#moderate();
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    try {
      const stored = globalThis.localStorage?.getItem(THEME_STORAGE_KEY);
      this._userTheme = stored === 'dark' || stored === 'light' ? stored : null;
    } catch {
      this._userTheme = null;
    }
    this.#media = globalThis.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    this._systemDark = this.#media?.matches ?? false;
    this.#media?.addEventListener('change', this.#onSchemeChange);
    document.addEventListener('keydown', this.#onDocumentKeydown);
    globalThis.visualViewport?.addEventListener('resize', this.#fitViewport);
    if (this.autostart && !this.#autostarted && this._state === 'idle') {
      this.#autostarted = true;
      void this.updateComplete.then(() => {
        if (this.isConnected && this._state === 'idle') void this.start();
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#media?.removeEventListener('change', this.#onSchemeChange);
    document.removeEventListener('keydown', this.#onDocumentKeydown);
    globalThis.visualViewport?.removeEventListener('resize', this.#fitViewport);
    // A framework unmount hangs up and releases the camera; a move within the page (removed and
    // inserted again in the same task) does not.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#autostarted = false;
      this.#dropClient();
      this.#resetConversation();
      this._state = 'idle';
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.hasUpdated && ['server', 'siteKey', 'clientOptions', 'relayOnly', 'termsAccepted'].some((key) => changed.has(key))) {
      const client = this.#client;
      const active = client !== null && client.state !== 'idle' && client.state !== 'error';
      this.#dropClient();
      if (active) void this.start();
    }
    const theme = this.resolvedTheme;
    if (this.getAttribute('data-theme') !== theme) this.setAttribute('data-theme', theme);
    if (changed.has('_state') && this._state !== 'matched') this._typing = false;
    const list = this.renderRoot.querySelector?.('.messages');
    if (list && changed.has('_lines') && !this.#stickToBottom) {
      this.#stickToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    }
  }

  protected override updated(): void {
    const list = this.renderRoot.querySelector('.messages');
    if (list && this.#stickToBottom) list.scrollTop = list.scrollHeight;
  }

  // ── rendering ─────────────────────────────────────────────────────────────

  #lang(): string {
    return (
      this.getAttribute('lang') ||
      this.closest('[lang]')?.getAttribute('lang') ||
      globalThis.document?.documentElement.lang ||
      globalThis.navigator?.language ||
      'en'
    );
  }

  #strings(): NovuStrings {
    return resolveStrings(this.#lang(), this.strings);
  }

  #layout(): NovuLayout {
    return LAYOUTS.includes(this.layout) ? this.layout : 'split';
  }

  protected override render(): TemplateResult {
    const t = this.#strings();
    const ctx = this.#context(t);
    const dark = this.resolvedTheme === 'dark';
    const themeLabel = dark ? t.themeToLight : t.themeToDark;
    return html`
      <div class="root" part="base">
        <header class="header" part="header">
          <div class="header-slot">
            <slot name="header"><div class="brand">${icons.logo()}<span>${t.title}</span></div></slot>
          </div>
          <div class="header-actions">
            ${this._online !== null
              ? html`<span class="pill online" part="online-pill"><span class="dot"></span>${format(t.online, { count: this._online })}</span>`
              : nothing}
            <button class="btn btn-ghost btn-icon" part="theme-button" type="button" aria-label=${themeLabel} title=${themeLabel} @click=${this.#toggleTheme}>
              ${dark ? icons.sun() : icons.moon()}
            </button>
          </div>
        </header>
        <main class="main">${this.#view(ctx)}</main>
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
      </div>
    `;
  }

  #view(ctx: ViewContext): TemplateResult {
    const state = this._state;
    // Refused for want of the terms: the start screen, with the required checkbox.
    if (state === 'error' && !this._termsNeeded) {
      return noticeView(ctx, { kind: 'error', code: this.#lastError || 'internal_error', retryAfterMs: this.#retryAfter });
    }
    if (state === 'idle' || state === 'error') return this._notice ? noticeView(ctx, this._notice) : landingView(ctx);
    if (state === 'matched' || state === 'partner-left' || (state === 'reconnecting' && this.#inCall)) return callView(ctx);
    return searchingView(ctx);
  }

  #context(t: NovuStrings): ViewContext {
    const state = this._state;
    // Intl formatting follows the strings in use (English for languages without a pack).
    const lang = this.#lang().toLowerCase().split('-')[0] ?? '';
    return {
      t,
      lang: Object.hasOwn(languages, lang) ? lang : 'en',
      state,
      mode: this.mode === 'text' ? 'text' : 'video',
      roomMode: this._match?.mode ?? (this.mode === 'text' ? 'text' : 'video'),
      layout: this.#layout(),
      interests: this.#interests,
      commonInterests: this._match?.commonInterests ?? [],
      online: this._online,
      lines: this._lines,
      draft: this._draft,
      partnerTyping: this._typing,
      partnerReconnecting: this._partnerReconnecting,
      partnerLeftReason: this._leftReason,
      notice: this._notice,
      localStream: this._local,
      remoteStream: this._remote,
      micEnabled: this._mic,
      cameraEnabled: this._camera,
      canSwitchCamera: this._cameras > 1,
      confirmNext: this._confirmNext,
      composing: this._composing,
      toast: this._toast,
      reportable: state === 'matched' || state === 'partner-left',
      reported: this._reported,
      termsNeeded: this._termsNeeded,
      actions: this.#actions,
    };
  }

  readonly #actions: ViewActions = {
    start: (mode?: Mode) => void this.#start(mode ?? this.mode),
    next: () => this.next(),
    stop: () => this.stop(),
    back: () => {
      this._notice = null;
      this.#lastError = '';
      if (this._state === 'error') this.#client?.stop();
    },
    setMode: (mode: Mode) => {
      this.mode = mode;
    },
    addInterest: (text: string) => {
      this.interests = [...this.#interests, ...parseInterests(text)];
    },
    removeInterest: (interest: string) => {
      this.interests = this.#interests.filter((i) => i !== interest);
    },
    draftInput: (event: InputEvent) => {
      this._draft = (event.target as HTMLInputElement).value;
      this.#client?.setTyping(this._draft.trim().length > 0);
    },
    send: (event: SubmitEvent) => {
      event.preventDefault();
      const text = this._draft;
      if (!text.trim()) return;
      this._draft = '';
      this.send(text).catch(() => undefined);
    },
    retry: (line: ChatLine) => {
      this._lines = this._lines.filter((l) => l !== line);
      this.send(line.text).catch(() => undefined);
    },
    toggleMic: () => {
      const client = this.#client;
      if (!client) return;
      client.setMicEnabled(!client.micEnabled);
      this._mic = client.micEnabled;
    },
    toggleCamera: () => {
      const client = this.#client;
      if (!client) return;
      client.setCameraEnabled(!client.cameraEnabled);
      this._camera = client.cameraEnabled;
    },
    switchCamera: () => void this.#switchCamera(),
    cycleLayout: () => {
      const current = LAYOUTS.indexOf(this.#layout());
      this.layout = LAYOUTS[(current + 1) % LAYOUTS.length] ?? 'split';
    },
    composerFocus: (focused: boolean) => {
      this._composing = focused;
      if (focused) this.#stickToBottom = true;
      this.#fitViewport();
    },
    openReport: () => {
      const dialog = this.renderRoot.querySelector('dialog');
      if (!dialog) return;
      dialog.returnValue = '';
      dialog.showModal();
    },
    reportClosed: (event: Event) => {
      const value = (event.target as HTMLDialogElement).returnValue;
      this.#focus('report-button');
      if (!value) return;
      (value === 'block' ? this.block() : this.report(value as ReportReason)).catch(() => undefined);
      // The call view is gone: keyboard users land on the searching view's cancel button.
      void this.updateComplete.then(() => this.#focus('cancel-button'));
    },
    dialogKey: (event: KeyboardEvent) => {
      // Escape closes the dialog (natively); it must not also arm "Esc twice skips".
      if (event.key === 'Escape') event.stopPropagation();
      if (event.key !== 'Tab') return;
      const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
      const first = buttons[0];
      const last = buttons[buttons.length - 1];
      const active = this.shadowRoot?.activeElement;
      if (event.shiftKey ? active === first : active === last) {
        event.preventDefault();
        (event.shiftKey ? last : first)?.focus();
      }
    },
    acceptTerms: () => {
      this.termsAccepted = true;
      // Once the update has dropped the client made without it, start again with a new one.
      void this.updateComplete.then(() => {
        this._termsNeeded = false;
        void this.#start(this.mode);
      });
    },
  };

  // ── behaviour ─────────────────────────────────────────────────────────────

  async #start(mode: Mode): Promise<void> {
    this._notice = null;
    this.#lastError = '';
    if (mode !== this.mode) this.mode = mode;
    const client = this.#ensureClient();
    if (!client) return;
    this.#resetConversation();
    try {
      await client.start({ interests: [...this.#interests], mode });
    } catch {
      // Reported through the client's error event (see #reportError).
    }
  }

  #ensureClient(): NovuClient | null {
    if (this.#client) return this.#client;
    const server = (this.server ?? '').trim();
    if (!server) {
      this._notice = { kind: 'config' };
      this.#reportError(new NovuError('invalid_state', 'The server attribute is missing'));
      return null;
    }
    let url: string;
    try {
      const resolved = new URL(server, document.baseURI);
      url = resolved.pathname === '/' && !resolved.search ? resolved.origin : resolved.href;
    } catch {
      this._notice = { kind: 'config' };
      this.#reportError(new NovuError('invalid_state', `The server address "${server}" is not a URL`));
      return null;
    }
    const options = this.clientOptions ?? {};
    const client = new NovuClient({
      ...options,
      url,
      ...(this.siteKey ? { siteKey: this.siteKey } : {}),
      ...(this.termsAccepted ? { termsAccepted: true } : {}),
      ...(this.relayOnly ? { iceTransportPolicy: 'relay' } : {}),
      // Read at every connection: the site may set a fresh token after `captcha_failed`.
      captchaToken: async () => {
        const token = this.captchaToken ?? options.captchaToken;
        return (typeof token === 'function' ? await token() : token) ?? '';
      },
    });
    this.#client = client;
    this._mic = client.micEnabled;
    this._camera = client.cameraEnabled;
    this.#unsubscribe = [
      client.on('state', (state) => this.#onState(state)),
      client.on('match', (match) => this.#onMatch(match)),
      client.on('localStream', (stream) => {
        this._local = stream;
        if (stream) void this.#countCameras();
      }),
      client.on('remoteStream', (stream) => {
        this._remote = stream;
      }),
      client.on('message', (message) => {
        this._lines = [...this._lines, { id: message.id, text: message.text, from: 'partner', ts: message.ts }];
        this._typing = false;
        emit(this, 'novu-message', { id: message.id, text: message.text, from: 'partner', ts: message.ts });
      }),
      client.on('typing', (typing) => {
        this._typing = typing;
      }),
      client.on('partnerLeft', ({ reason }) => {
        this._leftReason = reason;
        this._partnerReconnecting = false;
        const t = this.#strings();
        const text = reason === 'skipped' ? t.partnerSkipped : reason === 'connection-lost' || reason === 'peer-failed' ? t.partnerConnectionLost : t.partnerLeft;
        this._lines = [...this._lines, { id: `sys-${++this.#localId}`, text, from: 'system', ts: Date.now() }];
        this.#announce(`${text} ${t.partnerLeftHint}`);
        emit(this, 'novu-partner-left', { reason });
      }),
      client.on('partnerReconnecting', () => {
        this._partnerReconnecting = true;
      }),
      client.on('partnerReconnected', () => {
        this._partnerReconnecting = false;
      }),
      client.on('stats', (stats) => {
        this._online = stats.online;
      }),
      client.on('error', (error) => this.#reportError(error)),
    ];
    return client;
  }

  #dropClient(): void {
    const client = this.#client;
    if (!client) return;
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#client = null;
    client.destroy();
    this._local = null;
    this._remote = null;
  }

  #resetConversation(): void {
    this._lines = [];
    this._draft = '';
    this._typing = false;
    this._match = null;
    this._leftReason = null;
    this._partnerReconnecting = false;
    this.#inCall = false;
    this.#clearConfirm();
  }

  #onState(state: ClientState): void {
    if (state === 'searching' || state === 'connecting' || state === 'idle' || state === 'error') {
      if (this.#inCall || state === 'idle') this.#resetConversation();
    }
    if (state === 'idle') {
      this._local = null;
      this._remote = null;
      this._reported = false;
    }
    this._state = state;
    emit(this, 'novu-state-change', { state });
  }

  #onMatch(match: MatchInfo): void {
    const t = this.#strings();
    this.#inCall = true;
    this._reported = false;
    this._match = match;
    this._leftReason = null;
    this._partnerReconnecting = false;
    this.#stickToBottom = true;
    const common = match.commonInterests.length ? ` ${format(t.commonInterests, { interests: match.commonInterests.join(', ') })}.` : '';
    this._lines = [{ id: `sys-${++this.#localId}`, text: t.matched, from: 'system', ts: Date.now() }];
    this.#announce(`${t.matched}${common}`);
    emit(this, 'novu-match', { commonInterests: [...match.commonInterests], mode: match.mode });
  }

  #reportError(error: NovuError): void {
    const code = error.code;
    if (code === 'media_denied' || code === 'media_unavailable' || code === 'unsupported') {
      this._notice = { kind: 'media', code };
    } else if (code === 'rate_limited' && this._state !== 'error') {
      this.#showToast(errorText(this.#strings(), code));
    } else if (code === 'terms_required') {
      this._termsNeeded = true;
      this.#announce(this.#strings().termsAccept);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#terms-check')?.focus());
    }
    if (code !== 'invalid_state' || !this.server) this.#lastError = code;
    this.#retryAfter = error.retryAfterMs;
    emit(this, 'novu-error', { code, message: error.message, retryAfterMs: error.retryAfterMs });
  }

  /** Report (with a reason) or block; see {@link NovuChat.report}. */
  async #moderate(reason?: ReportReason): Promise<void> {
    const client = this.#client;
    if (!client || (client.state !== 'matched' && client.state !== 'partner-left')) {
      throw new NovuError('invalid_state', 'There is no partner to report or block');
    }
    const done = reason ? client.report(reason) : client.block();
    this._remote = null;
    this._reported = true;
    this.#announce(this.#strings().reported);
    if (reason) emit(this, 'novu-report', { reason });
    else emit(this, 'novu-block', {});
    try {
      await done;
    } catch (error) {
      const failure = error instanceof NovuError ? error : new NovuError('internal_error', String(error));
      this.#reportError(failure);
      throw failure;
    }
  }

  #focus(part: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }

  #showToast(text: string): void {
    clearTimeout(this.#toastTimer);
    this._toast = text;
    this.#toastTimer = setTimeout(() => (this._toast = null), 5_000);
  }

  #announce(text: string): void {
    // Clear first so that the same text is announced again.
    this._announcement = '';
    requestAnimationFrame(() => (this._announcement = text));
  }

  #updateLine(id: string, patch: Partial<ChatLine>): void {
    this._lines = this._lines.map((line) => (line.id === id ? { ...line, ...patch } : line));
  }

  async #countCameras(): Promise<void> {
    try {
      const cameras = await (this.#client?.listDevices('videoinput') ?? Promise.resolve([]));
      this._cameras = cameras.length;
    } catch {
      this._cameras = 0;
    }
  }

  async #switchCamera(): Promise<void> {
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
      this.requestUpdate();
    } catch (error) {
      if (error instanceof NovuError) emit(this, 'novu-error', { code: error.code, message: error.message });
    }
  }

  #toggleTheme = (): void => {
    const next = this.resolvedTheme === 'dark' ? 'light' : 'dark';
    this._userTheme = next;
    try {
      globalThis.localStorage?.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable (privacy mode, sandboxed iframe): the choice lasts for this page.
    }
  };

  /**
   * While the visitor types, the on-screen keyboard may cover the page without shrinking `dvh`
   * (iOS Safari, Android Chrome ≥ 108): cap the element to the visible height (`--novu-vvh`,
   * unzoomed) and keep the composer in view.
   */
  #fitViewport = (): void => {
    const vv = globalThis.visualViewport;
    const composing = vv && this._composing;
    this.style.setProperty('--novu-vvh', composing ? `${vv.height * vv.scale}px` : '');
    this.updated();
    if (composing) this.renderRoot.querySelector('.composer')?.scrollIntoView({ block: 'nearest' });
  };

  #onSchemeChange = (event: MediaQueryListEvent): void => {
    this._systemDark = event.matches;
  };

  #clearConfirm(): void {
    clearTimeout(this.#confirmTimer);
    this._confirmNext = false;
  }

  /** Escape twice skips to the next stranger, like the classic; once is enough after the partner left. */
  #onEscape(): boolean {
    const state = this._state;
    if (state === 'partner-left') {
      this.next();
      return true;
    }
    if (state !== 'matched') return false;
    if (this._confirmNext) {
      this.next();
    } else {
      this._confirmNext = true;
      clearTimeout(this.#confirmTimer);
      this.#confirmTimer = setTimeout(() => (this._confirmNext = false), CONFIRM_NEXT_MS);
    }
    return true;
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    if (this.#onEscape()) event.preventDefault();
  };

  /** Escape on the page when nothing has focus (e.g. after clicking the video) also counts. */
  #onDocumentKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) return;
    if (this.#onEscape()) event.preventDefault();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'novu-chat': NovuChat;
  }
}
