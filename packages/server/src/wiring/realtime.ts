import type { Server as HttpServer } from 'node:http';
import type { AdmissionCheck } from '../admission.js';
import type { Moderation } from '../moderation/moderation.js';
import { DeferredReplay } from '../realtime/deferred-replay.js';
import { EngineAdmission } from '../realtime/engine-admission.js';
import { RealtimeGateway } from '../realtime/gateway.js';
import { eventTable } from '../realtime/handlers/index.js';
import { LiveConnections } from '../realtime/live-connections.js';
import { ResumeGrace } from '../realtime/resume-grace.js';
import { createSocketServer } from '../realtime/socket-server.js';
import { SocketIoRoomTransport } from '../realtime/socket-io-room-transport.js';
import type { NovuIo } from '../realtime/socket-types.js';
import { Lobby } from '../rooms/lobby.js';
import type { Telemetry } from '../telemetry.js';
import { IceConfig } from '../turn/turn-credentials.js';
import type { Foundation } from './foundation.js';
import type { Stores } from './stores.js';

/** The Socket.IO server and the service's connections (needed before moderation, which disconnects the banned). */
export interface Sockets {
  io: NovuIo;
  connections: LiveConnections;
  /** Missed packets of resumed connections, held until the guard admits them. */
  replay: DeferredReplay;
}

/**
 * Attach Socket.IO to the HTTP server (cluster mode: with the Redis Streams adapter), behind the
 * per-IP cap on concurrent transports.
 */
export function buildSockets(httpServer: HttpServer, { options, cluster, hash }: Foundation): Sockets {
  const admission = new EngineAdmission({ hash, trustProxy: options.trustProxy, maxPerIp: options.maxConnectionsPerIp });
  const io = createSocketServer(httpServer, {
    resumeGraceMs: options.resumeGraceMs,
    adapter: cluster?.adapter,
    connectTimeoutMs: options.connectTimeoutMs,
    allowRequest: admission.allowRequest,
  });
  admission.attach(io.engine);
  const replay = new DeferredReplay();
  replay.wrap(io.of('/').adapter);
  return { io, connections: new LiveConnections(io, cluster ? () => cluster.online() : undefined), replay };
}

/** The realtime side: rooms reach sockets through the transport, events reach handlers through the gateway. */
export interface Realtime {
  lobby: Lobby;
  gateway: RealtimeGateway;
}

/** Build the lobby on the stores and a Socket.IO room transport, the event table, and the gateway. */
export function buildRealtime(
  base: Foundation,
  stores: Stores,
  { io, connections, replay }: Sockets,
  telemetry: Telemetry,
  { moderation, admission }: { moderation: Moderation; admission: AdmissionCheck[] },
): Realtime {
  const { options, log, cluster } = base;
  const { matchmaker, directory } = stores;
  const grace = new ResumeGrace();
  const ice = new IceConfig(options);
  const lobby = new Lobby({
    matchmaker,
    directory,
    transport: new SocketIoRoomTransport(io, grace, cluster !== undefined),
    telemetry,
    now: Date.now,
    log,
    ice: ice.enabled ? ice : undefined,
  });
  const node = cluster?.processId;
  const table = eventTable({ lobby, directory, moderation, telemetry, node, now: Date.now });
  const gateway = new RealtimeGateway(io, {
    options,
    log,
    limits: base.limits,
    lobby,
    directory,
    telemetry,
    table,
    connections,
    grace,
    replay,
    guard: { origins: base.origins, hash: base.hash, admission, multiSite: base.sites !== undefined },
    matchmaker,
    node,
  });
  return { lobby, gateway };
}
