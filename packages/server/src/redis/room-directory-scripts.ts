/**
 * The room directory's Lua scripts (`RedisRoomDirectory`), each followed by its typed argument
 * builder. Every multi-key change is one script, so concurrent processes cannot half-apply it.
 * @module
 */
import { luaScript } from './lua-script.js';

const OPEN_LUA = `
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

/** Record a room and its members' index entries; fails when a member is in a room already. */
export const openRoom = luaScript<{ prefix: string; roomId: string; a: string; b: string; json: string; createdAt: number; nodes: readonly string[] }>(
  'novuRoomOpen', OPEN_LUA, (x) => [x.prefix, x.roomId, x.a, x.b, x.json, x.createdAt, ...x.nodes],
);

const ROOM_OF_LUA = `
local id = redis.call('GET', ARGV[1]..'member:'..ARGV[2])
if not id then return false end
return redis.call('GET', ARGV[1]..'room:'..id)
`;

/** The room JSON of a member, or null. */
export const roomOf = luaScript<{ prefix: string; memberId: string }>('novuRoomOf', ROOM_OF_LUA, (x) => [x.prefix, x.memberId]);

const CLOSE_LUA = `
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

/** Close a room (atomically: one caller gets its JSON), keeping it as each member's last room for `lastTtlMs`. */
export const closeRoom = luaScript<{ prefix: string; roomId: string; lastTtlMs: number }>(
  'novuRoomClose', CLOSE_LUA, (x) => [x.prefix, x.roomId, x.lastTtlMs],
);

const SET_AWAY_LUA = `
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

/** Mark a member away or back (and record the process now hosting it); replies whether it was away. */
export const setAway = luaScript<{ prefix: string; memberId: string; away: boolean; node: string | undefined }>(
  'novuRoomSetAway', SET_AWAY_LUA, (x) => [x.prefix, x.memberId, x.away, x.node ?? ''],
);
