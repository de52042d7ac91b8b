import type {
  ChatMessageReceived,
  Mode,
  PartnerLeftReason,
  ServerShutdownPayload,
  StatsPayload,
} from '@novu-chat/protocol';
import type { NovuError } from './errors.js';

/**
 * The client's lifecycle, a closed union:
 * - `idle`: not started, or stopped.
 * - `connecting`: getting media and connecting to the server.
 * - `searching`: queued, waiting for a partner.
 * - `matched`: in a room with a partner (chat works; video follows as WebRTC connects).
 * - `reconnecting`: the link to the server dropped; the room (if any) is held while the client reconnects.
 * - `partner-left`: the partner is gone; call `next()` for a new one (or `autoNext` does it).
 * - `error`: a fatal error (see the `error` event); call `start()` to try again.
 */
export type ClientState =
  | 'idle'
  | 'connecting'
  | 'searching'
  | 'matched'
  | 'reconnecting'
  | 'partner-left'
  | 'error';

/** What the `match` event tells about a new partner. */
export interface MatchInfo {
  /** The room's id, unique per pairing. */
  roomId: string;
  /** Whether this client makes the first WebRTC offer. */
  initiator: boolean;
  /** Interests both partners gave, possibly empty. */
  commonInterests: string[];
  /** The room's mode: `video` (camera, microphone and chat) or `text` (chat only). */
  mode: Mode;
}

/**
 * Why a partner is gone: the server's reasons (`skipped`, `left`, `disconnected`, `ended`), plus
 * - `connection-lost`: this client's own link dropped for longer than the server holds a room;
 * - `peer-failed`: the video connection failed and could not be restored by ICE restarts.
 */
export type PartnerLeftReasonInfo = PartnerLeftReason | 'connection-lost' | 'peer-failed';

/** Payload of the `partnerLeft` event. */
export interface PartnerLeftInfo {
  /** Why the partner is gone. */
  reason: PartnerLeftReasonInfo;
}

/** A chat message from the partner: the server's id and timestamp (ms since epoch) and the text. */
export type ChatMessage = ChatMessageReceived;

/** A chat message this client sent, as the server acknowledged it. */
export interface SentMessage {
  /** The server-assigned id. */
  id: string;
  /** The text as sent. */
  text: string;
  /** Server timestamp, ms since the epoch. */
  ts: number;
}

/** Live counts from the server. */
export type ServerStats = StatsPayload;

/** Payload of the `serverShutdown` event. */
export type ServerShutdownInfo = ServerShutdownPayload;

/**
 * Every event a {@link NovuClient} emits, with its payload type: the one place events are defined.
 * Events without a payload carry `undefined`.
 */
export interface NovuClientEvents {
  /** The state changed; the payload is the new state. */
  state: ClientState;
  /** A partner was found. */
  match: MatchInfo;
  /** The camera/microphone stream was acquired (or changed), or released (`null`). */
  localStream: MediaStream | null;
  /** The partner's media started to arrive, or ended (`null`). */
  remoteStream: MediaStream | null;
  /** The partner sent a chat message. */
  message: ChatMessage;
  /** The partner started (`true`) or stopped (`false`) typing. */
  typing: boolean;
  /** The partner is gone; the client is now in `partner-left` (or searching again with `autoNext`). */
  partnerLeft: PartnerLeftInfo;
  /** The partner's link dropped; the server holds the room while it reconnects. */
  partnerReconnecting: undefined;
  /** The partner is back after `partnerReconnecting`. */
  partnerReconnected: undefined;
  /** Online and waiting counts, sent by the server now and then. */
  stats: ServerStats;
  /** The server is shutting down; the client reconnects by itself once it is gone. */
  serverShutdown: ServerShutdownInfo;
  /** Something went wrong. Fatal errors also move the state to `error`. */
  error: NovuError;
}

/** A listener for event `K` of event map `M`. */
export type Listener<M, K extends keyof M> = (payload: M[K]) => void;

/**
 * A tiny typed event emitter. A listener that throws does not disturb the emitter or
 * other listeners: its error is re-thrown asynchronously (so it still reaches `window.onerror`
 * and the console) instead of propagating into the code that emitted the event.
 */
export class TypedEmitter<M> {
  #listeners = new Map<keyof M, Set<Listener<M, keyof M>>>();

  /**
   * Listen to an event.
   * @returns A function that removes the listener.
   */
  on<K extends keyof M>(type: K, listener: Listener<M, K>): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener as Listener<M, keyof M>);
    return () => this.off(type, listener);
  }

  /**
   * Listen to the next occurrence of an event only.
   * @returns A function that removes the listener if it has not run yet.
   */
  once<K extends keyof M>(type: K, listener: Listener<M, K>): () => void {
    const wrapper: Listener<M, K> & { listener?: Listener<M, K> } = (payload) => {
      off();
      listener(payload);
    };
    wrapper.listener = listener;
    const off = this.on(type, wrapper);
    return off;
  }

  /**
   * Remove a listener added with {@link TypedEmitter.on} or {@link TypedEmitter.once}.
   * Without a listener, removes every listener of the event.
   */
  off<K extends keyof M>(type: K, listener?: Listener<M, K>): void {
    const set = this.#listeners.get(type);
    if (!set || !listener) {
      this.#listeners.delete(type);
      return;
    }
    for (const entry of set) {
      if (entry === listener || (entry as { listener?: unknown }).listener === listener) set.delete(entry);
    }
  }

  /** Number of listeners of an event (for diagnostics and leak checks). */
  listenerCount(type: keyof M): number {
    return this.#listeners.get(type)?.size ?? 0;
  }

  /** Call every listener of an event, in the order they were added. */
  protected emit<K extends keyof M>(type: K, payload: M[K]): void {
    const set = this.#listeners.get(type);
    if (!set) return;
    for (const listener of [...set]) {
      if (!set.has(listener)) continue;
      try {
        listener(payload);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  /** Remove every listener of every event. */
  protected removeAllListeners(): void {
    this.#listeners.clear();
  }
}
