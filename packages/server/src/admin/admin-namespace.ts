import type { Logger } from 'pino';
import type { Namespace, Server, Socket } from 'socket.io';
import { tokenMatches } from '../http/admin-auth.js';
import type { AdminApiGuard } from './admin-api.js';
import { AdminError, type AdminService, type AdminSnapshot, type BanResult, type ProcessSnapshot } from './admin-service.js';

/** An admin action's answer. */
export type AdminAck<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: string; message: string } };

/** Events the dashboard sends (each with an ack). */
export interface AdminClientEvents {
  /** A snapshot now. */
  snapshot: (ack: (answer: AdminAck<{ snapshot: AdminSnapshot }>) => void) => void;
  /** End a room. */
  'room:end': (payload: { roomId: string }, ack: (answer: AdminAck) => void) => void;
  /** Ban a hashed client and/or IP for `durationMs`. */
  'ban:add': (payload: unknown, ack: (answer: AdminAck<BanResult>) => void) => void;
  /** Lift a ban. */
  'ban:lift': (payload: { id: string }, ack: (answer: AdminAck) => void) => void;
}

/** Events the server pushes to the dashboard. */
export interface AdminServerEvents {
  /** The live snapshot, about every second and after every action. */
  snapshot: (snapshot: AdminSnapshot) => void;
}

/** Events between the processes of a cluster. */
export interface AdminInterServerEvents {
  /** Ask every other process for its own numbers. */
  'admin:process': (ack: (process: ProcessSnapshot) => void) => void;
}

/** The typed admin namespace. */
export type AdminNsp = Namespace<AdminClientEvents, AdminServerEvents, AdminInterServerEvents>;
type AdminSocket = Socket<AdminClientEvents, AdminServerEvents, AdminInterServerEvents>;

/** The admin namespace's path. */
export const ADMIN_NAMESPACE = '/admin';

/** The admin namespace of a Socket.IO server. */
export function adminNamespace(io: Server): AdminNsp {
  return io.of(ADMIN_NAMESPACE) as unknown as AdminNsp;
}

/** Ask the other processes of a cluster for their numbers (none on a single process). */
export async function askPeers(nsp: AdminNsp, timeoutMs = 1_000): Promise<ProcessSnapshot[]> {
  if ((await nsp.adapter.serverCount()) <= 1) return [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the other processes did not answer in time')), timeoutMs);
  });
  try {
    return await Promise.race([nsp.serverSideEmitWithAck('admin:process') as Promise<ProcessSnapshot[]>, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Options of {@link AdminNamespace}. */
export interface AdminNamespaceOptions {
  nsp: AdminNsp;
  service: AdminService;
  adminToken: string;
  log: Logger;
  /** Push interval (default 1 000 ms). */
  intervalMs?: number;
  /** Throttles failed sign-ins (per IP network and per engine.io connection). */
  guard?: AdminApiGuard | undefined;
}

/**
 * The dashboard's live channel: Socket.IO namespace `/admin`, signed in with the handshake's
 * `auth.token` (compared in constant time). Pushes `snapshot` every second while a dashboard is
 * open, and handles `room:end`, `ban:add` and `ban:lift` with acks.
 */
export class AdminNamespace {
  readonly #opts: AdminNamespaceOptions;
  readonly #timer: NodeJS.Timeout;
  #pushing = false;
  #again = false;

  constructor(options: AdminNamespaceOptions) {
    this.#opts = options;
    const { nsp, adminToken, log, service, guard } = options;
    const refuse = (next: (error: Error) => void, message: string, data: { code: string; retryAfterMs?: number }) => {
      const error = new Error(message) as Error & { data: typeof data };
      error.data = data;
      next(error);
    };
    nsp.use((socket, next) => {
      void (async () => {
        const network = guard?.networkOf(socket.handshake.address, socket.handshake.headers['x-forwarded-for']) ?? '';
        const gate = guard ? await guard.throttle.gate(network) : { allowed: true as const };
        if (!gate.allowed) {
          return refuse(next, 'Too many failed sign-ins from this address; try again later.', { code: 'rate_limited', retryAfterMs: gate.retryAfterMs });
        }
        const auth = socket.handshake.auth as { token?: unknown } | undefined;
        if (tokenMatches(auth?.token, adminToken)) return next();
        // Logged in aggregate by the throttle; without one, one line per failure.
        const attempted = auth?.token !== undefined && auth.token !== '';
        const verdict = guard && attempted ? await guard.throttle.failed(network, socket.conn, 'namespace') : undefined;
        if (!guard) log.warn({ conn: socket.id }, 'admin: sign-in refused');
        refuse(next, 'A valid admin token is required.', { code: 'unauthorized' });
        // Past its budget the whole engine.io connection goes, not just this namespace attempt.
        if (verdict?.closeConnection) setImmediate(() => socket.conn.close());
      })().catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
    });
    nsp.on('connection', (socket) => this.#onConnection(socket));
    nsp.on('admin:process', (ack) => ack(service.localProcess()));
    this.#timer = setInterval(() => void this.push(), options.intervalMs ?? 1_000);
    this.#timer.unref();
  }

  /** Send a fresh snapshot to this process's dashboards now. */
  async push(): Promise<void> {
    const { nsp, service, log } = this.#opts;
    if (nsp.sockets.size === 0) return;
    if (this.#pushing) {
      this.#again = true;
      return;
    }
    this.#pushing = true;
    try {
      const snapshot = await service.snapshot();
      // Local only: in a cluster every process serves its own dashboards.
      nsp.local.emit('snapshot', snapshot);
    } catch (error) {
      log.warn({ err: error }, 'admin: snapshot failed');
    } finally {
      this.#pushing = false;
      if (this.#again) {
        this.#again = false;
        void this.push();
      }
    }
  }

  /** Stop pushing and disconnect the dashboards. */
  close(): void {
    clearInterval(this.#timer);
    this.#opts.nsp.local.disconnectSockets(true);
  }

  #onConnection(socket: AdminSocket): void {
    const { service, log } = this.#opts;
    log.info({ conn: socket.id }, 'admin: dashboard connected');
    const answer = <T extends object>(ack: unknown, work: () => Promise<T>, after = true) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (a: AdminAck<T>) => void;
      work().then(
        (value) => {
          reply({ ok: true, ...value });
          if (after) void this.push();
        },
        (error: unknown) => {
          if (error instanceof AdminError) return reply({ ok: false, error: { code: error.code, message: error.message } });
          log.error({ conn: socket.id, err: error }, 'admin: action failed');
          reply({ ok: false, error: { code: 'internal_error', message: 'The action failed.' } });
        },
      );
    };
    const field = (payload: unknown, name: string): unknown =>
      payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[name] : undefined;

    socket.on('snapshot', (ack) => answer(ack, async () => ({ snapshot: await service.snapshot() }), false));
    socket.on('room:end', (payload, ack) => answer(ack, async () => {
      await service.endRoom(field(payload, 'roomId'));
      return {};
    }));
    socket.on('ban:add', (payload, ack) => answer(ack, () => service.ban(payload)));
    socket.on('ban:lift', (payload, ack) => answer(ack, async () => {
      await service.lift(field(payload, 'id'));
      return {};
    }));
    socket.on('disconnect', () => log.info({ conn: socket.id }, 'admin: dashboard disconnected'));
    void this.push();
  }
}
