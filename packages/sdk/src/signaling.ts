import { io, type Socket } from 'socket.io-client';
import {
  ClientEvent,
  ErrorCode,
  PROTOCOL_VERSION,
  type AckCallback,
  type AckOk,
  type ChatMessageAck,
  type ClientToServerEvents,
  type ConnectErrorData,
  type HandshakeAuth,
  type QueueJoinAck,
  type QueueJoinPayload,
  type ReportReason,
  type ServerToClientEvents,
} from '@novu-chat/protocol';
import type { LinkDebug } from './debug.js';
import { fromProtocolError, NovuError } from './errors.js';
import type { AuthFields } from './handshake.js';
import type { ReconnectPolicy } from './reconnect-policy.js';

type ProtocolSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Listeners of several server events, typed by the protocol's `ServerToClientEvents`. */
export type ServerEventListeners = { readonly [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] };

/** How the link to the server behaves. */
export interface SignalingOptions {
  /** The server's URL. */
  url: string;
  /**
   * The handshake `auth` (without `v`, which is always the SDK's protocol version). A function is
   * called before every connection attempt (fresh captcha tokens).
   */
  auth: AuthFields | (() => Promise<AuthFields>);
  /** When and how often to reconnect (see {@link ReconnectPolicy}). */
  policy: ReconnectPolicy;
  /** How long a request waits for the server's answer. */
  ackTimeoutMs: number;
}

/** What the link reports to its owner. */
export interface SignalingHooks {
  /** Connected; `recovered` says whether the server restored the previous session (room and missed events). */
  connected(recovered: boolean): void;
  /** The link dropped; the signaling layer is trying to reconnect. */
  reconnecting(): void;
  /** The link is gone for good (refused, or every reconnection attempt failed). */
  failed(error: NovuError): void;
}

/** Refusals the server means as "try again later" (the protocol's codes, not a retry policy). */
const TRANSIENT_REFUSALS: ReadonlySet<string> = new Set([ErrorCode.RateLimited, ErrorCode.ServerShuttingDown]);

/**
 * The socket.io-client wrapper that speaks the Novu protocol: the handshake, events typed by the
 * protocol's event maps, requests with acks mapped to {@link NovuError}, and reconnection by the
 * {@link ReconnectPolicy} (including after a server shutdown and after transient refusals). The
 * socket itself stays inside.
 */
export class Signaling {
  readonly #socket: ProtocolSocket;
  readonly #options: SignalingOptions;
  readonly #hooks: SignalingHooks;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retries = 0;
  #closed = false;
  #everConnected = false;

  constructor(options: SignalingOptions, hooks: SignalingHooks) {
    this.#options = options;
    this.#hooks = hooks;
    const given = options.auth;
    const auth = typeof given === 'function'
      ? (send: (data: HandshakeAuth) => void) => {
          given().then(
            (data) => send({ ...data, v: PROTOCOL_VERSION }),
            () => send({ v: PROTOCOL_VERSION }),
          );
        }
      : { ...given, v: PROTOCOL_VERSION };
    const { maxAttempts, transportBackoff } = options.policy;
    const socket: ProtocolSocket = (this.#socket = io(options.url, {
      auth,
      autoConnect: false,
      // Every client gets its own connection: two clients in one page must never share a socket.
      forceNew: true,
      // WebSocket straight away (no long-polling handshake to upgrade from: cheaper for the server,
      // and no sticky load balancing needed); long-polling only where WebSocket cannot open.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionAttempts: maxAttempts,
      reconnectionDelay: transportBackoff.initialDelayMs,
      reconnectionDelayMax: transportBackoff.maxDelayMs,
      randomizationFactor: transportBackoff.jitter,
    }));
    socket.on('connect', () => {
      this.#retries = 0;
      this.#everConnected = true;
      hooks.connected(socket.recovered);
    });
    socket.on('disconnect', () => {
      if (this.#closed) return;
      hooks.reconnecting();
      // The server closed the link on purpose (shutdown, kick): Socket.IO will not retry by itself.
      if (!socket.active) this.#retryLater();
    });
    socket.on('connect_error', (error) => {
      if (this.#closed || socket.active) return; // `active`: a transport error, Socket.IO retries.
      const data = (error as Error & { data?: ConnectErrorData }).data;
      // Before the first connection a refusal is the caller's answer; later, transient ones are retried.
      if (data && (!this.#everConnected || !TRANSIENT_REFUSALS.has(data.code))) {
        this.#fail(new NovuError(data.code, error.message, { retryAfterMs: data.retryAfterMs }));
      } else {
        this.#retryLater(data?.retryAfterMs);
      }
    });
    socket.io.on('reconnect_failed', () => {
      this.#fail(new NovuError('connection_failed', `Could not reach the server at ${options.url}`));
    });
  }

  /** Whether the link is up. */
  get connected(): boolean {
    return this.#socket.connected;
  }

  /** Open the link (reconnections follow the policy; `failed` reports giving up). */
  open(): void {
    this.#closed = false;
    this.#socket.connect();
  }

  /** Listen to a server event, typed by the protocol's `ServerToClientEvents`. Removed by {@link Signaling.close}. */
  on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): void {
    (this.#socket.on as (event: E, listener: ServerToClientEvents[E]) => void)(event, listener);
  }

  /** {@link Signaling.on} for each listener of `listeners`. */
  listen(listeners: ServerEventListeners): void {
    for (const [event, listener] of Object.entries(listeners)) this.#socket.on(event as keyof ServerToClientEvents, listener as never);
  }

  /** Remove listeners added with {@link Signaling.listen}. */
  unlisten(listeners: ServerEventListeners): void {
    for (const [event, listener] of Object.entries(listeners)) this.#socket.off(event as keyof ServerToClientEvents, listener as never);
  }

  /** Send an event whose answer nobody waits for (errors arrive as `server:error`). */
  emit<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): void {
    (this.#socket.emit as (event: E, ...args: Parameters<ClientToServerEvents[E]>) => void)(event, ...args);
  }

  /**
   * Send a last `room:leave` / `queue:leave`, then close once the server has acknowledged it
   * (at most a second later), so the partner is told `left` rather than `disconnected`.
   * Nothing is reported to the owner any more.
   */
  closeAfter(event: 'room:leave' | 'queue:leave'): void {
    const socket = this.#socket;
    if (!socket.connected) return this.close();
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    socket.removeAllListeners();
    const timer = setTimeout(() => this.close(), 1_000);
    socket.emit(event, () => {
      clearTimeout(timer);
      this.close();
    });
  }

  /** Close the link for good. Listeners are removed. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    socket.removeAllListeners();
    socket.io.removeAllListeners();
    socket.disconnect();
  }

  /** `queue:join`: queue (ending the current room first, if any). */
  join(payload: QueueJoinPayload): Promise<AckOk<QueueJoinAck>> {
    return this.#request<QueueJoinAck>((ack) => this.#socket.emit(ClientEvent.QueueJoin, payload, ack));
  }

  /** `chat:message`: send a chat message to the partner. */
  message(text: string): Promise<AckOk<ChatMessageAck>> {
    return this.#request<ChatMessageAck>((ack) => this.#socket.emit(ClientEvent.ChatMessage, { text }, ack));
  }

  /** `report`: report the current (or just-left) partner; the server blocks them and ends the chat. */
  report(reason: ReportReason): Promise<AckOk> {
    return this.#request((ack) => this.#socket.emit(ClientEvent.Report, { reason }, ack));
  }

  /** `block`: never be matched with the current (or just-left) partner again; the server ends the chat. */
  block(): Promise<AckOk> {
    return this.#request((ack) => this.#socket.emit(ClientEvent.Block, ack));
  }

  /** @internal For tests and tools, not API: see {@link LinkDebug}. */
  debug(): LinkDebug {
    const socket = this.#socket;
    return {
      handshakeAuth: () =>
        new Promise((resolve) => {
          const auth = socket.auth;
          if (typeof auth === 'function') auth((data) => resolve(data as HandshakeAuth));
          else resolve(auth as HandshakeAuth);
        }),
      drop: () => socket.io.engine.close(),
      holdReconnection: () => {
        socket.io.reconnection(false);
        return () => {
          socket.io.reconnection(true);
          socket.connect();
        };
      },
      listenerCount: (event) => socket.listeners(event).length,
      onSent: (listener) => {
        const tap = (event: string): void => listener(event);
        socket.onAnyOutgoing(tap);
        return () => socket.offAnyOutgoing(tap);
      },
    };
  }

  #request<T extends object>(send: (ack: AckCallback<T>) => void): Promise<AckOk<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new NovuError('timeout', 'The server did not answer in time')),
        this.#options.ackTimeoutMs,
      );
      send((response) => {
        clearTimeout(timer);
        if (response.ok) resolve(response);
        else reject(fromProtocolError(response.error));
      });
    });
  }

  /** Reconnect by ourselves (Socket.IO does not), after the policy's delay, within its attempts. */
  #retryLater(afterMs?: number): void {
    clearTimeout(this.#retryTimer);
    const { policy, url } = this.#options;
    if (++this.#retries > policy.maxAttempts) {
      this.#fail(new NovuError('connection_failed', `Could not reconnect to the server at ${url}`));
      return;
    }
    this.#retryTimer = setTimeout(() => {
      if (!this.#closed) this.#socket.connect();
    }, policy.reconnectDelayMs(this.#retries, afterMs));
  }

  #fail(error: NovuError): void {
    if (this.#closed) return;
    this.close();
    this.#hooks.failed(error);
  }
}
