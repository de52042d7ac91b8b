/**
 * The room directory in Redis (cluster mode), shared by every server process.
 *
 * Key layout (prefix default `novu:`):
 * - `<p>room:<roomId>`: the room record as JSON;
 * - `<p>member:<socketId>`: the room id a connection is in;
 * - `<p>rooms`: sorted set of open room ids scored by creation time (count, list);
 * - `<p>away`: set of members whose transport dropped (resume grace);
 * - `<p>node-rooms:<node>`: set of room ids with a member on that process (sweeping dead processes);
 * - `<p>last:<socketId>`: the room a connection was last in, for two minutes after it closed.
 * Every multi-key change is one Lua script (`room-directory-scripts.ts`), so concurrent processes
 * cannot half-apply it.
 */
import type { Redis } from 'ioredis';
import { bindScripts } from './lua-script.js';
import { closeRoom, openRoom, roomOf, setAway } from './room-directory-scripts.js';
import { LAST_ROOM_TTL_MS, type RoomDirectory, type RoomRecord } from '../rooms/room-directory.js';

/** {@link RoomDirectory} on Redis. */
export class RedisRoomDirectory implements RoomDirectory {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #scripts;

  constructor(redis: Redis, keyPrefix = 'novu:') {
    this.#prefix = keyPrefix;
    this.#redis = redis;
    this.#scripts = bindScripts(redis, { open: openRoom, roomOf, close: closeRoom, setAway });
  }

  async open(room: RoomRecord): Promise<void> {
    const [a, b] = room.members;
    if (a.id === b.id) throw new Error('a connection cannot share a room with itself');
    const nodes = [...new Set(room.members.map((m) => m.node).filter((n): n is string => n !== undefined))];
    await this.#scripts.open({ prefix: this.#prefix, roomId: room.id, a: a.id, b: b.id, json: JSON.stringify(room), createdAt: room.createdAt, nodes });
  }

  async roomOf(memberId: string): Promise<RoomRecord | undefined> {
    return parse(reply(await this.#scripts.roomOf({ prefix: this.#prefix, memberId })));
  }

  async get(roomId: string): Promise<RoomRecord | undefined> {
    return parse(await this.#redis.get(`${this.#prefix}room:${roomId}`));
  }

  async close(roomId: string): Promise<RoomRecord | undefined> {
    return parse(reply(await this.#scripts.close({ prefix: this.#prefix, roomId, lastTtlMs: LAST_ROOM_TTL_MS })));
  }

  async lastRoomOf(memberId: string): Promise<RoomRecord | undefined> {
    return parse(await this.#redis.get(`${this.#prefix}last:${memberId}`));
  }

  async setAway(memberId: string, away: boolean, node?: string): Promise<boolean> {
    return (await this.#scripts.setAway({ prefix: this.#prefix, memberId, away, node })) === 1;
  }

  async count(): Promise<number> {
    return this.#redis.zcard(`${this.#prefix}rooms`);
  }

  async list(limit: number): Promise<RoomRecord[]> {
    if (limit <= 0) return [];
    const ids = await this.#redis.zrange(`${this.#prefix}rooms`, 0, limit - 1);
    if (ids.length === 0) return [];
    const values = await this.#redis.mget(ids.map((id) => `${this.#prefix}room:${id}`));
    return values.map(parse).filter((room): room is RoomRecord => room !== undefined);
  }

  /** Rooms with a member on a process (for sweeping a dead process). */
  async roomsOfNode(node: string): Promise<string[]> {
    return this.#redis.smembers(`${this.#prefix}node-rooms:${node}`);
  }

  /** Forget a process's room index once its rooms are swept. */
  async forgetNode(node: string): Promise<void> {
    await this.#redis.del(`${this.#prefix}node-rooms:${node}`);
  }
}

/** A script's reply: a room's JSON, or null (Lua false). */
function reply(value: unknown): string | null {
  if (value === null || typeof value === 'string') return value;
  throw new TypeError('unexpected Redis reply for a room');
}

function parse(json: string | null): RoomRecord | undefined {
  if (!json) return undefined;
  const room = JSON.parse(json) as RoomRecord;
  // cjson turns an empty string field into "" and keeps numbers; members are objects as written.
  return room;
}
