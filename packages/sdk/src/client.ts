import {
  ErrorCode,
  Limits,
  ServerEvent,
  type MatchFoundPayload,
  type Mode,
  type HandshakeAuth,
  type QueueJoinPayload,
  type ReportReason,
} from '@novu-chat/protocol';
import { fromProtocolError, NovuError } from './errors.js';
import {
  TypedEmitter,
  type ClientState,
  type MatchInfo,
  type NovuClientEvents,
  type PartnerLeftInfo,
  type SentMessage,
  type ServerStats,
} from './events.js';
import { DEFAULT_MEDIA, getMedia, listInputDevices, setKindEnabled, stopStream, switchDevice, withDevice, type InputDeviceKind } from './media.js';
import { Peer, type OutgoingSignal, type PeerTimings } from './peer.js';
import { Signaling, type SignalingOptions } from './signaling.js';

/** The public STUN server used when neither the options nor the server give ICE servers. */
export const DEFAULT_ICE_SERVERS: readonly RTCIceServer[] = Object.freeze([{ urls: 'stun:stun.l.google.com:19302' }]);

/** How long after the last `setTyping(true)` the typing indicator clears itself (ms). */
export const TYPING_PAUSE_MS = 3_000;

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
  /** Reconnection attempts after the link to the server drops, before `connection_failed`. Default: 10. */
  reconnectionAttempts?: number;
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

const DEFAULT_PEER_TIMINGS: PeerTimings = { disconnectedMs: 3_000, connectMs: 15_000, maxRestarts: 2 };
const CLIENT_ID_KEY = 'novu-chat:client-id';
/** How long replayed events may take to arrive after a recovered connect (ms). */
const REPLAY_WINDOW_MS = 300;

/**
 * A Novu Chat client: matchmaking, WebRTC video and text chat, with no UI.
 *
 * ```ts
 * const client = new NovuClient({ url: 'https://chat.example.com' });
 * client.on('remoteStream', (stream) => { video.srcObject = stream; });
 * await client.start({ interests: ['music'] });
 * ```
 *
 * Safe to import and construct during server-side rendering: nothing touches the browser
 * until {@link NovuClient.start}.
 */
export class NovuClient extends TypedEmitter<NovuClientEvents> {
  readonly #options: NovuClientOptions;
  #state: ClientState = 'idle';
  /** The link to the server (private; reachable from tests). */
  private signaling: Signaling | null = null;
  #connectWaiter: { resolve: () => void; reject: (error: unknown) => void } | null = null;
  /** The current video connection (private; reachable from tests). */
  private peer: Peer | null = null;
  #local: MediaStream | null = null;
  #remote: MediaStream | null = null;
  #match: MatchInfo | null = null;
  #query: QueueJoinPayload = {};
  #stats: ServerStats | null = null;
  #clientId: string | undefined;
  #devices: Partial<Record<InputDeviceKind, string>> = {};
  #mic = true;
  #camera = true;
  #typingSent = false;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #partnerTyping = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Leaves at once when the page goes away (tab closed, navigation), so the partner is told now, not after the resume grace. */
  readonly #onPageHide = (): void => {
    const signaling = this.signaling;
    this.signaling = null;
    signaling?.close(); // a deliberate disconnect: the server ends the room at once
    this.stop();
  };
  /** The state to go back to once the link is back. */
  #resume: 'searching' | 'matched' | 'partner-left' | null = null;
  /** The server announced its shutdown: a room lost with it was `ended`, not lost by this client. */
  #shuttingDown = false;
  /** Bumped by every start and stop, so work of an earlier run stops when it resumes. */
  #run = 0;

  /** @param options - The server URL and optional settings. */
  constructor(options: NovuClientOptions) {
    super();
    this.#options = options;
  }

  /** The current state. */
  get state(): ClientState {
    return this.#state;
  }

  /** The camera/microphone stream while in video mode, else `null`. */
  get localStream(): MediaStream | null {
    return this.#local;
  }

  /** The partner's media once it arrives, else `null`. */
  get remoteStream(): MediaStream | null {
    return this.#remote;
  }

  /** The current partner's match details while matched, else `null`. */
  get match(): MatchInfo | null {
    return this.#match;
  }

  /** The last online/waiting counts from the server, or `null` before the first. */
  get stats(): ServerStats | null {
    return this.#stats;
  }

  /** Whether the microphone is enabled (sending sound). */
  get micEnabled(): boolean {
    return this.#mic;
  }

  /** Whether the camera is enabled (sending pictures). */
  get cameraEnabled(): boolean {
    return this.#camera;
  }

  /** The anonymous id sent in the handshake (see {@link NovuClientOptions.clientId}). */
  get clientId(): string {
    return (this.#clientId ??= this.#options.clientId ?? storedClientId());
  }

  /**
   * Get media (in video mode), connect and queue for a partner. Resolves once queued; the
   * `match` event follows. Calling it again while running starts over with the new options.
   *
   * @throws {@link NovuError} `media_denied` / `media_unavailable` when video mode cannot use the
   * camera and microphone (the state returns to `idle`: you may `start({ mode: 'text' })` instead),
   * `connection_failed`, `rate_limited`, `banned`, `origin_not_allowed`, … (state `error`).
   */
  async start(options: StartOptions = {}): Promise<void> {
    if (this.#state !== 'idle' && this.#state !== 'error') this.#teardown();
    const run = ++this.#run;
    const mode = options.mode ?? 'video';
    this.#query = { mode, ...(options.interests?.length ? { interests: options.interests } : {}) };
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    this.#setState('connecting');
    try {
      if (mode === 'video') {
        if (typeof RTCPeerConnection === 'undefined') {
          throw new NovuError('unsupported', 'This browser has no WebRTC; use text mode');
        }
        const stream = await getMedia(this.#constraints());
        if (run !== this.#run) return stopStream(stream);
        this.#setLocal(stream);
      }
      await this.#connect();
      if (run !== this.#run) return;
      this.#setState('searching');
      await this.signaling?.join(this.#query);
    } catch (error) {
      // Stopped or restarted meanwhile, or matched/reconnecting already (a late or lost ack).
      if (run !== this.#run || (this.#state !== 'connecting' && this.#state !== 'searching')) return;
      const failure = toNovuError(error);
      // No answer (the link may have dropped and come back): keep searching and ask again.
      if (failure.code === 'timeout' && this.#state === 'searching') return this.#join();
      this.#teardown();
      const recoverable = failure.code === 'media_denied' || failure.code === 'media_unavailable' || failure.code === 'unsupported';
      this.#setState(recoverable ? 'idle' : 'error');
      this.emit('error', failure);
      throw failure;
    }
  }

  /**
   * Skip to a new partner (or look for one again after the partner left). The current room
   * ends for both; the partner is told `skipped`. Does nothing while idle or connecting.
   */
  next(): void {
    const state = this.#state;
    if (state !== 'matched' && state !== 'partner-left' && state !== 'searching' && state !== 'reconnecting') return;
    this.#closeRoom();
    if (state === 'reconnecting') {
      this.#resume = 'searching'; // queued once the link is back
      return;
    }
    this.#setState('searching');
    this.#join();
  }

  /**
   * Report the current partner (or, in `partner-left`, the partner who just left) and move on like
   * {@link NovuClient.next}: the chat ends at once (the partner sees an ordinary skip), the server
   * never matches the two again, and the client searches for someone new. The server bans a user
   * reported by several different people. Resolves once the server has recorded the report.
   *
   * @param reason - One of `REPORT_REASONS`: `nudity`, `harassment`, `spam`, `underage`, `other`.
   * @throws {@link NovuError} `invalid_state` when there is no partner to report, `not_in_room`,
   * `invalid_payload`, `rate_limited`, `timeout`.
   */
  async report(reason: ReportReason): Promise<void> {
    await this.#moderate((signaling) => signaling.report(reason));
  }

  /**
   * Never be matched with the current partner (or, in `partner-left`, the partner who just left)
   * again, and move on like {@link NovuClient.next}. Resolves once the server has recorded it.
   *
   * @throws {@link NovuError} `invalid_state` when there is no partner to block, `not_in_room`,
   * `rate_limited`, `timeout`.
   */
  async block(): Promise<void> {
    await this.#moderate((signaling) => signaling.block());
  }

  /**
   * Leave the room or queue, disconnect, close the video connection and release the camera
   * and microphone (their tracks are stopped). The client can be started again. Safe to call twice.
   */
  stop(): void {
    this.#run++;
    this.#teardown();
    this.#setState('idle');
  }

  /** {@link NovuClient.stop}, then remove every event listener. */
  destroy(): void {
    this.stop();
    this.removeAllListeners();
  }

  /**
   * Send a chat message to the partner.
   * @returns The message as the server acknowledged it (id and timestamp).
   * @throws {@link NovuError} `invalid_state` when not matched, `invalid_payload` when empty or
   * longer than `Limits.maxMessageLength`, `rate_limited`, `timeout`.
   */
  async sendMessage(text: string): Promise<SentMessage> {
    const signaling = this.signaling;
    if (!signaling || !this.#match) throw new NovuError('invalid_state', 'Not in a chat');
    const trimmed = text.trim();
    if (!trimmed || [...trimmed].length > Limits.maxMessageLength) {
      throw new NovuError(ErrorCode.InvalidPayload, `A message has 1 to ${Limits.maxMessageLength} characters`);
    }
    // The message ends the typing indicator: the partner's client clears it on receipt.
    clearTimeout(this.#typingTimer);
    this.#typingSent = false;
    const ack = await signaling.message(trimmed);
    return { id: ack.id, text: trimmed, ts: ack.ts };
  }

  /**
   * Tell the partner whether you are typing. Call it on every keystroke: only changes are
   * sent, and the indicator clears itself {@link TYPING_PAUSE_MS} after the last `true`.
   */
  setTyping(typing: boolean): void {
    clearTimeout(this.#typingTimer);
    if (!this.#match || !this.signaling) return;
    if (typing) this.#typingTimer = setTimeout(() => this.setTyping(false), TYPING_PAUSE_MS);
    if (typing === this.#typingSent) return;
    this.#typingSent = typing;
    this.signaling.emit('chat:typing', { typing });
  }

  /** Mute (`false`) or unmute the microphone without releasing it. Remembered across partners. */
  setMicEnabled(enabled: boolean): void {
    this.#mic = enabled;
    setKindEnabled(this.#local, 'audio', enabled);
  }

  /** Turn the camera picture off (`false`, the partner sees black) or on, without releasing it. Remembered across partners. */
  setCameraEnabled(enabled: boolean): void {
    this.#camera = enabled;
    setKindEnabled(this.#local, 'video', enabled);
  }

  /**
   * Switch the camera (`videoinput`) or microphone (`audioinput`), even mid-call: the new
   * track replaces the old one in the running connection (no renegotiation), then the old one
   * is stopped. The choice is kept for later starts. Emits `localStream` (same stream, new track).
   *
   * @throws {@link NovuError} `media_denied` / `media_unavailable`; `invalid_state` without local media.
   */
  async selectDevice(kind: InputDeviceKind, deviceId: string): Promise<void> {
    const stream = this.#local;
    if (!stream) throw new NovuError('invalid_state', 'No local media: start a video chat first');
    await switchDevice(stream, this.#options.media ?? DEFAULT_MEDIA, kind, deviceId, async (track) => {
      await this.peer?.replaceTrack(track);
    });
    this.#devices[kind] = deviceId;
    if (this.#local === stream) this.emit('localStream', stream);
  }

  /** List cameras and microphones (labels are empty until media access was granted once). */
  listDevices(kind?: InputDeviceKind): Promise<MediaDeviceInfo[]> {
    return listInputDevices(kind);
  }

  /** WebRTC statistics of the current video connection (`null` without one). */
  async getStats(): Promise<RTCStatsReport | null> {
    return this.peer ? this.peer.pc.getStats() : null;
  }

  // ── internals ────────────────────────────────────────────────────────────

  /**
   * Send a report or block, then move on like `next()`. The partner's media is dropped at once;
   * the server handles the report before the `queue:join` that follows it (events of one
   * connection are handled in order), so the new search never finds the same partner.
   */
  async #moderate(send: (signaling: Signaling) => Promise<unknown>): Promise<void> {
    const signaling = this.signaling;
    const state = this.#state;
    if (!signaling || !signaling.connected || (state !== 'matched' && state !== 'partner-left')) {
      throw new NovuError('invalid_state', 'There is no partner to report or block');
    }
    const sent = send(signaling);
    this.#closeRoom();
    this.#setState('searching');
    this.#join();
    await sent;
  }

  #setState(state: ClientState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('state', state);
  }

  #constraints(): MediaStreamConstraints {
    let constraints = this.#options.media ?? DEFAULT_MEDIA;
    for (const kind of ['audioinput', 'videoinput'] as const) {
      const id = this.#devices[kind];
      if (id) constraints = withDevice(constraints, kind, id, false);
    }
    return constraints;
  }

  #setLocal(stream: MediaStream | null): void {
    if (stream === this.#local) return;
    stopStream(this.#local);
    this.#local = stream;
    setKindEnabled(stream, 'audio', this.#mic);
    setKindEnabled(stream, 'video', this.#camera);
    this.emit('localStream', stream);
  }

  #connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#connectWaiter = { resolve, reject };
      const options = this.#options;
      const signaling = (this.signaling = new Signaling(
        {
          url: options.url,
          auth: this.#auth(),
          reconnectionAttempts: options.reconnectionAttempts ?? 10,
          ackTimeoutMs: options.requestTimeoutMs ?? 10_000,
        },
        {
          connected: (recovered) => this.#onConnected(recovered),
          reconnecting: () => this.#onReconnecting(),
          failed: (error) => this.#onLinkFailed(error),
        },
      ));
      this.#listen(signaling);
      signaling.open();
    });
  }

  /** The handshake `auth`: an object, or a function (fresh captcha token per connection attempt). */
  #auth(): SignalingOptions['auth'] {
    const options = this.#options;
    const fields = (token: string | undefined): Omit<HandshakeAuth, 'v'> => {
      const auth: Omit<HandshakeAuth, 'v'> = { clientId: this.clientId };
      if (options.siteKey) auth.siteKey = options.siteKey;
      if (options.termsAccepted !== undefined) auth.termsAccepted = options.termsAccepted;
      if (token) auth.captchaToken = token;
      return auth;
    };
    const token = options.captchaToken;
    return typeof token === 'function' ? async () => fields(await token()) : fields(token);
  }

  #listen({ socket }: Signaling): void {
    socket.on(ServerEvent.MatchFound, (payload) => this.#onMatch(payload));
    socket.on(ServerEvent.SignalReceive, (signal) => this.peer?.receive(signal));
    socket.on(ServerEvent.PartnerLeft, ({ reason }) => {
      if (this.#match) this.#partnerGone({ reason });
    });
    socket.on(ServerEvent.PartnerReconnecting, () => {
      if (this.#match) this.emit('partnerReconnecting', undefined);
    });
    socket.on(ServerEvent.PartnerReconnected, () => {
      if (this.#match) this.emit('partnerReconnected', undefined);
    });
    socket.on(ServerEvent.ChatMessage, (message) => {
      if (!this.#match) return;
      if (this.#partnerTyping) this.#onTyping(false);
      this.emit('message', message);
    });
    socket.on(ServerEvent.ChatTyping, ({ typing }) => {
      if (this.#match && typing !== this.#partnerTyping) this.#onTyping(typing);
    });
    socket.on(ServerEvent.Stats, (stats) => {
      this.#stats = stats;
      this.emit('stats', stats);
    });
    socket.on(ServerEvent.ServerShutdown, (info) => {
      this.#shuttingDown = true;
      this.emit('serverShutdown', info);
    });
    socket.on(ServerEvent.ServerError, (error) => {
      // Room events racing the end of a room are expected; nothing to tell the user.
      if (error.code !== ErrorCode.NotInRoom) this.emit('error', fromProtocolError(error));
    });
  }

  #onConnected(recovered: boolean): void {
    const waiter = this.#connectWaiter;
    if (waiter) {
      this.#connectWaiter = null;
      waiter.resolve();
      return;
    }
    if (this.#state !== 'reconnecting') return;
    const resume = this.#resume;
    const shutdown = this.#shuttingDown;
    this.#resume = null;
    this.#shuttingDown = false;
    if (resume === 'matched') {
      // Not recovered: the server has closed the room meanwhile.
      if (recovered && this.#match) this.#setState('matched');
      else this.#partnerGone({ reason: shutdown ? 'ended' : 'connection-lost' });
    } else if (resume === 'searching') {
      // The server drops a waiting client from the queue when its link drops: queue again. After
      // a recovered session, wait a moment first: a match made just before the drop is replayed
      // right after the connect, and joining again would end that room.
      this.#setState('searching');
      if (recovered) this.#retryTimer = setTimeout(() => this.#join(), REPLAY_WINDOW_MS);
      else this.#join();
    } else {
      this.#setState('partner-left');
    }
  }

  #onReconnecting(): void {
    const state = this.#state;
    if (state !== 'searching' && state !== 'matched' && state !== 'partner-left') return;
    this.#resume = state;
    this.#setState('reconnecting');
  }

  #onLinkFailed(error: NovuError): void {
    const waiter = this.#connectWaiter;
    if (waiter) {
      this.#connectWaiter = null;
      waiter.reject(error);
      return;
    }
    this.#fatal(error);
  }

  #fatal(error: NovuError): void {
    this.#run++;
    this.#teardown();
    this.#setState('error');
    this.emit('error', error);
  }

  #join(): void {
    const signaling = this.signaling;
    if (!signaling) return;
    clearTimeout(this.#retryTimer);
    signaling.join(this.#query).catch((error: unknown) => {
      if (signaling !== this.signaling || this.#state !== 'searching') return;
      const failure = toNovuError(error);
      if (failure.code === 'rate_limited' || failure.code === 'timeout') {
        // Stay searching and try again when allowed.
        this.emit('error', failure);
        this.#retryTimer = setTimeout(() => {
          if (this.#state === 'searching' && signaling === this.signaling) this.#join();
        }, failure.retryAfterMs ?? 2_000);
      } else {
        this.#fatal(failure);
      }
    });
  }

  #onMatch(found: MatchFoundPayload): void {
    const signaling = this.signaling;
    if (!signaling) return;
    if (this.#state !== 'searching') {
      // A match that raced a state change nobody waits for: free the partner at once.
      signaling.emit('room:leave');
      return;
    }
    clearTimeout(this.#retryTimer);
    const match: MatchInfo = {
      roomId: found.roomId,
      initiator: found.initiator,
      commonInterests: found.commonInterests,
      mode: found.mode,
    };
    this.#match = match;
    const local = this.#local;
    if (found.mode === 'video' && local) {
      const options = this.#options;
      const peer: Peer = new Peer({
        config: {
          iceServers: options.iceServers ?? found.iceServers ?? options.defaultIceServers ?? [...DEFAULT_ICE_SERVERS],
          iceTransportPolicy: options.iceTransportPolicy ?? found.iceTransportPolicy ?? 'all',
        },
        initiator: found.initiator,
        stream: local,
        timings: { ...DEFAULT_PEER_TIMINGS, ...options.peerTimings },
        send: (signal) => sendSignal(signaling, signal),
        remoteStream: (stream) => {
          if (this.peer !== peer) return;
          this.#remote = stream;
          this.emit('remoteStream', stream);
        },
        failed: (error) => {
          if (this.peer !== peer) return;
          this.emit('error', error);
          signaling.emit('room:leave');
          this.#partnerGone({ reason: 'peer-failed' });
        },
      });
      this.peer = peer;
    }
    this.#setState('matched');
    this.emit('match', match);
  }

  #partnerGone(info: PartnerLeftInfo): void {
    this.#closeRoom();
    this.#setState('partner-left');
    this.emit('partnerLeft', info);
    if (this.#options.autoNext && this.#state === 'partner-left') this.next();
  }

  #onTyping(typing: boolean): void {
    this.#partnerTyping = typing;
    this.emit('typing', typing);
  }

  /** Forget the room: close the peer, drop the remote stream, reset typing. */
  #closeRoom(): void {
    this.peer?.close();
    this.peer = null;
    this.#match = null;
    clearTimeout(this.#typingTimer);
    this.#typingSent = false;
    if (this.#partnerTyping) this.#onTyping(false);
    if (this.#remote) {
      this.#remote = null;
      this.emit('remoteStream', null);
    }
  }

  /** Release everything: leave room or queue, disconnect, close the peer, stop the tracks. */
  #teardown(): void {
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    const waiter = this.#connectWaiter;
    this.#connectWaiter = null;
    waiter?.reject(new NovuError('invalid_state', 'Stopped'));
    clearTimeout(this.#retryTimer);
    const signaling = this.signaling;
    this.signaling = null;
    if (this.#match) signaling?.closeAfter('room:leave');
    else if (this.#state === 'searching') signaling?.closeAfter('queue:leave');
    else signaling?.close();
    this.#closeRoom();
    this.#setLocal(null);
    this.#resume = null;
  }
}

function sendSignal(signaling: Signaling, signal: OutgoingSignal): void {
  if (signal.type === 'ice') signaling.emit('signal:ice', { candidate: signal.candidate });
  else signaling.emit(signal.type === 'offer' ? 'signal:offer' : 'signal:answer', { sdp: signal.sdp });
}

function toNovuError(error: unknown): NovuError {
  return error instanceof NovuError
    ? error
    : new NovuError('connection_failed', error instanceof Error ? error.message : String(error), { cause: error });
}

/** The anonymous id kept in sessionStorage (a fresh one when storage is unavailable). */
function storedClientId(): string {
  try {
    const storage = globalThis.sessionStorage;
    const stored = storage?.getItem(CLIENT_ID_KEY);
    if (stored && /^[\w-]{8,64}$/.test(stored)) return stored;
    const id = randomId();
    storage?.setItem(CLIENT_ID_KEY, id);
    return id;
  } catch {
    return randomId();
  }
}

function randomId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
