import type { IceCandidatePayload, SignalReceivePayload } from '@novu-chat/protocol';
import { NovuError } from './errors.js';

/** A signal this side sends to the partner through the server. */
export type OutgoingSignal =
  | { type: 'offer' | 'answer'; sdp: string }
  | { type: 'ice'; candidate: IceCandidatePayload | null };

/** Timings of the recovery policy, in milliseconds. */
export interface PeerTimings {
  /** How long `disconnected` may last before an ICE restart. */
  disconnectedMs: number;
  /** How long a (re)connection attempt may take before it counts as failed. */
  connectMs: number;
  /** ICE restarts before giving up. */
  maxRestarts: number;
}

/** What a {@link Peer} needs from its owner. */
export interface PeerOptions {
  config: RTCConfiguration;
  /** The initiator makes the first offer and is the impolite peer; the other one is polite. */
  initiator: boolean;
  /** Local media to send, read when the tracks are attached (so a device switched before that is honoured). */
  stream: MediaStream;
  timings: PeerTimings;
  send(signal: OutgoingSignal): void;
  /** The partner's first track arrived; later tracks join the same stream. */
  remoteStream(stream: MediaStream): void;
  /** The connection is lost and could not be restored. */
  failed(error: NovuError): void;
}

/**
 * One RTCPeerConnection for one room, negotiated with the "perfect negotiation" pattern:
 * the initiator is impolite (ignores a colliding offer), the other side is polite (rolls back
 * its own offer), so simultaneous offers can never deadlock. Candidates that arrive before the
 * remote description are queued. A `disconnected` or `failed` connection gets ICE restarts
 * before the owner is told it failed.
 */
export class Peer {
  /** The underlying connection. */
  readonly pc: RTCPeerConnection;
  /** The partner's media. */
  readonly remoteStream: MediaStream;
  readonly #options: PeerOptions;
  readonly #polite: boolean;
  #makingOffer = false;
  #ignoreOffer = false;
  #answerPending = false;
  /** Whether this side may offer: the initiator at once, the other side after the first remote offer. */
  #attached = false;
  #pendingCandidates: (IceCandidatePayload | null)[] = [];
  #queue: Promise<void> = Promise.resolve();
  #restarts = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(options: PeerOptions) {
    this.#options = options;
    this.#polite = !options.initiator;
    this.remoteStream = new MediaStream();
    const pc = (this.pc = new RTCPeerConnection(options.config));
    pc.onnegotiationneeded = () => void this.#offer();
    const relayOnly = options.config.iceTransportPolicy === 'relay';
    pc.onicecandidate = ({ candidate }) => {
      // Relay-only: the browser gathers relay candidates only; never send another kind regardless.
      if (relayOnly && candidate?.candidate && candidate.type !== 'relay') return;
      const init = candidate?.candidate ? (candidate.toJSON() as IceCandidatePayload) : null;
      options.send({ type: 'ice', candidate: init });
    };
    pc.ontrack = ({ track }) => {
      const first = this.remoteStream.getTracks().length === 0;
      this.remoteStream.addTrack(track);
      if (first) options.remoteStream(this.remoteStream);
    };
    pc.onconnectionstatechange = () => this.#watch();
    // The initiator sends the first offer. The polite side attaches its tracks when that offer
    // arrives, so they ride on the offered transceivers and no second round trip is needed.
    if (options.initiator) this.#attach();
    this.#arm(options.timings.connectMs);
  }

  /** Handle a signal the partner sent. Signals are processed one at a time, in order. */
  receive(signal: SignalReceivePayload): void {
    this.#queue = this.#queue.then(() => this.#handle(signal)).catch(() => this.#recover());
  }

  /** Send `track` instead of the current track of its kind, without renegotiation. */
  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    const sender = this.pc.getSenders().find((s) => s.track?.kind === track.kind);
    if (sender) await sender.replaceTrack(track);
  }

  /** Close the connection and drop every handler. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    const { pc } = this;
    pc.onnegotiationneeded = pc.onicecandidate = pc.ontrack = pc.onconnectionstatechange = null;
    pc.close();
    for (const track of this.remoteStream.getTracks()) track.stop();
    this.#pendingCandidates = [];
  }

  #attach(): void {
    if (this.#attached) return;
    this.#attached = true;
    const { stream } = this.#options;
    for (const track of stream.getTracks()) this.pc.addTrack(track, stream);
  }

  async #offer(): Promise<void> {
    if (!this.#attached || this.#closed) return;
    try {
      this.#makingOffer = true;
      await this.pc.setLocalDescription();
      const local = this.pc.localDescription;
      if (local?.type === 'offer' && !this.#closed) this.#options.send({ type: 'offer', sdp: local.sdp });
    } catch {
      this.#recover();
    } finally {
      this.#makingOffer = false;
    }
  }

  async #handle(signal: SignalReceivePayload): Promise<void> {
    if (this.#closed) return;
    const { pc } = this;
    if (signal.type === 'ice-candidate') {
      const { candidate } = signal.payload;
      if (pc.remoteDescription) await this.#addCandidate(candidate);
      else this.#pendingCandidates.push(candidate);
      return;
    }
    const description: RTCSessionDescriptionInit = { type: signal.type, sdp: signal.payload.sdp };
    // An answer with no offer of ours outstanding is stale (its offer was rolled back or replaced).
    if (description.type === 'answer' && pc.signalingState === 'stable') return;
    const readyForOffer = !this.#makingOffer && (pc.signalingState === 'stable' || this.#answerPending);
    const collision = description.type === 'offer' && !readyForOffer;
    this.#ignoreOffer = !this.#polite && collision;
    if (this.#ignoreOffer) return;
    this.#answerPending = description.type === 'answer';
    await pc.setRemoteDescription(description); // the polite side rolls back its own offer here
    this.#answerPending = false;
    if (description.type === 'offer') {
      this.#attach();
      await pc.setLocalDescription();
      const local = pc.localDescription;
      if (local && !this.#closed) this.#options.send({ type: 'answer', sdp: local.sdp });
    }
    const pending = this.#pendingCandidates;
    this.#pendingCandidates = [];
    for (const candidate of pending) await this.#addCandidate(candidate);
  }

  async #addCandidate(candidate: IceCandidatePayload | null): Promise<void> {
    try {
      // `null` marks the end of the partner's candidates.
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch {
      // Candidates of an offer this side ignored (or of an old ICE generation) are expected to
      // fail; one bad candidate never breaks a connection the others can make.
    }
  }

  #watch(): void {
    const state = this.pc.connectionState;
    if (state === 'connected') {
      this.#restarts = 0;
      clearTimeout(this.#timer);
    } else if (state === 'disconnected') {
      this.#arm(this.#options.timings.disconnectedMs);
    } else if (state === 'failed') {
      this.#recover();
    }
  }

  /** Recover unless connected within `ms`. */
  #arm(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.pc.connectionState !== 'connected') this.#recover();
    }, ms);
  }

  /** Try an ICE restart; after too many, report failure. */
  #recover(): void {
    if (this.#closed) return;
    if (!this.#attached || this.#restarts >= this.#options.timings.maxRestarts) {
      this.#options.failed(new NovuError('peer_failed', 'The video connection to the partner was lost'));
      return;
    }
    this.#restarts++;
    this.pc.restartIce();
    this.#arm(this.#options.timings.connectMs);
  }
}
