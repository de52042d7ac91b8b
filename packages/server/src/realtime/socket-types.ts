import type { Server, Socket } from 'socket.io';
import type { ServerToClientEvents } from '@novu-chat/protocol';

/** Per-connection data kept by Socket.IO (and restored with the connection state). */
export interface SocketData {
  /** Keyed hash of the client id (or of a server-made id): repeat avoidance and bans use it. */
  clientKey: string;
  /** Keyed hash of the client IP. */
  ipKey: string;
  siteKey: string | undefined;
}

/** Incoming events are untyped on purpose: every payload is validated before use. */
export type IncomingEvents = Record<string, (...args: unknown[]) => void>;

/** The typed Socket.IO server. */
export type NovuIo = Server<IncomingEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** A typed connection. */
export type NovuSocket = Socket<IncomingEvents, ServerToClientEvents, Record<string, never>, SocketData>;
