import { ErrorCode, type ErrorCodeName, type ProtocolError } from '@novu-chat/protocol';
import type { z } from 'zod';
import type { EventClass, EventLimits } from '../limits/event-limits.js';
import { describeIssues } from '../validation/schemas.js';
import type { NovuSocket } from './socket-types.js';
import type { TaskQueue } from './task-queue.js';

type Ack = (response: object) => void;

/** An error a handler throws to answer the client with a protocol error code. */
export class ProtocolFailure extends Error {
  constructor(readonly code: ErrorCodeName, message: string, readonly retryAfterMs?: number) {
    super(message);
  }
  toJSON(): ProtocolError {
    return this.retryAfterMs === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAfterMs: this.retryAfterMs };
  }
}

/** How one client event is handled: its limit class, its schema, its handler. */
export interface EventSpec<S extends z.ZodType | undefined> {
  limit: EventClass;
  /** Without a schema the event takes no payload (anything sent is ignored). */
  schema: S;
  handle: (
    socket: NovuSocket,
    payload: S extends z.ZodType ? z.output<S> : undefined,
  ) => Promise<object | void> | object | void;
}

/** An event spec with its payload type erased, as kept in an {@link EventTable}. */
export interface AnyEventSpec {
  limit: EventClass;
  schema: z.ZodType | undefined;
  handle: (socket: NovuSocket, payload: unknown) => Promise<object | void> | object | void;
}

/** Every client event the server answers, by name. */
export type EventTable = ReadonlyMap<string, AnyEventSpec>;

/** Type-check one event's spec, then erase its payload type for the table. */
export function defineEvent<S extends z.ZodType | undefined>(spec: EventSpec<S>): AnyEventSpec {
  return spec as unknown as AnyEventSpec;
}

/** What the dispatcher needs per connection and for reporting. */
export interface DispatchDeps {
  /** The limits that apply to a connection (its site's, or the server's). */
  limitsOf: (socket: NovuSocket) => EventLimits;
  /** The connection's queue: its events run one at a time, in order. */
  queueOf: (socket: NovuSocket) => TaskQueue;
  onRejected?: (socket: NovuSocket, event: string, code: ErrorCodeName) => void;
  onFault?: (socket: NovuSocket, event: string, error: unknown) => void;
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
  else socket.emit('server:error', { event, ...error });
}

/** Unknown events share the light events' budget. */
const UNKNOWN: AnyEventSpec = {
  limit: 'typing',
  schema: undefined,
  handle: () => {
    throw new ProtocolFailure(ErrorCode.UnknownEvent, 'Unknown event.');
  },
};

/**
 * One listener for every connection's every event (`socket.onAny`, called with `this` = the
 * socket): socket → limits → schema → handler → ack, in arrival order per connection. Sharing
 * one function instead of a closure per event per connection keeps idle connections light.
 * Never throws into Socket.IO: any failure becomes an answer with a code, and the server keeps
 * serving everyone else.
 */
export function createDispatcher(table: EventTable, deps: DispatchDeps): (this: NovuSocket, event: string, ...args: unknown[]) => void {
  async function run(socket: NovuSocket, event: string, spec: AnyEventSpec, raw: unknown, ack: Ack | undefined): Promise<void> {
    try {
      const limit = await deps.limitsOf(socket).event(spec.limit, socket.id);
      if (!limit.allowed) throw new ProtocolFailure(ErrorCode.RateLimited, `Too many ${event} events; slow down.`, limit.retryAfterMs);
      let payload: unknown;
      if (spec.schema) {
        const parsed = spec.schema.safeParse(raw);
        if (!parsed.success) throw new ProtocolFailure(ErrorCode.InvalidPayload, `Invalid ${event} payload: ${describeIssues(parsed.error)}`);
        payload = parsed.data;
      }
      const result = await spec.handle(socket, payload);
      ack?.({ ok: true, ...(result ?? {}) });
    } catch (error) {
      if (error instanceof ProtocolFailure) {
        deps.onRejected?.(socket, event, error.code);
        answerFailure(socket, event, ack, error);
      } else {
        deps.onFault?.(socket, event, error);
        answerFailure(socket, event, ack, new ProtocolFailure(ErrorCode.Internal, 'Unexpected server error.'));
      }
    }
  }
  return function dispatch(this: NovuSocket, event: string, ...args: unknown[]): void {
    const known = table.get(event);
    const name = known ? event : String(event).slice(0, 64);
    const { payload, ack } = splitArgs(args);
    void deps.queueOf(this).run(() => run(this, name, known ?? UNKNOWN, payload, ack));
  };
}
