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
 * Every multi-key change is one Lua script, so concurrent processes cannot half-apply it.
 */
import type { Redis } from 'ioredis';
import { LAST_ROOM_TTL_MS, type RoomDirectory, type RoomRecord } from '../rooms/room-directory.js';

const OPEN = `
local p = ARGV[1]
local id = ARGV[2]
local a = ARGV[3]
local b = ARGV[4]
if redis.call('EXISTS', p..'member:'..a) == 1 or redis.call('EXISTS', p..'member:'..b) == 1 then
  return redis.error_reply('connection already in a room')
end
redis.call('SET', p..'room:'..id, ARGV[5])
redis.call('SET', p..'member:'..a, id)
redis.call('SET', p..'member:'..b, id)
redis.call('ZADD', p..'rooms', ARGV[6], id)
for i = 7, #ARGV do redis.call('SADD', p..'node-rooms:'..ARGV[i], id) end
return 1
`;

const ROOM_OF = `
local id = redis.call('GET', ARGV[1]..'member:'..ARGV[2])
if not id then return false end
return redis.call('GET', ARGV[1]..'room:'..id)
`;

const CLOSE = `
local p = ARGV[1]
local id = ARGV[2]
local json = redis.call('GET', p..'room:'..id)
if not json then return false end
local room = cjson.decode(json)
redis.call('DEL', p..'room:'..id)
redis.call('ZREM', p..'rooms', id)
for _, m in ipairs(room.members) do
  if redis.call('GET', p..'member:'..m.id) == id then redis.call('DEL', p..'member:'..m.id) end
  redis.call('SET', p..'last:'..m.id, json, 'PX', ARGV[3])
  redis.call('SREM', p..'away', m.id)
  if m.node then redis.call('SREM', p..'node-rooms:'..m.node, id) end
end
return json
`;

const SET_AWAY = `
local p = ARGV[1]
local m = ARGV[2]
local was = redis.call('SISMEMBER', p..'away', m)
if ARGV[3] == '1' then
  if redis.call('EXISTS', p..'member:'..m) == 1 then redis.call('SADD', p..'away', m) end
else
  redis.call('SREM', p..'away', m)
end
local node = ARGV[4]
if node ~= '' then
  local id = redis.call('GET', p..'member:'..m)
  if id then
    local json = redis.call('GET', p..'room:'..id)
    if json then
      local room = cjson.decode(json)
      for _, member in ipairs(room.members) do
        if member.id == m and member.node ~= node then
          if member.node then redis.call('SREM', p..'node-rooms:'..member.node, id) end
          member.node = node
          redis.call('SADD', p..'node-rooms:'..node, id)
          redis.call('SET', p..'room:'..id, cjson.encode(room))
        end
      end
    end
  end
end
return was
`;

type ScriptRedis = Redis & {
  novuRoomOpen(...args: string[]): Promise<number>;
  novuRoomOf(...args: string[]): Promise<string | null>;
  novuRoomClose(...args: string[]): Promise<string | null>;
  novuRoomSetAway(...args: string[]): Promise<number>;
};

/** {@link RoomDirectory} on Redis. */
export class RedisRoomDirectory implements RoomDirectory {
  readonly #redis: ScriptRedis;
  readonly #prefix: string;

  constructor(redis: Redis, keyPrefix = 'novu:') {
    this.#prefix = keyPrefix;
    const scripts = redis as ScriptRedis;
    if (typeof scripts.novuRoomOpen !== 'function') {
      redis.defineCommand('novuRoomOpen', { numberOfKeys: 0, lua: OPEN });
      redis.defineCommand('novuRoomOf', { numberOfKeys: 0, lua: ROOM_OF });
      redis.defineCommand('novuRoomClose', { numberOfKeys: 0, lua: CLOSE });
      redis.defineCommand('novuRoomSetAway', { numberOfKeys: 0, lua: SET_AWAY });
    }
    this.#redis = scripts;
  }

  async open(room: RoomRecord): Promise<void> {
    const [a, b] = room.members;
    if (a.id === b.id) throw new Error('a connection cannot share a room with itself');
    const nodes = [...new Set(room.members.map((m) => m.node).filter((n): n is string => n !== undefined))];
    await this.#redis.novuRoomOpen(this.#prefix, room.id, a.id, b.id, JSON.stringify(room), String(room.createdAt), ...nodes);
  }

  async roomOf(memberId: string): Promise<RoomRecord | undefined> {
    return parse(await this.#redis.novuRoomOf(this.#prefix, memberId));
  }

  async get(roomId: string): Promise<RoomRecord | undefined> {
    return parse(await this.#redis.get(`${this.#prefix}room:${roomId}`));
  }

  async close(roomId: string): Promise<RoomRecord | undefined> {
    return parse(await this.#redis.novuRoomClose(this.#prefix, roomId, String(LAST_ROOM_TTL_MS)));
  }

  async lastRoomOf(memberId: string): Promise<RoomRecord | undefined> {
    return parse(await this.#redis.get(`${this.#prefix}last:${memberId}`));
  }

  async setAway(memberId: string, away: boolean, node?: string): Promise<boolean> {
    return (await this.#redis.novuRoomSetAway(this.#prefix, memberId, away ? '1' : '0', node ?? '')) === 1;
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

function parse(json: string | null): RoomRecord | undefined {
  if (!json) return undefined;
  const room = JSON.parse(json) as RoomRecord;
  // cjson turns an empty string field into "" and keeps numbers; members are objects as written.
  return room;
}
