import { randomBytes } from 'node:crypto';
import type { Mode } from '@novu-chat/protocol';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AdminControl, LiveStats } from './admin-control.js';
import { MAX_BAN_MS, type Ban, type BanKey, type BanList } from '../moderation/ban-list.js';
import type { ModerationTelemetry } from '../telemetry.js';
import type { ActivitySnapshot, ActivityStats } from './activity-stats.js';

/** A member of a room as operators see it: opaque keyed hashes, never an IP. */
export interface RoomMemberView {
  /** Short handle to tell members apart on screen (the first 8 characters of `clientKey`). */
  handle: string;
  /** Keyed hash of the client id (24 hex characters). */
  clientKey: string;
  /** Keyed hash of the client IP (24 hex characters; empty when unknown). */
  ipKey: string;
}

/** An open room as operators see it. */
export interface RoomView {
  id: string;
  mode: Mode;
  /** When it opened (epoch ms). */
  createdAt: number;
  members: RoomMemberView[];
}

/** A ban as operators see it. */
export interface BanView {
  id: string;
  /** Whether a hashed client id or a hashed IP is banned. */
  kind: 'client' | 'ip';
  /** The keyed hash (24 hex characters). */
  key: string;
  /** Its first 8 characters. */
  handle: string;
  createdAt: number;
  until: number;
  note?: string;
}

/** One server process. */
export interface ProcessSnapshot {
  /** Random id of the process, fixed for its lifetime. */
  id: string;
  startedAt: number;
  uptimeSeconds: number;
  /** Connections to this process. */
  connections: number;
  /** Resident memory in bytes. */
  rssBytes: number;
  /** Whether it is draining (shutting down). */
  draining: boolean;
  /** What it saw. */
  activity: ActivitySnapshot;
}

/** Everything the dashboard shows, pushed every second. */
export interface AdminSnapshot {
  /** When it was taken (epoch ms). */
  at: number;
  live: LiveStats;
  /** Rolling rates, waits and top interests (summed over processes in cluster mode). */
  activity: ActivitySnapshot;
  /** Bans in force. */
  activeBans: number;
  /** Every process (one unless in cluster mode). */
  processes: ProcessSnapshot[];
  /** The oldest open rooms (at most 50). */
  rooms: RoomView[];
  /** Bans in force, soonest to run out first (at most 100). */
  bans: BanView[];
}

/** `GET /api/admin/stats`. */
export interface AdminStats extends LiveStats {
  uptimeSeconds: number;
  totals: ActivitySnapshot['totals'];
  perMinute: ActivitySnapshot['perMinute'];
  wait: ActivitySnapshot['wait'];
  topInterests: ActivitySnapshot['topInterests'];
  activeBans: number;
  processes: number;
}

/** A refused admin request. */
export class AdminError extends Error {
  constructor(readonly code: 'invalid_request' | 'not_found', message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

const hashKey = z.string().regex(/^[0-9a-f]{24}$/, 'must be a 24-character keyed hash');

/** Body of a ban: a hashed client, a hashed IP, or both, for a duration. */
export const banRequestSchema = z.object({
  clientKey: hashKey.optional(),
  ipKey: hashKey.optional(),
  durationMs: z.number().int().min(60_000).max(MAX_BAN_MS),
  note: z.string().max(200).optional(),
}).refine((b) => b.clientKey !== undefined || b.ipKey !== undefined, { message: 'give clientKey, ipKey or both' });

/** A ban request. */
export type BanRequest = z.infer<typeof banRequestSchema>;

/** What a ban did. */
export interface BanResult {
  bans: BanView[];
  /** Live connections disconnected. */
  disconnected: number;
}

/** What {@link AdminService} works with. */
export interface AdminServiceDeps {
  admin: AdminControl;
  bans: BanList;
  activity: ActivityStats;
  /** Sinks told about bans and lifts (metrics, the live stats). */
  moderation: ModerationTelemetry[];
  log: Logger;
  /** Connections to this process. */
  localConnections: () => number;
  draining: () => boolean;
  /** The other processes of the cluster (none on a single process). */
  peers?: () => Promise<ProcessSnapshot[]>;
  /** This process's id (default: random). */
  processId?: string | undefined;
}

/**
 * What operators can see and do, shared by the JSON API and the dashboard namespace:
 * snapshots, rooms, ending rooms, bans. Shows keyed hashes only, never an IP or message text.
 */
export class AdminService {
  /** This process's id in snapshots. */
  readonly processId: string;
  readonly startedAt = Date.now();
  readonly #deps: AdminServiceDeps;

  constructor(deps: AdminServiceDeps) {
    this.#deps = deps;
    this.processId = deps.processId ?? randomBytes(4).toString('hex');
  }

  /** This process alone. */
  localProcess(): ProcessSnapshot {
    return {
      id: this.processId,
      startedAt: this.startedAt,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      connections: this.#deps.localConnections(),
      rssBytes: process.memoryUsage.rss(),
      draining: this.#deps.draining(),
      activity: this.#deps.activity.snapshot(),
    };
  }

  /** Every process, this one first. */
  async processes(): Promise<ProcessSnapshot[]> {
    const own = this.localProcess();
    if (!this.#deps.peers) return [own];
    try {
      return [own, ...(await this.#deps.peers())];
    } catch (error) {
      this.#deps.log.warn({ err: error }, 'admin: could not reach the other processes');
      return [own];
    }
  }

  /** The dashboard's snapshot. */
  async snapshot(): Promise<AdminSnapshot> {
    const [live, processes, rooms, bans] = await Promise.all([
      this.#deps.admin.stats(), this.processes(), this.rooms(50), this.bans(),
    ]);
    return {
      at: Date.now(),
      live,
      activity: combineActivity(processes.map((p) => p.activity)),
      activeBans: bans.length,
      processes,
      rooms,
      bans: bans.slice(0, 100),
    };
  }

  /** The numbers of `GET /api/admin/stats`. */
  async stats(): Promise<AdminStats> {
    const [live, processes, bans] = await Promise.all([this.#deps.admin.stats(), this.processes(), this.#deps.bans.list()]);
    const activity = combineActivity(processes.map((p) => p.activity));
    return {
      ...live,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      totals: activity.totals,
      perMinute: activity.perMinute,
      wait: activity.wait,
      topInterests: activity.topInterests,
      activeBans: bans.length,
      processes: processes.length,
    };
  }

  /** Open rooms, oldest first. */
  async rooms(limit = 100): Promise<RoomView[]> {
    const rooms = await this.#deps.admin.listRooms(Math.max(1, Math.min(limit, 1000)));
    return rooms.map((room) => ({
      id: room.id,
      mode: room.mode,
      createdAt: room.createdAt,
      members: room.members.map((m) => ({ handle: m.clientKey.slice(0, 8), clientKey: m.clientKey, ipKey: m.ipKey })),
    }));
  }

  /** End a room; both members get `partner:left { reason: 'ended' }`. */
  async endRoom(roomId: unknown): Promise<void> {
    if (typeof roomId !== 'string' || roomId.length === 0 || roomId.length > 64) {
      throw new AdminError('invalid_request', 'roomId must be a room id');
    }
    if (!(await this.#deps.admin.endRoom(roomId))) throw new AdminError('not_found', 'No such room (it may have ended already).');
    this.#deps.log.info({ room: roomId }, 'admin: room ended');
  }

  /** Ban a hashed client and/or IP, then disconnect its live connections. */
  async ban(input: unknown): Promise<BanResult> {
    const parsed = banRequestSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AdminError('invalid_request', issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid ban');
    }
    const { clientKey, ipKey, durationMs, note } = parsed.data;
    const keys: BanKey[] = [];
    if (clientKey) keys.push(`client:${clientKey}`);
    if (ipKey) keys.push(`ip:${ipKey}`);
    const made: Ban[] = [];
    for (const key of keys) {
      made.push(await this.#deps.bans.ban(key, durationMs, note));
      for (const sink of this.#deps.moderation) sink.banned(key.startsWith('client:') ? 'client' : 'ip');
    }
    const match: { clientKey?: string; ipKey?: string } = {};
    if (clientKey) match.clientKey = clientKey;
    if (ipKey) match.ipKey = ipKey;
    const disconnected = await this.#deps.admin.disconnectClients(match);
    const views = made.map(banView);
    this.#deps.log.info({ bans: views.map((b) => ({ id: b.id, kind: b.kind, key: b.handle })), durationMs, disconnected }, 'admin: banned');
    return { bans: views, disconnected };
  }

  /** Lift a ban. */
  async lift(id: unknown): Promise<void> {
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) throw new AdminError('invalid_request', 'id must be a ban id');
    if (!(await this.#deps.bans.lift(id))) throw new AdminError('not_found', 'No such ban (it may have run out).');
    for (const sink of this.#deps.moderation) sink.banLifted();
    this.#deps.log.info({ ban: id }, 'admin: ban lifted');
  }

  /** Bans in force, soonest to run out first. */
  async bans(): Promise<BanView[]> {
    return (await this.#deps.bans.list()).map(banView);
  }
}

function banView(ban: Ban): BanView {
  const [kind, key] = ban.key.startsWith('client:') ? ['client', ban.key.slice(7)] as const : ['ip', ban.key.slice(3)] as const;
  const view: BanView = { id: ban.id, kind, key, handle: key.slice(0, 8), createdAt: ban.createdAt, until: ban.until };
  if (ban.note) view.note = ban.note;
  return view;
}

/**
 * Sum the activity of several processes. Waits: the average is weighted by samples; the p95 is
 * the highest of the processes' p95s (an upper bound). Top interests are merged by count.
 */
export function combineActivity(parts: ActivitySnapshot[]): ActivitySnapshot {
  const [first, ...rest] = parts;
  if (!first) throw new Error('no activity to combine');
  if (rest.length === 0) return first;
  const sum = <T extends object>(pick: (a: ActivitySnapshot) => T): T => {
    const out: Record<string, number> = { ...(pick(first) as Record<string, number>) };
    for (const part of rest) for (const [k, v] of Object.entries(pick(part) as Record<string, number>)) out[k] = (out[k] ?? 0) + v;
    return out as T;
  };
  let samples = 0;
  let weighted = 0;
  let p95: number | null = null;
  for (const { wait } of parts) {
    if (wait.samples === 0 || wait.avgMs === null) continue;
    samples += wait.samples;
    weighted += wait.avgMs * wait.samples;
    p95 = Math.max(p95 ?? 0, wait.p95Ms ?? 0);
  }
  const interests = new Map<string, number>();
  for (const part of parts) for (const { interest, count } of part.topInterests) interests.set(interest, (interests.get(interest) ?? 0) + count);
  return {
    perMinute: sum((a) => a.perMinute),
    totals: sum((a) => a.totals),
    wait: { samples, avgMs: samples ? Math.round(weighted / samples) : null, p95Ms: p95, windowMs: first.wait.windowMs },
    topInterests: [...interests].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10)
      .map(([interest, count]) => ({ interest, count })),
  };
}
