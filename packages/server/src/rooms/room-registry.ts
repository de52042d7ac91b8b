import { randomUUID } from 'node:crypto';
import type { Mode } from '@novu-chat/protocol';

/** Two connections chatting with each other. */
export interface Room {
  readonly id: string;
  readonly members: readonly [string, string];
  readonly mode: Mode;
  readonly createdAt: number;
}

/**
 * Who is with whom: room by id, room by member connection id, and partner lookup for relays.
 * Pure bookkeeping, no I/O.
 */
export class RoomRegistry {
  readonly #rooms = new Map<string, Room>();
  readonly #roomOf = new Map<string, Room>();

  /** Open a room for two connections. Throws if either is already in one (an invariant breach). */
  open(a: string, b: string, mode: Mode, now: number): Room {
    if (a === b) throw new Error('a connection cannot share a room with itself');
    if (this.#roomOf.has(a) || this.#roomOf.has(b)) throw new Error('connection already in a room');
    const room: Room = { id: randomUUID(), members: [a, b], mode, createdAt: now };
    this.#rooms.set(room.id, room);
    this.#roomOf.set(a, room);
    this.#roomOf.set(b, room);
    return room;
  }

  /** The room a connection is in. */
  roomOf(id: string): Room | undefined {
    return this.#roomOf.get(id);
  }

  /** A room by id. */
  get(roomId: string): Room | undefined {
    return this.#rooms.get(roomId);
  }

  /** The other member of the connection's room. */
  partnerOf(id: string): string | undefined {
    const room = this.#roomOf.get(id);
    if (!room) return undefined;
    return room.members[0] === id ? room.members[1] : room.members[0];
  }

  /** Close a room; returns it, or undefined if it was already closed. */
  close(roomId: string): Room | undefined {
    const room = this.#rooms.get(roomId);
    if (!room) return undefined;
    this.#rooms.delete(roomId);
    for (const member of room.members) this.#roomOf.delete(member);
    return room;
  }

  /** Number of open rooms. */
  get size(): number {
    return this.#rooms.size;
  }

  /** Every open room. */
  values(): IterableIterator<Room> {
    return this.#rooms.values();
  }
}
