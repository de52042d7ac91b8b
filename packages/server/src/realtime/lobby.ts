import type {
  MatchFoundPayload,
  PartnerLeftReason,
  ServerToClientEvents,
} from '@novu-chat/protocol';
import type { JoinRequest, Match, Matchmaker } from '../matchmaking/types.js';
import type { Room, RoomRegistry } from '../rooms/room-registry.js';

/** Sends one server event to one connection (by id), wherever it is connected. */
export type Notify = <E extends keyof ServerToClientEvents>(
  socketId: string,
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) => void;

/** What the lobby needs from its surroundings. */
export interface LobbyDeps {
  matchmaker: Matchmaker;
  rooms: RoomRegistry;
  notify: Notify;
  /** Whether a connection is still connected (or held in its resume grace). */
  isPresent: (socketId: string) => boolean;
  now: () => number;
  /** Called for every room opened (metrics, logs). */
  onMatch?: (room: Room, match: Match) => void;
  /** Called for every room closed. */
  onRoomClosed?: (room: Room, reason: PartnerLeftReason) => void;
  /** Called when an unexpected error happens in a timer-driven step. */
  onError?: (error: unknown) => void;
}

/**
 * The path of a `queue:join` after validation: engine → rooms → `match:found` to both.
 * Also ends rooms (skip, leave, disconnect, admin) with the right notices, and drives the
 * engine's interest timeouts with a single timer set from `nextDeadline()`.
 */
export class Lobby {
  readonly #deps: LobbyDeps;
  #expiryTimer: NodeJS.Timeout | undefined;
  #expiryAt: number | null = null;
  #closed = false;

  constructor(deps: LobbyDeps) {
    this.#deps = deps;
  }

  /** Queue a connection (ending its current room first: "next"). Resolves whether it matched at once. */
  async join(request: JoinRequest): Promise<boolean> {
    this.endRoomOf(request.id, 'skipped');
    const match = await this.#deps.matchmaker.join(request);
    const opened = match ? this.#open(match) : false;
    await this.#scheduleExpiry();
    return opened;
  }

  /** Take a connection out of the queue. */
  async leaveQueue(socketId: string): Promise<boolean> {
    const left = await this.#deps.matchmaker.leave(socketId);
    if (left) await this.#scheduleExpiry();
    return left;
  }

  /** Whether a connection is waiting. */
  isWaiting(socketId: string): Promise<boolean> | boolean {
    return this.#deps.matchmaker.isWaiting(socketId);
  }

  /**
   * End the room a connection is in, telling the partner why. Returns the closed room.
   * With `notifySelf`, the connection itself is told too (used when its resume grace ran out).
   */
  endRoomOf(socketId: string, reason: PartnerLeftReason, notifySelf = false): Room | undefined {
    const room = this.#deps.rooms.roomOf(socketId);
    if (!room) return undefined;
    this.#deps.rooms.close(room.id);
    for (const member of room.members) {
      if (member !== socketId || notifySelf) this.#deps.notify(member, 'partner:left', { reason });
    }
    this.#deps.onRoomClosed?.(room, reason);
    return room;
  }

  /** End a room by id (operators, shutdown): both members get `partner:left { reason: 'ended' }`. */
  endRoom(roomId: string): boolean {
    const room = this.#deps.rooms.get(roomId);
    if (!room) return false;
    this.#deps.rooms.close(room.id);
    for (const member of room.members) this.#deps.notify(member, 'partner:left', { reason: 'ended' });
    this.#deps.onRoomClosed?.(room, 'ended');
    return true;
  }

  /** Stop the expiry timer; the lobby does nothing more. */
  close(): void {
    this.#closed = true;
    if (this.#expiryTimer) clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
  }

  #open(match: Match): boolean {
    const { waiting, joiner } = match;
    const { isPresent } = this.#deps;
    // A store with I/O (scale-out) may hand out a user who left meanwhile: put the other back.
    if (!isPresent(waiting.id) || !isPresent(joiner.id)) {
      const survivor = isPresent(joiner.id) ? joiner : isPresent(waiting.id) ? waiting : undefined;
      if (survivor) void this.join(survivor).catch((error: unknown) => this.#deps.onError?.(error));
      return false;
    }
    const room = this.#deps.rooms.open(waiting.id, joiner.id, match.mode, this.#deps.now());
    const base: Omit<MatchFoundPayload, 'initiator'> = {
      roomId: room.id,
      commonInterests: match.commonInterests,
      mode: match.mode,
    };
    // The user who waited has had the longest to get ready: it makes the first offer.
    this.#deps.notify(waiting.id, 'match:found', { ...base, initiator: true });
    this.#deps.notify(joiner.id, 'match:found', { ...base, initiator: false });
    this.#deps.onMatch?.(room, match);
    return true;
  }

  async #scheduleExpiry(): Promise<void> {
    if (this.#closed) return;
    const deadline = await this.#deps.matchmaker.nextDeadline();
    if (deadline === this.#expiryAt) return;
    if (this.#expiryTimer) clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
    this.#expiryAt = deadline;
    if (deadline === null) return;
    const delay = Math.max(0, deadline - this.#deps.now());
    this.#expiryTimer = setTimeout(() => {
      this.#expiryAt = null;
      this.#expiryTimer = undefined;
      void this.#runExpiry();
    }, delay);
    this.#expiryTimer.unref();
  }

  async #runExpiry(): Promise<void> {
    try {
      const matches = await this.#deps.matchmaker.expire();
      for (const match of matches) this.#open(match);
    } catch (error) {
      this.#deps.onError?.(error);
    }
    await this.#scheduleExpiry();
  }
}
