import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { Limits, ServerEvent } from '@novu-chat/protocol';
import { scopedRecoveryAdapter } from './recovery-adapter.js';
import type { NovuIo } from './socket-types.js';

/** What the Socket.IO server is set up with. */
export interface SocketServerSettings {
  /** How long a dropped connection's state is kept for recovery (`RESUME_GRACE_MS`). */
  resumeGraceMs: number;
  /** The adapter (cluster mode: Redis Streams); default the per-room recovery adapter. */
  adapter?: ServerOptions['adapter'] | undefined;
  /** How long a transport may wait before Socket.IO's CONNECT (`CONNECT_TIMEOUT_MS`). */
  connectTimeoutMs: number;
  /** engine.io's handshake hook: the per-IP cap on concurrent transports (`EngineAdmission`). */
  allowRequest: ServerOptions['allowRequest'];
}

/** The Socket.IO server of Novu Chat, attached to the HTTP server (which must already have Koa's handler). */
export function createSocketServer(httpServer: HttpServer, settings: SocketServerSettings): NovuIo {
  return new Server(httpServer, {
    maxHttpBufferSize: Limits.maxFrameBytes,
    // Per-IP concurrent transports, before CONNECT; a transport that never sends CONNECT is closed soon.
    allowRequest: settings.allowRequest,
    connectTimeout: settings.connectTimeoutMs,
    // Let every browser origin reach the guard, which refuses with a clear `data.code`.
    cors: { origin: true, credentials: false },
    perMessageDeflate: false,
    httpCompression: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    cleanupEmptyChildNamespaces: true,
    connectionStateRecovery: {
      maxDisconnectionDuration: Math.max(settings.resumeGraceMs, 1),
      // A resume is admission too (bans, Origin, site, limits): the connection guard runs on it.
      skipMiddlewares: false,
    },
    adapter: settings.adapter ?? scopedRecoveryAdapter({ transientEvents: new Set([ServerEvent.Stats]) }),
  }) as NovuIo;
}
