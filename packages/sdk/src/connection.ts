import type { QueueJoinPayload } from '@novu-chat/protocol';
import { NovuError, toNovuError } from './errors.js';
import { handshakeAuth } from './handshake.js';
import type { NovuClientOptions } from './options.js';
import type { ReconnectPolicy } from './reconnect-policy.js';
import { Signaling } from './signaling.js';
import type { Resumable } from './states.js';

/** Where a run goes once its dropped link is back (see {@link Connection.takeResume}). */
export interface Resume {
  /** The state to return to, as remembered when the link dropped (or `searching` after a `next()` meanwhile). */
  to: Resumable | null;
  /** The server announced its shutdown: a room lost with it was `ended`, not lost by this client. */
  shutdown: boolean;
}

/** What a {@link Connection} tells its client. */
export interface ConnectionHooks {
  /** The link dropped after it had connected; it is being restored. */
  reconnecting(): void;
  /** The link is back after a drop; `recovered`: the server restored the session (room and missed events). */
  reconnected(recovered: boolean): void;
  /** The link is gone for good after it had connected (refused, or out of attempts). */
  failed(error: NovuError): void;
  /** Whether a join still matters: the client is still searching. */
  searching(): boolean;
  /** A `queue:join` failed; `retrying`: the policy asks again later, else the failure is fatal. */
  joinFailed(error: NovuError, retrying: boolean): void;
}

/**
 * One run of a client against the server, from `start()` until it stops or fails: the link
 * ({@link Signaling}), its first connect, `queue:join` with the retries the {@link ReconnectPolicy}
 * allows, and where to resume after a drop. The client's state machine decides what to do with them.
 */
export class Connection {
  /** The link; its server events are the client's to bind. */
  readonly signaling: Signaling;
  readonly #query: QueueJoinPayload;
  readonly #policy: ReconnectPolicy;
  readonly #hooks: ConnectionHooks;
  #waiter: { resolve: () => void; reject: (error: unknown) => void } | null = null;
  #joinTimer: ReturnType<typeof setTimeout> | undefined;
  #resume: Resume = { to: null, shutdown: false };
  #closed = false;

  /**
   * @param query - What every `queue:join` of this run asks for.
   * @param clientId - The client's anonymous id, for the handshake.
   */
  constructor(options: NovuClientOptions, policy: ReconnectPolicy, clientId: string, query: QueueJoinPayload, hooks: ConnectionHooks) {
    this.#query = query;
    this.#policy = policy;
    this.#hooks = hooks;
    this.signaling = new Signaling(
      { url: options.url, auth: handshakeAuth(options, clientId), policy, ackTimeoutMs: options.requestTimeoutMs ?? 10_000 },
      {
        connected: (recovered) => {
          const waiter = this.#takeWaiter();
          if (waiter) waiter.resolve();
          else hooks.reconnected(recovered);
        },
        reconnecting: () => hooks.reconnecting(),
        failed: (error) => {
          const waiter = this.#takeWaiter();
          if (waiter) waiter.reject(error);
          else hooks.failed(error);
        },
      },
    );
    this.signaling.on('server:shutdown', () => (this.#resume.shutdown = true));
  }

  /** Remember where to go once the dropped link is back. */
  resumeTo(state: Resumable): void {
    this.#resume.to = state;
  }

  /** Where to go now that the link is back; forgotten once read. */
  takeResume(): Resume {
    const resume = this.#resume;
    this.#resume = { to: null, shutdown: false };
    return resume;
  }

  /** Connect. Resolves on the first connect; rejects when refused, unreachable, or closed first. */
  open(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiter = { resolve, reject };
      this.signaling.open();
    });
  }

  /** The first `queue:join` of `start()`: the caller's answer, never retried here. */
  firstJoin(): Promise<unknown> {
    return this.signaling.join(this.#query);
  }

  /** `queue:join` now; a failure is retried as the policy says while the client searches. */
  join(): void {
    if (this.#closed) return;
    this.cancelJoin();
    this.signaling.join(this.#query).catch((error: unknown) => {
      if (this.#closed || !this.#hooks.searching()) return;
      const failure = toNovuError(error);
      const delayMs = this.#policy.joinRetryDelayMs(failure);
      this.#hooks.joinFailed(failure, delayMs !== null);
      if (delayMs !== null) this.joinLater(delayMs);
    });
  }

  /** {@link Connection.join} after `ms`, unless cancelled, closed or no longer searching by then. */
  joinLater(ms: number): void {
    clearTimeout(this.#joinTimer);
    this.#joinTimer = setTimeout(() => {
      if (!this.#closed && this.#hooks.searching()) this.join();
    }, ms);
  }

  /** Forget a join planned by {@link Connection.joinLater} (a match arrived, or the client moved on). */
  cancelJoin(): void {
    clearTimeout(this.#joinTimer);
  }

  /**
   * End the run: a pending `open()` rejects with `invalid_state`, planned joins are dropped, and the
   * link closes, after a last `room:leave` / `queue:leave` when one is given (so the partner is told
   * `left`). Nothing is reported any more. Safe to call twice.
   */
  close(leave?: 'room:leave' | 'queue:leave'): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#takeWaiter()?.reject(new NovuError('invalid_state', 'Stopped'));
    this.cancelJoin();
    if (leave) this.signaling.closeAfter(leave);
    else this.signaling.close();
  }

  /** The pending `open()`, if any, which the caller now settles. */
  #takeWaiter(): { resolve: () => void; reject: (error: unknown) => void } | null {
    const waiter = this.#waiter;
    this.#waiter = null;
    return waiter;
  }
}
