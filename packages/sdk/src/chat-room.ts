import type { MatchFoundPayload, SignalReceivePayload } from '@novu-chat/protocol';
import type { NovuError } from './errors.js';
import type { MatchInfo } from './events.js';
import { DEFAULT_ICE_SERVERS, DEFAULT_PEER_TIMINGS, type NovuClientOptions } from './options.js';
import { Peer, type OutgoingSignal } from './peer.js';
import type { Signaling } from './signaling.js';

/** How long after the last `setTyping(true)` the typing indicator clears itself (ms). */
export const TYPING_PAUSE_MS = 3_000;

/** What a {@link ChatRoom} tells its client. */
export interface ChatRoomHooks {
  /** The partner's media started to arrive. */
  remoteStream(stream: MediaStream): void;
  /** The partner started or stopped typing. */
  typing(typing: boolean): void;
  /** The video connection is lost and ICE restarts could not restore it. */
  peerFailed(error: NovuError): void;
}

/**
 * One match, from `match:found` until it ends: the match details, the video connection (video
 * rooms), the partner's stream, and the typing indicator both ways. Created by the client for each
 * match and closed when the match ends; nothing of it outlives {@link ChatRoom.close}.
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

  /**
   * @param found - The server's `match:found`.
   * @param local - The camera/microphone stream to send, or `null` (no video connection is made).
   */
  constructor(found: MatchFoundPayload, local: MediaStream | null, options: NovuClientOptions, signaling: Signaling, hooks: ChatRoomHooks) {
    this.match = { roomId: found.roomId, initiator: found.initiator, commonInterests: found.commonInterests, mode: found.mode };
    this.#signaling = signaling;
    this.#hooks = hooks;
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
        hooks.remoteStream(stream);
      },
      failed: (error) => {
        if (!this.#closed) hooks.peerFailed(error);
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

  /** A WebRTC signal from the partner. */
  receiveSignal(signal: SignalReceivePayload): void {
    this.#peer?.receive(signal);
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

  /** The partner sent a message: it ends the partner's typing indicator. */
  messageReceived(): void {
    if (this.#partnerTyping) this.#setPartnerTyping(false);
  }

  /** The partner's `chat:typing`. */
  partnerTyping(typing: boolean): void {
    if (typing !== this.#partnerTyping) this.#setPartnerTyping(typing);
  }

  /**
   * End the room here: close the video connection (its remote tracks end), stop the typing timer,
   * clear the partner's typing indicator. Hooks are not called any more. Safe to call twice.
   * @returns Whether there was a remote stream (the client then announces `remoteStream: null`).
   */
  close(): boolean {
    if (this.#closed) return false;
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
    this.#hooks.typing(typing);
  }
}

function sendSignal(signaling: Signaling, signal: OutgoingSignal): void {
  if (signal.type === 'ice') signaling.emit('signal:ice', { candidate: signal.candidate });
  else signaling.emit(signal.type === 'offer' ? 'signal:offer' : 'signal:answer', { sdp: signal.sdp });
}
