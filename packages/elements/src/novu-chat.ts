import { html, LitElement, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { ClientState, Mode, NovuClient, NovuClientOptions, ReportReason } from '@novu-chat/sdk';
import { parseInterests } from '@novu-chat/protocol';
import { ChatSession, type ChatLine, type ChatSnapshot, type NovuChatClientOptions, type Notice } from './controllers/chat-session.js';
import { LiveRegionController } from './controllers/live-region.js';
import { MessageScrollController } from './controllers/message-scroll.js';
import { SkipShortcutController } from './controllers/skip-shortcut.js';
import { ThemeController, type NovuTheme } from './controllers/theme.js';
import { ViewportController } from './controllers/viewport.js';
import { sameList, shallowEqual } from './compare.js';
import { resolveStrings, type NovuStrings } from './i18n/index.js';
import { elementLang, formatLang } from './i18n/lang.js';
import { base } from './styles/base.js';
import { card } from './styles/card.js';
import { tokens } from './styles/tokens.js';
import { callLayoutStyles, callStyles } from './views/call.styles.js';
import { callView } from './views/call.js';
import { chatPanelStyles } from './views/chat-panel.styles.js';
import { controlsStyles } from './views/controls.styles.js';
import { headerStyles } from './views/header.styles.js';
import { headerView } from './views/header.js';
import { landingStyles } from './views/landing.styles.js';
import { landingView } from './views/landing.js';
import { LAYOUTS, type NovuLayout } from './views/layout.js';
import { noticeStyles } from './views/notice.styles.js';
import { noticeView } from './views/notice.js';
import { reportDialogStyles } from './views/report-dialog.styles.js';
import type { ReportChoice } from './views/report-dialog.js';
import { searchingStyles } from './views/searching.styles.js';
import { searchingView } from './views/searching.js';

export type { ChatLine, NovuChatClientOptions } from './controllers/chat-session.js';
export { THEME_STORAGE_KEY, type NovuTheme } from './controllers/theme.js';
export type { NovuLayout } from './views/layout.js';

/** Settings the SDK client is made from: changing one drops the client (and starts again if active). */
const CLIENT_SETTINGS = ['server', 'siteKey', 'clientOptions', 'relayOnly', 'termsAccepted'] as const;

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
  // In the order of the cascade: shared, then each view's, then the call layouts that rearrange them.
  static override styles = [tokens, base, headerStyles, card, landingStyles, noticeStyles, searchingStyles, callStyles,
    reportDialogStyles, controlsStyles, chatPanelStyles, callLayoutStyles];

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

  #interests: string[] = [];
  #autostarted = false;
  readonly #live = new LiveRegionController(this);
  readonly #theme = new ThemeController(this, () => this.theme);
  readonly #skip = new SkipShortcutController(this, { state: () => this.state, next: () => this.next() });
  readonly #scroll: MessageScrollController = new MessageScrollController(this, {
    list: () => this.renderRoot.querySelector?.('.messages') ?? null,
    lines: () => this.#session.snapshot.lines,
  });
  readonly #viewport: ViewportController = new ViewportController(this, {
    composer: () => this.renderRoot.querySelector('.composer'),
    fitted: () => this.#scroll.keepAtEnd(),
  });
  readonly #session: ChatSession = new ChatSession(this, {
    settings: () => this,
    strings: () => this.#strings(),
    announce: (text) => this.#live.announce(text),
    toast: (text) => this.#live.showToast(text),
    conversationReset: () => this.#skip.disarm(),
    termsRequired: () => void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#terms-check')?.focus()),
  });

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
    this.relayOnly = false;
    this.termsAccepted = false;
    this.captchaToken = null;
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
    return this.#session.snapshot.state;
  }

  /** The SDK client behind the element (for advanced use: `getStats()`, `listDevices()`…), or `null` before the first start. */
  get client(): NovuClient | null {
    return this.#session.client;
  }

  /** The theme in use: the visitor's choice, else the `theme` attribute (with `auto` resolved). */
  get resolvedTheme(): 'light' | 'dark' {
    return this.#theme.resolved;
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
    this.#skip.disarm();
    this.#session.next();
  }

  /** Hang up: leave the room or the queue, disconnect and release the camera and microphone. */
  stop(): void {
    this.#skip.disarm();
    this.#session.stop();
  }

  /**
   * Send a chat message to the partner. It shows in the conversation at once and a
   * `novu-message` event (`from: 'me'`) follows once the server relayed it.
   * @throws {@link NovuError} `invalid_state` when not matched; `invalid_payload`, `rate_limited`, `timeout` from the server.
   */
  async send(text: string): Promise<void> {
    await this.#session.send(text);
  }

  /**
   * Report the partner (or, after they left, the partner who just left) and move on: their video
   * goes at once, the two are never matched again, and the search for someone new starts. The
   * interface does this from its report dialog. Fires `novu-report`.
   * @param reason - `nudity`, `harassment`, `spam`, `underage` or `other` (the SDK's `REPORT_REASONS`).
   * @throws {@link NovuError} `invalid_state` without a partner; `rate_limited`, `timeout` from the server.
   */
  async report(reason: ReportReason): Promise<void> {
    await this.#session.moderate(reason);
  }

  /** Block the partner (never matched again) without reporting them, and move on like {@link NovuChat.report}. Fires `novu-block`. */
  async block(): Promise<void> {
    await this.#session.moderate();
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.autostart && !this.#autostarted && this.state === 'idle') {
      this.#autostarted = true;
      void this.updateComplete.then(() => {
        if (this.isConnected && this.state === 'idle') void this.start();
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback(); // the session hangs up unless the element is back in this task
    queueMicrotask(() => {
      if (!this.isConnected) this.#autostarted = false;
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // New connection settings: a new client, started at once if the old one was active.
    if (this.hasUpdated && CLIENT_SETTINGS.some((key) => changed.has(key)) && this.#session.drop()) void this.start();
  }

  // ── rendering ─────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    const t = this.#strings();
    const dark = this.resolvedTheme === 'dark';
    return html`
      <div class="root" part="base">
        ${headerView({ t, online: this.#session.snapshot.online, dark, onToggleTheme: () => this.#theme.toggle() })}
        <main class="main">${this.#view(t)}</main>
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.#live.announcement}</div>
      </div>
    `;
  }

  /** The screen for the state: the start screen, a notice, searching, or the call. The views' props
   * are narrow types; the snapshot's fields of the same names fill most of them. */
  #view(t: NovuStrings): TemplateResult {
    const s = this.#session.snapshot;
    const mode: Mode = this.mode === 'text' ? 'text' : 'video';
    const { state } = s;
    // Refused for want of the terms: the start screen, with the required checkbox.
    if (state === 'error' && !s.termsNeeded) {
      return this.#notice(t, { kind: 'error', code: s.lastError || 'internal_error', retryAfterMs: s.retryAfterMs });
    }
    if (state === 'idle' || state === 'error') {
      if (s.notice) return this.#notice(t, s.notice);
      return landingView({
        ...s, t, mode, interests: this.#interests,
        onStart: () => void this.#start(this.mode),
        onMode: (value) => (this.mode = value),
        onAddInterest: (text) => (this.interests = [...this.#interests, ...parseInterests(text)]),
        onRemoveInterest: (interest) => (this.interests = this.#interests.filter((i) => i !== interest)),
        onAcceptTerms: this.#acceptTerms,
      });
    }
    if (state === 'matched' || state === 'partner-left' || (state === 'reconnecting' && s.inCall)) return this.#call(t, s, mode);
    return searchingView({ ...s, t, mode, interests: this.#interests, onStop: () => this.stop() });
  }

  #notice(t: NovuStrings, notice: Notice): TemplateResult {
    return noticeView({ t, lang: formatLang(elementLang(this)), notice, onStart: (mode) => void this.#start(mode ?? this.mode), onBack: () => this.#session.back() });
  }

  #call(t: NovuStrings, s: ChatSnapshot, mode: Mode): TemplateResult {
    const { state } = s;
    const session = this.#session;
    const layout = this.#layout();
    return callView({
      ...s, t, layout,
      video: (s.match?.mode ?? mode) === 'video',
      composing: this.#viewport.composing,
      commonInterests: s.match?.commonInterests ?? [],
      reportable: state === 'matched' || state === 'partner-left',
      controls: {
        ...s, t, layout,
        active: state === 'matched' || state === 'partner-left' || state === 'reconnecting',
        canSwitchCamera: s.cameraCount > 1,
        confirmNext: this.#skip.armed,
        onToggleMic: () => session.toggleMic(),
        onToggleCamera: () => session.toggleCamera(),
        onSwitchCamera: () => void session.switchCamera(),
        onCycleLayout: () => (this.layout = LAYOUTS[(LAYOUTS.indexOf(layout) + 1) % LAYOUTS.length] ?? 'split'),
        onStop: () => this.stop(),
        onNext: () => this.next(),
      },
      chat: {
        ...s, t,
        matched: state === 'matched',
        toast: this.#live.toast,
        onDraft: (text) => session.setDraft(text),
        onSend: () => session.sendDraft(),
        onRetry: (line: ChatLine) => void session.retry(line).catch(() => undefined),
        onComposerFocus: (focused) => {
          if (focused) this.#scroll.stick();
          this.#viewport.setComposing(focused);
        },
      },
      onFindNext: () => this.next(),
      onReportClosed: this.#reportClosed,
    });
  }

  // ── behaviour ─────────────────────────────────────────────────────────────

  async #start(mode: Mode): Promise<void> {
    if (mode !== this.mode) this.mode = mode;
    await this.#session.start(mode, this.#interests);
  }

  #acceptTerms = (): void => {
    this.termsAccepted = true;
    // Once the update has dropped the client made without it, start again with a new one.
    void this.updateComplete.then(() => {
      this.#session.termsAccepted();
      void this.#start(this.mode);
    });
  };

  #reportClosed = (choice: ReportChoice): void => {
    this.#focus('report-button');
    if (!choice) return;
    (choice === 'block' ? this.block() : this.report(choice)).catch(() => undefined);
    // The call view is gone: keyboard users land on the searching view's cancel button.
    void this.updateComplete.then(() => this.#focus('cancel-button'));
  };

  #focus(part: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }

  #strings(): NovuStrings {
    return resolveStrings(elementLang(this), this.strings);
  }

  #layout(): NovuLayout {
    return LAYOUTS.includes(this.layout) ? this.layout : 'split';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'novu-chat': NovuChat;
  }
}
