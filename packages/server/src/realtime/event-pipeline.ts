import { ErrorCode, type ErrorCodeName, type ProtocolError } from '@novu-chat/protocol';
import type { z } from 'zod';
import type { EventClass, EventLimits } from '../limits/event-limits.js';
import { describeIssues } from '../protocol/schemas.js';
import type { NovuSocket } from './socket-types.js';
import type { TaskQueue } from './task-queue.js';

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

type Ack = (response: object) => void;

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

/** Context shared by every bound event. */
export interface PipelineDeps {
  limits: EventLimits;
  /** The connection's queue: its events run one at a time, in order. */
  queue: TaskQueue;
  onRejected?: (event: string, code: ErrorCodeName) => void;
  onFault?: (event: string, error: unknown) => void;
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

/**
 * Bind one event: socket → limits → schema → handler → ack. Never throws into Socket.IO:
 * any failure becomes an answer with a code, and the server keeps serving everyone else.
 */
export function bindEvent<S extends z.ZodType | undefined>(
  socket: NovuSocket,
  event: string,
  spec: EventSpec<S>,
  deps: PipelineDeps,
): void {
  socket.on(event, (...args: unknown[]) => {
    const { payload, ack } = splitArgs(args);
    void deps.queue.run(() => run(payload, ack));
  });

  async function run(raw: unknown, ack: Ack | undefined): Promise<void> {
    try {
      const limit = await deps.limits.event(spec.limit, socket.id);
      if (!limit.allowed) throw new ProtocolFailure(ErrorCode.RateLimited, `Too many ${event} events; slow down.`, limit.retryAfterMs);
      let payload: unknown;
      if (spec.schema) {
        const parsed = spec.schema.safeParse(raw);
        if (!parsed.success) throw new ProtocolFailure(ErrorCode.InvalidPayload, `Invalid ${event} payload: ${describeIssues(parsed.error)}`);
        payload = parsed.data;
      }
      const result = await spec.handle(socket, payload as Parameters<EventSpec<S>['handle']>[1]);
      ack?.({ ok: true, ...(result ?? {}) });
    } catch (error) {
      if (error instanceof ProtocolFailure) {
        deps.onRejected?.(event, error.code);
        answerFailure(socket, event, ack, error);
      } else {
        deps.onFault?.(event, error);
        answerFailure(socket, event, ack, new ProtocolFailure(ErrorCode.Internal, 'Unexpected server error.'));
      }
    }
  }
}
