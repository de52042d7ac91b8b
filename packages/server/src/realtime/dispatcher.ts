import { ErrorCode, ServerEvent } from '@novu-chat/protocol';
import type { Logger } from 'pino';
import type { LimitsBySite } from '../limits/limits-by-site.js';
import type { Telemetry } from '../telemetry.js';
import type { AbuseBudget } from './abuse-budget.js';
import { ProtocolFailure, type EventHandler, type EventTable } from './event-spec.js';
import type { NovuSocket } from './socket-types.js';
import type { TaskQueues } from './task-queue.js';

type Ack = (response: object) => void;

/** What the dispatcher needs per connection and for reporting. */
export interface DispatchDeps {
  /** The limits that apply to a connection (its site's, or the server's). */
  limits: LimitsBySite;
  /** Each connection's queue: its events run one at a time, in order. */
  queues: TaskQueues;
  /** Told about every refused event. */
  telemetry: Telemetry;
  log: Logger;
  /** Refused events a connection may send before it is disconnected, and how often `rate_limited` is answered. */
  budget: AbuseBudget<NovuSocket>;
  /** Most events a connection may have queued or running; past it the connection is disconnected. */
  maxPendingEvents: number;
  /** A connection spent its budget (`refused`) or queued too much (`pending`): disconnect it. */
  onAbusive: (socket: NovuSocket, why: 'refused' | 'pending') => void;
}

/** Split `emit(event, payload?, ack?)` / `emit(event, ack)` arguments. */
export function splitArgs(args: readonly unknown[]): { payload: unknown; ack: Ack | undefined } {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as Ack) : undefined;
  const first = args[0];
  return { payload: typeof first === 'function' ? undefined : first, ack };
}

/** Answer a failure through the ack, or as `server:error` when there is none. */
export function answerFailure(socket: NovuSocket, event: string, ack: Ack | undefined, failure: ProtocolFailure): void {
  const error = failure.toJSON();
  if (ack) ack({ ok: false, error });
  else socket.emit(ServerEvent.ServerError, { event, ...error });
}

/** Unknown events share the light events' budget. */
const UNKNOWN: EventHandler = {
  limit: 'typing',
  run: () => {
    throw new ProtocolFailure(ErrorCode.UnknownEvent, 'Unknown event.');
  },
};

/**
 * One listener for every connection's every event (`socket.onAny`, called with `this` = the
 * socket): socket → limits → schema → handler → ack, in arrival order per connection. Sharing
 * one function instead of a closure per event per connection keeps idle connections light.
 * Never throws into Socket.IO: any failure becomes an answer with a code, and the server keeps
 * serving everyone else. Abuse costs the abuser: past its budget of refused events, or with too
 * many events pending, a connection is disconnected; events it queued before are dropped unrun.
 */
export function createDispatcher(table: EventTable, deps: DispatchDeps): (this: NovuSocket, event: string, ...args: unknown[]) => void {
  // A Map, not the object: an event named `constructor` or `__proto__` must stay unknown.
  const handlers = new Map<string, EventHandler>(Object.entries(table));
  async function run(socket: NovuSocket, event: string, handler: EventHandler, raw: unknown, ack: Ack | undefined): Promise<void> {
    if (!socket.connected) return;
    try {
      const limit = await deps.limits.of(socket.data.siteKey).event(handler.limit, socket.id);
      if (!limit.allowed) throw new ProtocolFailure(ErrorCode.RateLimited, `Too many ${event} events; slow down.`, limit.retryAfterMs);
      const result = await handler.run(socket, raw, event);
      ack?.({ ok: true, ...(result ?? {}) });
    } catch (error) {
      if (error instanceof ProtocolFailure) {
        deps.telemetry.eventRejected(event, error.code);
        deps.log.debug({ conn: socket.id, event, code: error.code }, 'event rejected');
        const verdict = deps.budget.refused(socket, error.code, handler.limit, error.retryAfterMs);
        if (verdict === 'answer') answerFailure(socket, event, ack, error);
        else if (verdict === 'disconnect') deps.onAbusive(socket, 'refused');
      } else {
        deps.log.error({ conn: socket.id, event, err: error }, 'event handler failed');
        answerFailure(socket, event, ack, new ProtocolFailure(ErrorCode.Internal, 'Unexpected server error.'));
      }
    }
  }
  return function dispatch(this: NovuSocket, event: string, ...args: unknown[]): void {
    if (!this.connected) return;
    const queue = deps.queues.of(this);
    if (queue.pending >= deps.maxPendingEvents) {
      deps.onAbusive(this, 'pending');
      return;
    }
    const known = handlers.get(event);
    const name = known ? event : String(event).slice(0, 64);
    const { payload, ack } = splitArgs(args);
    void queue.run(() => run(this, name, known ?? UNKNOWN, payload, ack));
  };
}
