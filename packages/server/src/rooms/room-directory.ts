import type { Mode } from '@novu-chat/protocol';

/** One member of a room, by connection id and keyed hashes (never an IP). */
export interface RoomMember {
  /** Socket.IO connection id. */
  id: string;
  /** Keyed hash of the client id. */
  clientKey: string;
  /** Keyed hash of the client IP (empty when unknown). */
  ipKey: string;
  /** The server process hosting the connection (cluster mode). */
  node?: string;
}

/** Two connections chatting with each other. */
export interface RoomRecord {
  id: string;
  members: readonly [RoomMember, RoomMember];
  mode: Mode;
  createdAt: number;
}

/**
 * Who is with whom (★ seam): the authoritative record of open rooms, used to end rooms on
 * skip, leave, disconnect and by operators, and to hold a dropped member during its resume
 * grace. The relay hot path does not read it: it uses the Socket.IO room the members joined.
 * The memory implementation serves one process; the Redis one (cluster mode) many.
 */
export interface RoomDirectory {
  /** Record a new room. */
  open(room: RoomRecord): void | Promise<void>;
  /** The room a connection is in. */
  roomOf(memberId: string): RoomRecord | undefined | Promise<RoomRecord | undefined>;
  /** A room by id. */
  get(roomId: string): RoomRecord | undefined | Promise<RoomRecord | undefined>;
  /** Close a room. Atomic: of several concurrent callers, exactly one gets the record. */
  close(roomId: string): RoomRecord | undefined | Promise<RoomRecord | undefined>;
  /** The room a connection was last in, for a while after it closed (report or block after a skip). */
  lastRoomOf(memberId: string): RoomRecord | undefined | Promise<RoomRecord | undefined>;
  /**
   * Mark a member away (transport dropped) or back; returns whether it was away before. Atomic.
   * `node` (cluster mode): the process now hosting the member, when it resumed elsewhere.
   */
  setAway(memberId: string, away: boolean, node?: string): boolean | Promise<boolean>;
  /** Number of open rooms. */
  count(): number | Promise<number>;
  /** Up to `limit` open rooms, oldest first. */
  list(limit: number): RoomRecord[] | Promise<RoomRecord[]>;
}

/** How long a closed room can still be reported or blocked. */
export const LAST_ROOM_TTL_MS = 120_000;

/** The in-memory room directory of a single process. */
export class MemoryRoomDirectory implements RoomDirectory {
  readonly #rooms = new Map<string, RoomRecord>();
  readonly #roomOf = new Map<string, RoomRecord>();
  readonly #away = new Set<string>();
  /** Recently closed rooms by member, oldest first (Map keeps insertion order), pruned as it goes. */
  readonly #last = new Map<string, { room: RoomRecord; until: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  open(room: RoomRecord): void {
    const [a, b] = room.members;
    if (a.id === b.id) throw new Error('a connection cannot share a room with itself');
    if (this.#roomOf.has(a.id) || this.#roomOf.has(b.id)) throw new Error('connection already in a room');
    this.#rooms.set(room.id, room);
    this.#roomOf.set(a.id, room);
    this.#roomOf.set(b.id, room);
  }

  roomOf(memberId: string): RoomRecord | undefined {
    return this.#roomOf.get(memberId);
  }

  get(roomId: string): RoomRecord | undefined {
    return this.#rooms.get(roomId);
  }

  close(roomId: string): RoomRecord | undefined {
    const room = this.#rooms.get(roomId);
    if (!room) return undefined;
    this.#rooms.delete(roomId);
    const now = this.#now();
    for (const member of room.members) {
      this.#roomOf.delete(member.id);
      this.#away.delete(member.id);
      this.#last.delete(member.id);
      this.#last.set(member.id, { room, until: now + LAST_ROOM_TTL_MS });
    }
    for (const [id, entry] of this.#last) {
      if (entry.until > now) break;
      this.#last.delete(id);
    }
    return room;
  }

  lastRoomOf(memberId: string): RoomRecord | undefined {
    const entry = this.#last.get(memberId);
    return entry && entry.until > this.#now() ? entry.room : undefined;
  }

  setAway(memberId: string, away: boolean): boolean {
    const was = this.#away.has(memberId);
    if (away && this.#roomOf.has(memberId)) this.#away.add(memberId);
    else this.#away.delete(memberId);
    return was;
  }

  count(): number {
    return this.#rooms.size;
  }

  list(limit: number): RoomRecord[] {
    const out: RoomRecord[] = [];
    for (const room of this.#rooms.values()) {
      if (out.length >= limit) break;
      out.push(room);
    }
    return out;
  }
}
