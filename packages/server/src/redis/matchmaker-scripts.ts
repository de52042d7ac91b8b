/**
 * The matchmaking Lua scripts of `RedisMatchmaker`, each followed by its typed argument
 * builder (the order of ARGV is known only here). Every script but `counts` and `heartbeat` is
 * the shared library of `matchmaker-lua-library.ts` followed by its own body.
 * @module
 */
import type { Redis } from 'ioredis';
import { bindScripts, luaScript } from './lua-script.js';
import { LUA_LIBRARY } from './matchmaker-lua-library.js';

/**
 * Join (or replace) and pair at once when possible. A joiner queued after skipping
 * repeat-avoided users gets a retry at the earliest end of those avoidances.
 *
 * ARGV: prefix, now, id, clientKey, mode, bucket key prefix, request JSON, open (1/0),
 * deadline, owner processId, repeatAvoidMs, scan limit, packed interests.
 * Returns `{1, waitingRequestJson}` on a match, `{0}` when queued.
 */
const JOIN_SCRIPT = `${LUA_LIBRARY}
local now = tonumber(ARGV[2])
local id, ck, mode, bucket = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local open = ARGV[8] == '1'
local limit = tonumber(ARGV[12])
local interests = split(ARGV[13])

remove_entry(id)
local partner, _, retry_at = find_partner(bucket, interests, open, id, ck, now, limit)
if partner then
  local f = redis.call('HMGET', P .. 'e:' .. partner, 'r', 'ck')
  remove_entry(partner)
  record(f[2], ck, now + tonumber(ARGV[11]), now)
  return {1, f[1]}
end

local seq = redis.call('INCR', P .. 'seq')
local member = ''
for _, interest in ipairs(interests) do
  redis.call('ZADD', bucket .. 'i:' .. interest, seq, id)
end
if #interests == 0 then
  redis.call('ZADD', bucket .. 'plain', seq, id)
elseif open then
  redis.call('ZADD', bucket .. 'exp', seq, id)
else
  member = queue_member(seq) .. id
  redis.call('ZADD', P .. 'deadlines', ARGV[9], member)
end
redis.call('HSET', P .. 'e:' .. id, 'r', ARGV[7], 'ck', ck, 'm', mode, 'b', bucket,
  'i', ARGV[13], 'o', ARGV[10], 'd', member, 's', seq)
if retry_at then set_retry(queue_member(seq) .. id, retry_at) end
redis.call('SADD', P .. 'own:' .. ARGV[10], id)
redis.call('SADD', P .. 'procs', ARGV[10])
redis.call('HINCRBY', P .. 'counts', mode, 1)
return {0}
`;

/** Arguments of {@link join}. */
export interface JoinArgs {
  prefix: string;
  now: number;
  id: string;
  clientKey: string;
  mode: string;
  /** The key prefix of the lists of the request's mode and pool (`bucketPrefix`). */
  bucket: string;
  /** The request as stored (`storedRequest`). */
  request: string;
  /** Whether the joiner is open at once (no interests, or a zero interest timeout). */
  open: boolean;
  /** When its interest timeout falls due (epoch ms). */
  deadline: number;
  /** The processId that owns the entry. */
  owner: string;
  repeatAvoidMs: number;
  scanLimit: number;
  /** The interests, packed (`packList`). */
  interests: string;
}

/** Join (or replace) and pair at once when possible. */
export const join = luaScript<JoinArgs>('novuMmJoin', JOIN_SCRIPT, (a) => [
  a.prefix, a.now, a.id, a.clientKey, a.mode, a.bucket, a.request, a.open, a.deadline, a.owner, a.repeatAvoidMs, a.scanLimit, a.interests,
]);

/**
 * ARGV: prefix, id. Removes the id's entry. Returns 1 when it was waiting (an entry of a
 * live process), else 0 (an entry of a dead process is removed all the same).
 */
const LEAVE_SCRIPT = `${LUA_LIBRARY}
local owner = redis.call('HGET', P .. 'e:' .. ARGV[2], 'o')
if not owner then return 0 end
local waiting = alive(owner)
remove_entry(ARGV[2])
if waiting then return 1 end
return 0
`;

/** Remove an entry; replies 1 when it was waiting. */
export const leave = luaScript<{ prefix: string; id: string }>('novuMmLeave', LEAVE_SCRIPT, (a) => [a.prefix, a.id]);

/** ARGV: prefix, id. Returns 1 when the id waits and its owner process is alive, else 0. */
const IS_WAITING_SCRIPT = `${LUA_LIBRARY}
local owner = redis.call('HGET', P .. 'e:' .. ARGV[2], 'o')
if owner and alive(owner) then return 1 end
return 0
`;

/** Whether an id waits (its owner alive): 1 or 0. */
export const isWaiting = luaScript<{ prefix: string; id: string }>('novuMmIsWaiting', IS_WAITING_SCRIPT, (a) => [a.prefix, a.id]);

/** ARGV: prefix, clientKeyA, clientKeyB, until, now. Keeps the two apart until `until`. */
const RECORD_SCRIPT = `${LUA_LIBRARY}
record(ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]))
return 0
`;

/** Keep two clients apart until `until` (epoch ms). */
export const record = luaScript<{ prefix: string; clientKeyA: string; clientKeyB: string; until: number; now: number }>(
  'novuMmRecord', RECORD_SCRIPT, (a) => [a.prefix, a.clientKeyA, a.clientKeyB, a.until, a.now],
);

/**
 * Process the interest timeouts and retries due by `now`, at most `max` of them, in order
 * of time, then join order, a user's timeout before its retry. A timeout makes its user
 * open and searches once; a retry searches under the rules in force for its user
 * (interest-only while its timeout is pending). A search that finds nobody but skipped
 * repeat-avoided users schedules the user's next retry; the user keeps its place.
 *
 * ARGV: prefix, now, repeatAvoidMs, scan limit, max.
 * Returns `{more, waiting1, joiner1, waiting2, joiner2, …}` (request JSONs); `more` is 1
 * when `max` was reached and further events may be due. For a timeout the partner found is
 * the waiting user; for a retry the longer-waiting of the two is.
 */
const EXPIRE_SCRIPT = `${LUA_LIBRARY}
local now = tonumber(ARGV[2])
local avoid_ms = tonumber(ARGV[3])
local limit = tonumber(ARGV[4])
local max = tonumber(ARGV[5])
local deadlines, retries = P .. 'deadlines', P .. 'retries'
local out = {0}

local function due_head(zkey)
  local head = redis.call('ZRANGE', zkey, 0, 0, 'WITHSCORES')
  if #head == 0 or tonumber(head[2]) > now then return nil, nil end
  return head[1], tonumber(head[2])
end

for _ = 1, max do
  local dm, dt = due_head(deadlines)
  local rm, rt = due_head(retries)
  if not dm and not rm then return out end
  -- Members sort by their 16-digit join sequence; equal ones are the same user.
  local timeout = dm ~= nil and (rm == nil or dt < rt or (dt == rt and string.sub(dm, 1, 16) <= string.sub(rm, 1, 16)))
  local zkey, member = retries, rm
  if timeout then zkey, member = deadlines, dm end
  -- f: 1 seq, 2 owner, 3 clientKey, 4 bucket, 5 interests, 6 request, 7 deadline member
  local f = member_entry(zkey, member, {'ck', 'b', 'i', 'r', 'd'})
  if f then
    redis.call('ZREM', zkey, member)
    local id = string.sub(member, 18)
    if timeout then redis.call('HSET', P .. 'e:' .. id, 'd', '') end
    local open = timeout or f[7] == ''
    local partner, partner_seq, retry_at = find_partner(f[4], split(f[5]), open, id, f[3], now, limit)
    if partner then
      local pf = redis.call('HMGET', P .. 'e:' .. partner, 'r', 'ck')
      remove_entry(partner)
      remove_entry(id)
      record(pf[2], f[3], now + avoid_ms, now)
      if not timeout and tonumber(f[1]) < partner_seq then
        out[#out + 1] = f[6]
        out[#out + 1] = pf[1]
      else
        out[#out + 1] = pf[1]
        out[#out + 1] = f[6]
      end
    else
      if timeout then redis.call('ZADD', f[4] .. 'exp', f[1], id) end
      set_retry(member, retry_at)
    end
  end
end
out[1] = 1
return out
`;

/** Process due interest timeouts and retries, at most `max`. */
export const expire = luaScript<{ prefix: string; now: number; repeatAvoidMs: number; scanLimit: number; max: number }>(
  'novuMmExpire', EXPIRE_SCRIPT, (a) => [a.prefix, a.now, a.repeatAvoidMs, a.scanLimit, a.max],
);

/**
 * The earliest pending interest timeout or retry, as Redis's score text, or nil. Members
 * of gone entries and entries of dead processes at the heads are removed on the way (at
 * most `limit` per list).
 *
 * ARGV: prefix, limit.
 */
const NEXT_DEADLINE_SCRIPT = `${LUA_LIBRARY}
local limit = tonumber(ARGV[2])

local function live_head(zkey)
  for _ = 1, limit do
    local head = redis.call('ZRANGE', zkey, 0, 0, 'WITHSCORES')
    if #head == 0 then return nil end
    if member_entry(zkey, head[1], {}) then return head[2] end
  end
  local head = redis.call('ZRANGE', zkey, 0, 0, 'WITHSCORES')
  if #head == 0 then return nil end
  return head[2]
end

local deadline = live_head(P .. 'deadlines')
local retry = live_head(P .. 'retries')
if deadline == nil then return retry or false end
if retry ~= nil and tonumber(retry) < tonumber(deadline) then return retry end
return deadline
`;

/** The earliest pending timeout or retry (score text), or null. */
export const nextDeadline = luaScript<{ prefix: string; limit: number }>('novuMmNextDeadline', NEXT_DEADLINE_SCRIPT, (a) => [a.prefix, a.limit]);

/** ARGV: prefix. Returns the waiting counts by mode as a flat field/value list. */
const COUNTS_SCRIPT = `
return redis.call('HGETALL', ARGV[1] .. 'counts')
`;

/** Waiting counts by mode (flat field/value list). */
export const counts = luaScript<{ prefix: string }>('novuMmCounts', COUNTS_SCRIPT, (a) => [a.prefix]);

/**
 * Renew a process's heartbeat. ARGV: prefix, processId, ttl ms.
 * Returns 1 when the heartbeat key still existed, 0 when it had lapsed (or never existed).
 */
const HEARTBEAT_SCRIPT = `
local key = ARGV[1] .. 'proc:' .. ARGV[2]
local existed = redis.call('EXISTS', key)
redis.call('SET', key, '1', 'PX', ARGV[3])
return existed
`;

/** Renew a process's heartbeat; replies 1 when it had not lapsed. */
export const heartbeat = luaScript<{ prefix: string; processId: string; ttlMs: number }>(
  'novuMmHeartbeat', HEARTBEAT_SCRIPT, (a) => [a.prefix, a.processId, a.ttlMs],
);

/**
 * Remove the entries of processes whose heartbeat lapsed, at most `max` entries.
 *
 * ARGV: prefix, max. Returns `{removed, more}`.
 */
const SWEEP_SCRIPT = `${LUA_LIBRARY}
local max = tonumber(ARGV[2])
local removed = 0
for _, owner in ipairs(redis.call('SMEMBERS', P .. 'procs')) do
  local own = P .. 'own:' .. owner
  if not alive(owner) then
    while true do
      if removed >= max then return {removed, 1} end
      local ids = redis.call('SRANDMEMBER', own, math.min(100, max - removed))
      if #ids == 0 then break end
      for _, id in ipairs(ids) do
        if remove_entry(id) then removed = removed + 1 else redis.call('SREM', own, id) end
      end
    end
    redis.call('SREM', P .. 'procs', owner)
  elseif redis.call('EXISTS', own) == 0 then
    redis.call('SREM', P .. 'procs', owner)
  end
end
return {removed, 0}
`;

/** Remove entries of dead processes, at most `max`. */
export const sweep = luaScript<{ prefix: string; max: number }>('novuMmSweep', SWEEP_SCRIPT, (a) => [a.prefix, a.max]);

/**
 * Retire a process: delete its heartbeat and remove its entries, at most `max` per call.
 *
 * ARGV: prefix, processId, max. Returns `{removed, more}`.
 */
const DISPOSE_SCRIPT = `${LUA_LIBRARY}
local owner = ARGV[2]
local own = P .. 'own:' .. owner
local max = tonumber(ARGV[3])
redis.call('DEL', P .. 'proc:' .. owner)
local removed = 0
while removed < max do
  local ids = redis.call('SRANDMEMBER', own, math.min(100, max - removed))
  if #ids == 0 then
    redis.call('SREM', P .. 'procs', owner)
    return {removed, 0}
  end
  for _, id in ipairs(ids) do
    if remove_entry(id) then removed = removed + 1 else redis.call('SREM', own, id) end
  end
end
return {removed, 1}
`;

/** Retire a process, removing at most `max` of its entries per call. */
export const dispose = luaScript<{ prefix: string; processId: string; max: number }>(
  'novuMmDispose', DISPOSE_SCRIPT, (a) => [a.prefix, a.processId, a.max],
);

/** Every matchmaking script, bound to one connection. */
export function bindMatchmakerScripts(redis: Redis) {
  return bindScripts(redis, { join, leave, isWaiting, record, expire, nextDeadline, counts, heartbeat, sweep, dispose });
}

/** The matchmaking scripts of one connection. */
export type MatchmakerScripts = ReturnType<typeof bindMatchmakerScripts>;
