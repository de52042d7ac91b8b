import { randomUUID } from 'node:crypto';
import { ServerEvent, type MatchFoundPayload, type PartnerLeftReason } from '@novu-chat/protocol';
import type { Logger } from 'pino';
import type { JoinRequest, Match, Matchmaker } from '../matchmaking/types.js';
import type { Telemetry } from '../telemetry.js';
import type { RoomDirectory, RoomRecord } from './room-directory.js';
import { roomChannel, type RoomTransport } from './room-transport.js';

/** Rooms looked through for a banned client's (operators' bans are rare; the directory lists oldest first). */
const ROOMS_SCANNED_FOR_CLIENT = 100_000;

/** The longest delay `setTimeout` accepts (ms); longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** A room member from a join request. */
function memberOf(request: JoinRequest): RoomRecord['members'][number] {
  const member = { id: request.id, clientKey: request.clientKey, ipKey: request.ipKey ?? '' };
  return request.node === undefined ? member : { ...member, node: request.node };
}

/** The ICE fields of `match:found` for one member (per-member TURN credentials, relay policy). */
export interface MatchIceSource {
  forMember(clientKey: string): Partial<Pick<MatchFoundPayload, 'iceServers' | 'iceTransportPolicy'>>;
}

/** What the lobby needs from its surroundings. */
export interface LobbyDeps {
  matchmaker: Matchmaker;
  directory: RoomDirectory;
  transport: RoomTransport;
  telemetry: Telemetry;
  now: () => number;
  /** Where an unexpected error in a timer-driven step is logged. */
  log: Pick<Logger, 'error'>;
  /** Extra `match:found` fields per member (ICE servers with TURN credentials, relay policy). */
  ice?: MatchIceSource | undefined;
}

/**
 * The path of a `queue:join` after validation: engine → rooms → `match:found` to both.
 * Also ends rooms (skip, leave, disconnect, operators) with the right notices, and drives
 * the engine's interest timeouts with a single timer set from `nextDeadline()`.
 */
export class Lobby {
  readonly #deps: LobbyDeps;
  #expiryTimer: NodeJS.Timeout | undefined;
  #expiryAt: number | null = null;
  #closed = false;
  /** This process's queued requests, to queue them again if the shared store lost them. */
  readonly #queued = new Map<string, JoinRequest>();

  constructor(deps: LobbyDeps) {
    this.#deps = deps;
  }

  /** Queue a connection (ending its current room first: "next"). Resolves whether it matched at once. */
  async join(request: JoinRequest): Promise<boolean> {
    await this.leaveRoom(request.id, 'skipped');
    this.#deps.telemetry.queued(request.mode, request.interests);
    this.#queued.set(request.id, request);
    const match = await this.#deps.matchmaker.join(request);
    const opened = match ? await this.#open(match) : false;
    await this.#scheduleExpiry();
    return opened;
  }

  /** Take a connection out of the queue. */
  async leaveQueue(socketId: string): Promise<boolean> {
    this.#queued.delete(socketId);
    const left = await this.#deps.matchmaker.leave(socketId);
    if (left) await this.#scheduleExpiry();
    return left;
  }

  /**
   * End every room a client (by hashed client or IP key) is in, telling its partners
   * `partner:left { reason: 'disconnected' }`: a banned client's rooms, including those it holds
   * while its transport is down (its resume would be refused). Resolves how many were ended.
   */
  async endRoomsOfClient(match: { clientKey?: string; ipKey?: string }): Promise<number> {
    let ended = 0;
    for (const room of await this.#deps.directory.list(ROOMS_SCANNED_FOR_CLIENT)) {
      const member = room.members.find((m) => (match.clientKey && m.clientKey === match.clientKey) || (match.ipKey && m.ipKey === match.ipKey));
      if (member && (await this.endRoom(room.id, 'disconnected', member.id))) ended += 1;
    }
    return ended;
  }

  /**
   * A connection of this process was matched (by any process): it is no longer this process's to
   * queue again. Without this, a process that lost its lease (a long pause) would queue again a user
   * matched elsewhere meanwhile, who could then be sent an unsolicited `match:found`.
   */
  matched(socketId: string): void {
    this.#queued.delete(socketId);
  }

  /**
   * Leave whatever room a connection is in: the one the directory knows, and any chat channel it is
   * still in that the directory no longer knows (a shared store that lost its data), whose other
   * members are told `partner:left { reason }` too. Resolves whether there was anything to leave.
   */
  async leaveRoom(socketId: string, reason: PartnerLeftReason): Promise<boolean> {
    const room = await this.endRoomOf(socketId, reason);
    return this.endChannels(this.#deps.transport.channelsOf(socketId), reason, socketId) || room !== undefined;
  }

  /**
   * Close chat channels the directory does not know (stale): everyone in them but `except` is told
   * `partner:left { reason }`, and the channels are emptied cluster-wide. Returns whether any was closed.
   */
  endChannels(channels: readonly string[], reason: PartnerLeftReason, except?: string): boolean {
    for (const channel of channels) {
      this.#deps.transport.toRoom(channel, except).emit(ServerEvent.PartnerLeft, { reason });
      this.#deps.transport.disband(channel);
    }
    return channels.length > 0;
  }

  /** End the room a connection is in, telling the partner why. Returns the closed room. */
  async endRoomOf(socketId: string, reason: PartnerLeftReason, notifySelf = false): Promise<RoomRecord | undefined> {
    const room = await this.#deps.directory.roomOf(socketId);
    if (!room) return undefined;
    return this.endRoom(room.id, reason, notifySelf ? undefined : socketId);
  }

  /**
   * End a room by id: every member but `except` gets `partner:left { reason }` (a member that is
   * away gets it on resume). Returns the room if this call closed it.
   */
  async endRoom(roomId: string, reason: PartnerLeftReason, except?: string): Promise<RoomRecord | undefined> {
    const room = await this.#deps.directory.close(roomId);
    if (!room) return undefined;
    const channel = roomChannel(room.id);
    this.#deps.transport.toRoom(channel, except).emit(ServerEvent.PartnerLeft, { reason });
    this.#deps.transport.disband(channel);
    this.#deps.telemetry.roomClosed(reason, this.#deps.now() - room.createdAt);
    return room;
  }

  /**
   * Queue this process's waiting connections again (cluster mode: the store dropped them while
   * this process could not reach it). Connections matched meanwhile elsewhere are left alone.
   */
  async requeueAll(isLocal: (socketId: string) => boolean): Promise<void> {
    for (const [id, request] of [...this.#queued]) {
      if (!isLocal(id)) {
        this.#queued.delete(id);
        continue;
      }
      if ((await this.#deps.directory.roomOf(id)) || (await this.#deps.matchmaker.isWaiting(id))) continue;
      const match = await this.#deps.matchmaker.join(request);
      if (match) await this.#open(match);
    }
    await this.#scheduleExpiry();
  }

  /** Re-read the next interest timeout (cluster mode: another process may have queued an earlier one). */
  refresh(): Promise<void> {
    return this.#scheduleExpiry();
  }

  /** Stop the expiry timer; the lobby schedules nothing more. */
  close(): void {
    this.#closed = true;
    if (this.#expiryTimer) clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
  }

  async #open(match: Match): Promise<boolean> {
    const { waiting, joiner } = match;
    const { transport, directory, now } = this.#deps;
    const isPresent = (id: string) => transport.isPresent(id);
    // A store with I/O (scale-out) may hand out a user who left meanwhile: put the other back.
    if (!isPresent(waiting.id) || !isPresent(joiner.id)) {
      const survivor = isPresent(joiner.id) ? joiner : isPresent(waiting.id) ? waiting : undefined;
      if (survivor) void this.join(survivor).catch((error: unknown) => this.#fault(error));
      return false;
    }
    const room: RoomRecord = {
      id: randomUUID(),
      members: [
        memberOf(waiting),
        memberOf(joiner),
      ],
      mode: match.mode,
      createdAt: now(),
    };
    this.#queued.delete(waiting.id);
    this.#queued.delete(joiner.id);
    await directory.open(room);
    const channel = roomChannel(room.id);
    transport.join(waiting.id, channel);
    transport.join(joiner.id, channel);
    const base: Omit<MatchFoundPayload, 'initiator'> = {
      roomId: room.id,
      commonInterests: match.commonInterests,
      mode: match.mode,
    };
    // The user who waited has had the longest to get ready: it makes the first offer.
    const extras = (member: RoomRecord['members'][number]) => this.#deps.ice?.forMember(member.clientKey) ?? {};
    transport.toMember(waiting.id).emit(ServerEvent.MatchFound, { ...base, ...extras(room.members[0]), initiator: true });
    transport.toMember(joiner.id).emit(ServerEvent.MatchFound, { ...base, ...extras(room.members[1]), initiator: false });
    const at = room.createdAt;
    const waits = [match.waitingSince, match.joinerSince].filter((t): t is number => t !== undefined).map((t) => Math.max(0, at - t));
    this.#deps.telemetry.matched(match.mode, waits, match.commonInterests);
    return true;
  }

  #fault(error: unknown): void {
    this.#deps.log.error({ err: error }, 'lobby step failed');
  }

  async #scheduleExpiry(): Promise<void> {
    if (this.#closed) return;
    const deadline = await this.#deps.matchmaker.nextDeadline();
    if (deadline === this.#expiryAt) return;
    if (this.#expiryTimer) clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
    this.#expiryAt = deadline;
    if (deadline === null) return;
    // Far deadlines (blocks keep pairs apart for a year) exceed what setTimeout can wait: wake up
    // early at the longest delay it takes, find nothing due, and schedule again.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, deadline - this.#deps.now()));
    this.#expiryTimer = setTimeout(() => {
      this.#expiryAt = null;
      this.#expiryTimer = undefined;
      void this.#runExpiry();
    }, delay);
    this.#expiryTimer.unref();
  }

  /** Run due interest timeouts now (also called by cluster peers' schedule). */
  async #runExpiry(): Promise<void> {
    try {
      const matches = await this.#deps.matchmaker.expire();
      for (const match of matches) await this.#open(match);
    } catch (error) {
      this.#fault(error);
    }
    await this.#scheduleExpiry();
  }
}
