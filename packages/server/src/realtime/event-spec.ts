/**
 * How one client event is handled (its rate-limit class, its payload schema, its handler) and
 * the table of every client event, typed against the protocol's `ClientToServerEvents`: a
 * missing or misspelled event, or a handler whose result is not its event's ack, fails to compile.
 * @module
 */
import {
  ErrorCode,
  type AckCallback,
  type ClientEventName,
  type ClientToServerEvents,
  type ErrorCodeName,
  type ProtocolError,
} from '@novu-chat/protocol';
import type { z } from 'zod';
import type { EventClass } from '../limits/event-limits.js';
import { describeIssues } from '../validation/schemas.js';
import type { NovuSocket } from './socket-types.js';

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

type Awaitable<T> = T | Promise<T>;

/** The ack callback among an event's arguments. */
type AckOf<F> = F extends (...args: infer A) => void ? Extract<NonNullable<A[number]>, AckCallback<object>> : never;

/**
 * What a handler of event `E` resolves: the fields its successful ack carries besides `ok`
 * (`void` for a plain `{ ok: true }`).
 */
export type AckFields<E extends ClientEventName> =
  AckOf<ClientToServerEvents[E]> extends AckCallback<infer T> ? (keyof T extends never ? void : T) : void;

/** One client event as the dispatcher runs it: the payload is validated inside `run`. */
export interface EventHandler<R extends object | void = object | void> {
  /** Which rate-limit budget the event spends. */
  readonly limit: EventClass;
  /** Validate the raw payload (throws `invalid_payload`), then handle it. */
  run(socket: NovuSocket, raw: unknown, event: string): Awaitable<R>;
}

/** Every client event the server answers, by name (exactly the protocol's client events). */
export type EventTable = { readonly [E in keyof ClientToServerEvents]: EventHandler<AckFields<E>> };

/** The handlers of a family of events (`queue:*`, `signal:*`, …): a part of the {@link EventTable}. */
export type EventHandlers<E extends ClientEventName> = Pick<EventTable, E>;

/** An event with a payload: its schema, and its handler of the validated payload. */
export interface PayloadEventSpec<S extends z.ZodType, R extends object | void> {
  limit: EventClass;
  schema: S;
  handle(socket: NovuSocket, payload: z.output<S>): Awaitable<R>;
}

/** An event with a payload, validated by its schema before the handler sees it. */
export function payloadEvent<S extends z.ZodType, R extends object | void>(spec: PayloadEventSpec<S, R>): EventHandler<R> {
  return {
    limit: spec.limit,
    run(socket, raw, event) {
      const parsed = spec.schema.safeParse(raw);
      if (!parsed.success) throw new ProtocolFailure(ErrorCode.InvalidPayload, `Invalid ${event} payload: ${describeIssues(parsed.error)}`);
      return spec.handle(socket, parsed.data);
    },
  };
}

/** An event without a payload: anything sent with it is ignored. */
export function plainEvent<R extends object | void>(spec: { limit: EventClass; handle(socket: NovuSocket): Awaitable<R> }): EventHandler<R> {
  return { limit: spec.limit, run: (socket) => spec.handle(socket) };
}
