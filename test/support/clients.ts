/** Real socket.io-client connections and small promise helpers for tests. */
import { io, type Socket } from 'socket.io-client';
import type { HandshakeAuth } from '@novu-chat/protocol';

/** How long a test waits for one expected event. */
export const EVENT_TIMEOUT_MS = 5_000;

/** Open connections, closed by `closeAll`. */
const open = new Set<Socket>();

/** Connect a client (WebSocket transport) and wait until it is connected. */
export async function connect(url: string, auth: HandshakeAuth = { v: 1 }, extra: Parameters<typeof io>[1] = {}): Promise<Socket> {
  const socket = connectLazy(url, auth, extra);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** Create a client without waiting for the connection. */
export function connectLazy(url: string, auth: HandshakeAuth = { v: 1 }, extra: Parameters<typeof io>[1] = {}): Socket {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { ...auth }, ...extra });
  open.add(socket);
  return socket;
}

/** The error of a refused connection. */
export function refusal(url: string, auth: HandshakeAuth = { v: 1 }, extra: Parameters<typeof io>[1] = {}): Promise<Error & { data?: { code: string; retryAfterMs?: number } }> {
  const socket = connectLazy(url, auth, extra);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connection was accepted')));
    socket.once('connect_error', (error) => resolve(error as Error & { data?: { code: string } }));
  });
}

/** Wait for the next `event` on a socket; rejects after `timeoutMs`. */
export function next<T = unknown>(socket: Socket, event: string, timeoutMs = EVENT_TIMEOUT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, handler);
  });
}

/** Record every payload of `event` on a socket, for asserting what did (not) arrive. */
export function record<T = unknown>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Emit with an ack and resolve the ack's answer. */
export function ask<T = Record<string, unknown>>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(EVENT_TIMEOUT_MS).emitWithAck(event, ...args) as Promise<T>;
}

/** Let in-flight events settle (for asserting that something did not happen). */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Close every client this module opened. */
export function closeAll(): void {
  for (const socket of open) socket.disconnect();
  open.clear();
}

/** A matched pair: join both and wait for `match:found` on each. */
export async function matchPair(url: string, join: Record<string, unknown> = {}): Promise<{ a: Socket; b: Socket; aMatch: MatchFound; bMatch: MatchFound }> {
  const a = await connect(url);
  const b = await connect(url);
  const aFound = next<MatchFound>(a, 'match:found');
  const bFound = next<MatchFound>(b, 'match:found');
  await ask(a, 'queue:join', join);
  await ask(b, 'queue:join', join);
  return { a, b, aMatch: await aFound, bMatch: await bFound };
}

/** The `match:found` payload as tests read it. */
export interface MatchFound {
  roomId: string;
  initiator: boolean;
  commonInterests: string[];
  mode: string;
}
