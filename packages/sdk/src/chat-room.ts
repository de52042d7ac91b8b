import { ServerEvent, type ChatMessageReceived, type ChatTypingPayload, type MatchFoundPayload, type PartnerLeftPayload, type SignalReceivePayload } from '@novu-chat/protocol';
import type { NovuError } from './errors.js';
import type { MatchInfo, NovuClientEvents, PartnerLeftInfo } from './events.js';
import { DEFAULT_ICE_SERVERS, DEFAULT_PEER_TIMINGS, type NovuClientOptions } from './options.js';
import { Peer, type OutgoingSignal } from './peer.js';
import type { Signaling } from './signaling.js';

/** How long after the last `setTyping(true)` the typing indicator clears itself (ms). */
export const TYPING_PAUSE_MS = 3_000;

/** What a {@link ChatRoom} tells its client. */
export interface ChatRoomHooks {
  /** Emit one of the client's events (`remoteStream`, `typing`, `message`, `partnerReconnecting`, …). */
  emit<K extends keyof NovuClientEvents>(type: K, payload: NovuClientEvents[K]): void;
  /** The match is over from the partner's side: it left, or the video connection failed (`peer-failed`). */
  ended(info: PartnerLeftInfo): void;
}

/**
 * One match, from `match:found` until it ends: the match details, the room's server events
 * (signals, chat, typing, the partner leaving or reconnecting), the video connection (video
 * rooms), the partner's stream, and the typing indicator both ways. Created by the client for each
 * match and closed when the match ends; nothing of it (listeners included) outlives {@link ChatRoom.close}.
 */
export class ChatRoom {
  /** The match details, as the `match` event gave them. */
  readonly match: MatchInfo;
  readonly #signaling: Signaling;
  readonly #hooks: ChatRoomHooks;
  readonly #peer: Peer | null = null;
  #remote: MediaStream | null = null;
  #typingSent = false;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #partnerTyping = false;
  #closed = false;
  /** The room's server events, bound while the room is open. */
  readonly #listeners = {
    [ServerEvent.SignalReceive]: (signal: SignalReceivePayload) => this.#peer?.receive(signal),
    [ServerEvent.PartnerLeft]: ({ reason }: PartnerLeftPayload) => this.#hooks.ended({ reason }),
    [ServerEvent.PartnerReconnecting]: () => this.#hooks.emit('partnerReconnecting', undefined),
    [ServerEvent.PartnerReconnected]: () => this.#hooks.emit('partnerReconnected', undefined),
    [ServerEvent.ChatMessage]: (message: ChatMessageReceived) => {
      // A message ends the partner's typing indicator.
      if (this.#partnerTyping) this.#setPartnerTyping(false);
      this.#hooks.emit('message', message);
    },
    [ServerEvent.ChatTyping]: ({ typing }: ChatTypingPayload) => {
      if (typing !== this.#partnerTyping) this.#setPartnerTyping(typing);
    },
  } as const;

  /**
   * @param found - The server's `match:found`.
   * @param local - The camera/microphone stream to send, or `null` (no video connection is made).
   */
  constructor(found: MatchFoundPayload, local: MediaStream | null, options: NovuClientOptions, signaling: Signaling, hooks: ChatRoomHooks) {
    this.match = { roomId: found.roomId, initiator: found.initiator, commonInterests: found.commonInterests, mode: found.mode };
    this.#signaling = signaling;
    this.#hooks = hooks;
    signaling.listen(this.#listeners);
    if (found.mode !== 'video' || !local) return;
    this.#peer = new Peer({
      config: {
        iceServers: options.iceServers ?? found.iceServers ?? options.defaultIceServers ?? [...DEFAULT_ICE_SERVERS],
        iceTransportPolicy: options.iceTransportPolicy ?? found.iceTransportPolicy ?? 'all',
      },
      initiator: found.initiator,
      stream: local,
      timings: { ...DEFAULT_PEER_TIMINGS, ...options.peerTimings },
      send: (signal) => sendSignal(signaling, signal),
      remoteStream: (stream) => {
        if (this.#closed) return;
        this.#remote = stream;
        hooks.emit('remoteStream', stream);
      },
      failed: (error) => {
        if (this.#closed) return;
        hooks.emit('error', error);
        signaling.emit('room:leave');
        hooks.ended({ reason: 'peer-failed' });
      },
    });
  }

  /** The partner's media once it arrives, else `null`. */
  get remoteStream(): MediaStream | null {
    return this.#remote;
  }

  /** The video connection, or `null` in a text room. */
  get peerConnection(): RTCPeerConnection | null {
    return this.#peer?.pc ?? null;
  }

  /** Send `track` instead of the current one of its kind (a device switch), without renegotiation. */
  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    await this.#peer?.replaceTrack(track);
  }

  /** Tell the partner whether this side types: only changes are sent; `true` lapses after {@link TYPING_PAUSE_MS}. */
  setTyping(typing: boolean): void {
    clearTimeout(this.#typingTimer);
    if (this.#closed) return;
    if (typing) this.#typingTimer = setTimeout(() => this.setTyping(false), TYPING_PAUSE_MS);
    if (typing === this.#typingSent) return;
    this.#typingSent = typing;
    this.#signaling.emit('chat:typing', { typing });
  }

  /** This side sent a message: it ends this side's typing indicator (the partner's client clears it on receipt). */
  messageSent(): void {
    clearTimeout(this.#typingTimer);
    this.#typingSent = false;
  }

  /**
   * End the room here: unbind its server events, close the video connection (its remote tracks
   * end), stop the typing timer, clear the partner's typing indicator. Hooks are not called any
   * more. Safe to call twice.
   * @returns Whether there was a remote stream (the client then announces `remoteStream: null`).
   */
  close(): boolean {
    if (this.#closed) return false;
    this.#signaling.unlisten(this.#listeners);
    this.#peer?.close();
    clearTimeout(this.#typingTimer);
    this.#typingSent = false;
    if (this.#partnerTyping) this.#setPartnerTyping(false);
    this.#closed = true;
    const hadRemote = this.#remote !== null;
    this.#remote = null;
    return hadRemote;
  }

  #setPartnerTyping(typing: boolean): void {
    this.#partnerTyping = typing;
    this.#hooks.emit('typing', typing);
  }
}

function sendSignal(signaling: Signaling, signal: OutgoingSignal): void {
  if (signal.type === 'ice') signaling.emit('signal:ice', { candidate: signal.candidate });
  else signaling.emit(signal.type === 'offer' ? 'signal:offer' : 'signal:answer', { sdp: signal.sdp });
}
