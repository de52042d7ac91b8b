import { ErrorCode, Limits, ServerEvent, type MatchFoundPayload, type QueueJoinPayload, type ReportReason } from '@novu-chat/protocol';
import { ChatRoom } from './chat-room.js';
import { storedClientId } from './client-id.js';
import { Connection } from './connection.js';
import type { ClientDebug } from './debug.js';
import { fromProtocolError, NovuError, toNovuError } from './errors.js';
import { TypedEmitter, type ClientState, type MatchInfo, type NovuClientEvents, type PartnerLeftInfo, type SentMessage, type ServerStats } from './events.js';
import { LocalMedia } from './local-media.js';
import { listInputDevices, type InputDeviceKind } from './media.js';
import type { NovuClientOptions, StartOptions } from './options.js';
import { DefaultReconnectPolicy, type ReconnectPolicy } from './reconnect-policy.js';
import type { Signaling } from './signaling.js';
import { canEnter, TRANSITIONS, type Resumable, type Transition } from './states.js';

/** How long replayed events may take to arrive after a recovered connect (ms). */
const REPLAY_WINDOW_MS = 300;

/** Set by {@link NovuClient}'s static block, which may read its private fields. */
let readDebug: (client: NovuClient) => ClientDebug;

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
  readonly #policy: ReconnectPolicy;
  readonly #media: LocalMedia;
  #state: ClientState = 'idle';
  /** The current run's link to the server, from `start()` until it stops or fails. */
  #connection: Connection | null = null;
  /** The current match, from `match:found` until it ends. */
  #room: ChatRoom | null = null;
  #stats: ServerStats | null = null;
  #clientId: string | undefined;
  /** Leaves at once when the page goes away (tab closed, navigation), so the partner is told now, not after the resume grace. */
  readonly #onPageHide = (): void => {
    const connection = this.#connection;
    this.#connection = null;
    connection?.close(); // a deliberate disconnect: the server ends the room at once
    this.stop();
  };
  /** Bumped by every start and stop, so work of an earlier run stops when it resumes. */
  #run = 0;

  static {
    readDebug = (client) => ({ peerConnection: client.#room?.peerConnection ?? null, link: client.#connection?.signaling.debug() ?? null });
  }

  /** @param options - The server URL and optional settings. */
  constructor(options: NovuClientOptions) {
    super();
    this.#options = options;
    this.#policy = options.reconnectPolicy ?? new DefaultReconnectPolicy({ maxAttempts: options.reconnectionAttempts ?? 10 });
    this.#media = new LocalMedia(options.media, (stream) => this.emit('localStream', stream));
  }

  /** The current state. */
  get state(): ClientState {
    return this.#state;
  }

  /** The camera/microphone stream while in video mode, else `null`. */
  get localStream(): MediaStream | null {
    return this.#media.stream;
  }

  /** The partner's media once it arrives, else `null`. */
  get remoteStream(): MediaStream | null {
    return this.#room?.remoteStream ?? null;
  }

  /** The current partner's match details while matched, else `null`. */
  get match(): MatchInfo | null {
    return this.#room?.match ?? null;
  }

  /** The last online/waiting counts from the server, or `null` before the first. */
  get stats(): ServerStats | null {
    return this.#stats;
  }

  /** Whether the microphone is enabled (sending sound). */
  get micEnabled(): boolean {
    return this.#media.micEnabled;
  }

  /** Whether the camera is enabled (sending pictures). */
  get cameraEnabled(): boolean {
    return this.#media.cameraEnabled;
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
    const query = { mode, ...(options.interests?.length ? { interests: options.interests } : {}) };
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    this.#go('start');
    try {
      if (mode === 'video' && !(await this.#media.acquire(() => run === this.#run))) return;
      const connection = (this.#connection = this.#connect(query));
      await connection.open();
      if (run !== this.#run) return;
      this.#go('queued');
      await connection.firstJoin();
    } catch (error) {
      // Stopped or restarted meanwhile, or matched/reconnecting already (a late or lost ack).
      if (run !== this.#run || (this.#state !== 'connecting' && this.#state !== 'searching')) return;
      const failure = toNovuError(error);
      // No answer (the link may have dropped and come back): keep searching and ask again (see ReconnectPolicy).
      if (failure.code === 'timeout' && this.#state === 'searching') return this.#connection?.join();
      this.#teardown();
      const recoverable = failure.code === 'media_denied' || failure.code === 'media_unavailable' || failure.code === 'unsupported';
      this.#go(recoverable ? 'mediaRefused' : 'fail');
      this.emit('error', failure);
      throw failure;
    }
  }

  /**
   * Skip to a new partner (or look for one again after the partner left). The current room
   * ends for both; the partner is told `skipped`. Does nothing while idle or connecting.
   */
  next(): void {
    if (this.#state === 'reconnecting') {
      this.#closeRoom();
      this.#connection?.resumeTo('searching'); // queued once the link is back
      return;
    }
    if (!canEnter(this.#state, 'skip')) return;
    this.#closeRoom();
    this.#go('skip');
    this.#connection?.join();
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
    this.#go('stop');
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
    const signaling = this.#connection?.signaling;
    const room = this.#room;
    if (!signaling || !room) throw new NovuError('invalid_state', 'Not in a chat');
    const trimmed = text.trim();
    if (!trimmed || [...trimmed].length > Limits.maxMessageLength) {
      throw new NovuError(ErrorCode.InvalidPayload, `A message has 1 to ${Limits.maxMessageLength} characters`);
    }
    room.messageSent();
    const ack = await signaling.message(trimmed);
    return { id: ack.id, text: trimmed, ts: ack.ts };
  }

  /**
   * Tell the partner whether you are typing. Call it on every keystroke: only changes are
   * sent, and the indicator clears itself {@link TYPING_PAUSE_MS} after the last `true`.
   */
  setTyping(typing: boolean): void {
    if (this.#connection) this.#room?.setTyping(typing);
  }

  /** Mute (`false`) or unmute the microphone without releasing it. Remembered across partners. */
  setMicEnabled(enabled: boolean): void {
    this.#media.setMicEnabled(enabled);
  }

  /** Turn the camera picture off (`false`, the partner sees black) or on, without releasing it. Remembered across partners. */
  setCameraEnabled(enabled: boolean): void {
    this.#media.setCameraEnabled(enabled);
  }

  /**
   * Switch the camera (`videoinput`) or microphone (`audioinput`), even mid-call: the new
   * track replaces the old one in the running connection (no renegotiation), then the old one
   * is stopped. The choice is kept for later starts. Emits `localStream` (same stream, new track).
   *
   * @throws {@link NovuError} `media_denied` / `media_unavailable`; `invalid_state` without local media.
   */
  async selectDevice(kind: InputDeviceKind, deviceId: string): Promise<void> {
    await this.#media.selectDevice(kind, deviceId, async (track) => {
      await this.#room?.replaceTrack(track);
    });
  }

  /** List cameras and microphones (labels are empty until media access was granted once). */
  listDevices(kind?: InputDeviceKind): Promise<MediaDeviceInfo[]> {
    return listInputDevices(kind);
  }

  /** WebRTC statistics of the current video connection (`null` without one). */
  async getStats(): Promise<RTCStatsReport | null> {
    const pc = this.#room?.peerConnection;
    return pc ? pc.getStats() : null;
  }

  // ── internals ────────────────────────────────────────────────────────────

  /** The one state guard: take `transition` if {@link TRANSITIONS} allows it from here, else refuse. */
  #go(transition: Transition): void {
    const { to } = TRANSITIONS[transition];
    if (!canEnter(this.#state, transition) || to === this.#state) return;
    this.#state = to;
    this.emit('state', to);
  }

  /**
   * Send a report or block, then move on like `next()`. The partner's media is dropped at once;
   * the server handles the report before the `queue:join` that follows it (events of one
   * connection are handled in order), so the new search never finds the same partner.
   */
  async #moderate(send: (signaling: Signaling) => Promise<unknown>): Promise<void> {
    const connection = this.#connection;
    if (!connection || !connection.signaling.connected || !canEnter(this.#state, 'moderate')) {
      throw new NovuError('invalid_state', 'There is no partner to report or block');
    }
    const sent = send(connection.signaling);
    this.#closeRoom();
    this.#go('moderate');
    connection.join();
    await sent;
  }

  /** A connection for this run, its server events bound to this client. */
  #connect(query: QueueJoinPayload): Connection {
    const connection = new Connection(this.#options, this.#policy, this.clientId, query, {
      reconnecting: () => this.#onReconnecting(),
      reconnected: (recovered) => this.#onReconnected(recovered),
      failed: (error) => this.#fatal(error),
      searching: () => this.#state === 'searching',
      joinFailed: (error, retrying) => (retrying ? this.emit('error', error) : this.#fatal(error)),
    });
    this.#listen(connection.signaling);
    return connection;
  }

  /** The server events of the whole run (a {@link ChatRoom} binds those of its room). */
  #listen(signaling: Signaling): void {
    signaling.on(ServerEvent.MatchFound, (payload) => this.#onMatch(payload));
    signaling.on(ServerEvent.Stats, (stats) => {
      this.#stats = stats;
      this.emit('stats', stats);
    });
    signaling.on(ServerEvent.ServerShutdown, (info) => this.emit('serverShutdown', info));
    signaling.on(ServerEvent.ServerError, (error) => {
      // Room events racing the end of a room are expected; nothing to tell the user.
      if (error.code !== ErrorCode.NotInRoom) this.emit('error', fromProtocolError(error));
    });
  }

  #onReconnected(recovered: boolean): void {
    if (this.#state !== 'reconnecting') return;
    const { to, shutdown } = this.#connection?.takeResume() ?? {};
    if (to === 'matched') {
      // Not recovered: the server has closed the room meanwhile.
      if (recovered && this.#room) this.#go('resumeRoom');
      else this.#partnerGone({ reason: shutdown ? 'ended' : 'connection-lost' });
    } else if (to === 'searching') {
      // The server drops a waiting client from the queue when its link drops: queue again. After
      // a recovered session, wait a moment first: a match made just before the drop is replayed
      // right after the connect, and joining again would end that room.
      this.#go('resumeSearch');
      if (recovered) this.#connection?.joinLater(REPLAY_WINDOW_MS);
      else this.#connection?.join();
    } else {
      this.#go('resumeAlone');
    }
  }

  #onReconnecting(): void {
    const state = this.#state;
    if (!canEnter(state, 'linkDown')) return;
    this.#connection?.resumeTo(state as Resumable); // canEnter: one of linkDown's `from` states
    this.#go('linkDown');
  }

  #fatal(error: NovuError): void {
    this.#run++;
    this.#teardown();
    this.#go('fail');
    this.emit('error', error);
  }

  #onMatch(found: MatchFoundPayload): void {
    const connection = this.#connection;
    if (!connection) return;
    const { signaling } = connection;
    if (!canEnter(this.#state, 'match')) {
      // A match that raced a state change nobody waits for: free the partner at once.
      signaling.emit('room:leave');
      return;
    }
    connection.cancelJoin();
    const room = new ChatRoom(found, this.#media.stream, this.#options, signaling, {
      emit: (type, payload) => this.emit(type, payload),
      ended: (info) => this.#partnerGone(info),
    });
    this.#room = room;
    this.#go('match');
    this.emit('match', room.match);
  }

  #partnerGone(info: PartnerLeftInfo): void {
    this.#closeRoom();
    this.#go('partnerGone');
    this.emit('partnerLeft', info);
    if (this.#options.autoNext && this.#state === 'partner-left') this.next();
  }

  /** End the current room here (the match, the peer, the remote stream, typing). */
  #closeRoom(): void {
    const room = this.#room;
    this.#room = null;
    if (room?.close()) this.emit('remoteStream', null);
  }

  /** Release everything: leave room or queue, disconnect, close the peer, stop the tracks. */
  #teardown(): void {
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    const connection = this.#connection;
    this.#connection = null;
    connection?.close(this.#room ? 'room:leave' : this.#state === 'searching' ? 'queue:leave' : undefined);
    this.#closeRoom();
    this.#media.use(null);
  }
}

/**
 * A look inside `client` as it is now (its video connection, its link to the server).
 * @internal For tests and tools, not API: what it shows may change in any release.
 */
export function debugClient(client: NovuClient): ClientDebug {
  return readDebug(client);
}
