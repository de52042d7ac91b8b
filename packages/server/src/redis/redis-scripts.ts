/**
 * The Lua scripts behind {@link RedisMatchmaker}, as string constants.
 *
 * Every script is the shared {@link LUA_LIBRARY} followed by its own body, and runs
 * atomically in Redis (EVALSHA through ioredis `defineCommand`, no declared KEYS: the
 * keys depend on the entries' interests, so the scripts need a standalone Redis or one
 * primary, not Redis Cluster). `ARGV[1]` is always the key prefix. Numbers travel as
 * decimal strings. The key layout is described in `redis-matchmaker.ts`.
 *
 * Interest lists are stored and passed "length-prefixed": each item as its UTF-8 byte
 * length, a colon and the bytes (`5:music3:art`), so any string survives without a
 * JSON decoder on the Lua side.
 *
 * @module
 */

/**
 * Extra lifetime (ms) of a repeat-avoidance key beyond the moment it lapses. The key's
 * value (the lapse time) decides; the TTL only collects garbage, and the slack keeps a
 * record alive while a caller's clock (a fake one in tests, a skewed one in production)
 * lags Redis's own.
 */
export const AVOID_SLACK_MS = 10_000;

/**
 * Shared helpers, prepended to every script. Each script sees `P` (the key prefix).
 *
 * - `alive(owner)`: whether the owner process's heartbeat key exists (cached per call).
 * - `remove_entry(id)`: takes an entry out of every structure (its retry included); false when absent.
 * - `avoid_until(a, b, now)` / `record(a, b, until, now)`: repeat avoidance.
 * - `first_eligible(zkey, …)`: the oldest entry of one ordered list the seeker may meet,
 *   looking at `limit` members at most and removing entries of dead processes on the way;
 *   also the earliest end of the repeat avoidances it skipped.
 * - `find_partner(…)`: the oldest eligible entry over the seeker's lists (id, join
 *   sequence), and the earliest end of the avoidances skipped (nil when none).
 * - `queue_member(seq)`: the `<16-digit seq>:` prefix of `deadlines` and `retries` members.
 * - `set_retry(member, until)`: schedule (or, with nil, cancel) an entry's retry.
 */
export const LUA_LIBRARY = `
local P = ARGV[1]
local alive_cache = {}

local function alive(owner)
  local known = alive_cache[owner]
  if known == nil then
    known = redis.call('EXISTS', P .. 'proc:' .. owner) == 1
    alive_cache[owner] = known
  end
  return known
end

local function split(packed)
  local out, pos = {}, 1
  while pos <= #packed do
    local colon = string.find(packed, ':', pos, true)
    local n = tonumber(string.sub(packed, pos, colon - 1))
    out[#out + 1] = string.sub(packed, colon + 1, colon + n)
    pos = colon + n + 1
  end
  return out
end

local function queue_member(seq)
  local digits = tostring(seq)
  return string.rep('0', 16 - #digits) .. digits .. ':'
end

local function set_retry(member, until_ms)
  if until_ms then
    redis.call('ZADD', P .. 'retries', string.format('%.17g', until_ms), member)
  else
    redis.call('ZREM', P .. 'retries', member)
  end
end

local function remove_entry(id)
  local key = P .. 'e:' .. id
  local f = redis.call('HMGET', key, 'b', 'i', 'o', 'd', 'm', 's')
  local bucket = f[1]
  if not bucket then return false end
  local interests = split(f[2])
  for _, interest in ipairs(interests) do
    redis.call('ZREM', bucket .. 'i:' .. interest, id)
  end
  if #interests == 0 then
    redis.call('ZREM', bucket .. 'plain', id)
  else
    redis.call('ZREM', bucket .. 'exp', id)
  end
  if f[4] ~= '' then redis.call('ZREM', P .. 'deadlines', f[4]) end
  if f[6] then redis.call('ZREM', P .. 'retries', queue_member(f[6]) .. id) end
  local own = P .. 'own:' .. f[3]
  redis.call('SREM', own, id)
  if redis.call('EXISTS', own) == 0 then redis.call('SREM', P .. 'procs', f[3]) end
  redis.call('HINCRBY', P .. 'counts', f[5], -1)
  redis.call('DEL', key)
  return true
end

local function avoid_key(a, b)
  return P .. 'av:' .. #a .. ':' .. a .. b
end

local function avoid_until(a, b, now)
  local until_text = redis.call('GET', avoid_key(a, b))
  if until_text == false then return nil end
  local until_ms = tonumber(until_text)
  if until_ms > now then return until_ms end
  return nil
end

local function record(a, b, until_ms, now)
  if a == b or not (until_ms > now) then return end
  local current = redis.call('GET', avoid_key(a, b))
  if current and tonumber(current) >= until_ms then return end
  local text = string.format('%.17g', until_ms)
  local ttl = math.ceil(until_ms - now) + ${AVOID_SLACK_MS}
  redis.call('SET', avoid_key(a, b), text, 'PX', ttl)
  redis.call('SET', avoid_key(b, a), text, 'PX', ttl)
end

local function first_eligible(zkey, seeker_id, seeker_ck, now, limit)
  local offset, seen, batch = 0, 0, 4
  local skipped = nil
  while seen < limit do
    local n = math.min(batch, limit - seen)
    local items = redis.call('ZRANGE', zkey, offset, offset + n - 1, 'WITHSCORES')
    if #items == 0 then return nil, nil, skipped end
    for j = 1, #items, 2 do
      local id = items[j]
      seen = seen + 1
      local f = redis.call('HMGET', P .. 'e:' .. id, 'ck', 'o')
      if not f[1] then
        redis.call('ZREM', zkey, id)
      elseif not alive(f[2]) then
        remove_entry(id)
      elseif id == seeker_id or f[1] == seeker_ck then
        offset = offset + 1
      else
        local until_ms = avoid_until(seeker_ck, f[1], now)
        if until_ms == nil then return id, tonumber(items[j + 1]), skipped end
        if skipped == nil or until_ms < skipped then skipped = until_ms end
        offset = offset + 1
      end
    end
    if #items < 2 * n then return nil, nil, skipped end
    batch = batch * 2
  end
  return nil, nil, skipped
end

local function find_partner(bucket, interests, open, seeker_id, seeker_ck, now, limit)
  local best, best_seq, skipped = nil, nil, nil
  local function consider(zkey)
    local id, seq, until_ms = first_eligible(zkey, seeker_id, seeker_ck, now, limit)
    if id and (best == nil or seq < best_seq) then best, best_seq = id, seq end
    if until_ms and (skipped == nil or until_ms < skipped) then skipped = until_ms end
  end
  for _, interest in ipairs(interests) do consider(bucket .. 'i:' .. interest) end
  if open then
    consider(bucket .. 'plain')
    consider(bucket .. 'exp')
  end
  return best, best_seq, skipped
end

-- The live entry a \`deadlines\` or \`retries\` member stands for (its HMGET fields), or nil
-- after dropping a member whose entry is gone or was replaced; an entry of a dead process
-- is removed.
local function member_entry(zkey, member, fields)
  local id = string.sub(member, 18)
  local f = redis.call('HMGET', P .. 'e:' .. id, 's', 'o', unpack(fields))
  if not f[1] or queue_member(f[1]) ~= string.sub(member, 1, 17) then
    redis.call('ZREM', zkey, member)
    return nil
  end
  if not alive(f[2]) then
    redis.call('ZREM', zkey, member)
    remove_entry(id)
    return nil
  end
  return f
end
`;

/**
 * Join (or replace) and pair at once when possible. A joiner queued after skipping
 * repeat-avoided users gets a retry at the earliest end of those avoidances.
 *
 * ARGV: prefix, now, id, clientKey, mode, bucket key prefix, request JSON, open (1/0),
 * deadline, owner processId, repeatAvoidMs, scan limit, packed interests.
 * Returns `{1, waitingRequestJson}` on a match, `{0}` when queued.
 */
export const JOIN_SCRIPT = `${LUA_LIBRARY}
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

/**
 * ARGV: prefix, id. Removes the id's entry. Returns 1 when it was waiting (an entry of a
 * live process), else 0 (an entry of a dead process is removed all the same).
 */
export const LEAVE_SCRIPT = `${LUA_LIBRARY}
local owner = redis.call('HGET', P .. 'e:' .. ARGV[2], 'o')
if not owner then return 0 end
local waiting = alive(owner)
remove_entry(ARGV[2])
if waiting then return 1 end
return 0
`;

/** ARGV: prefix, id. Returns 1 when the id waits and its owner process is alive, else 0. */
export const IS_WAITING_SCRIPT = `${LUA_LIBRARY}
local owner = redis.call('HGET', P .. 'e:' .. ARGV[2], 'o')
if owner and alive(owner) then return 1 end
return 0
`;

/** ARGV: prefix, clientKeyA, clientKeyB, until, now. Keeps the two apart until `until`. */
export const RECORD_SCRIPT = `${LUA_LIBRARY}
record(ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]))
return 0
`;

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
export const EXPIRE_SCRIPT = `${LUA_LIBRARY}
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

/**
 * The earliest pending interest timeout or retry, as Redis's score text, or nil. Members
 * of gone entries and entries of dead processes at the heads are removed on the way (at
 * most `limit` per list).
 *
 * ARGV: prefix, limit.
 */
export const NEXT_DEADLINE_SCRIPT = `${LUA_LIBRARY}
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

/** ARGV: prefix. Returns the waiting counts by mode as a flat field/value list. */
export const COUNTS_SCRIPT = `
return redis.call('HGETALL', ARGV[1] .. 'counts')
`;

/**
 * Renew a process's heartbeat. ARGV: prefix, processId, ttl ms.
 * Returns 1 when the heartbeat key still existed, 0 when it had lapsed (or never existed).
 */
export const HEARTBEAT_SCRIPT = `
local key = ARGV[1] .. 'proc:' .. ARGV[2]
local existed = redis.call('EXISTS', key)
redis.call('SET', key, '1', 'PX', ARGV[3])
return existed
`;

/**
 * Remove the entries of processes whose heartbeat lapsed, at most `max` entries.
 *
 * ARGV: prefix, max. Returns `{removed, more}`.
 */
export const SWEEP_SCRIPT = `${LUA_LIBRARY}
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

/**
 * Retire a process: delete its heartbeat and remove its entries, at most `max` per call.
 *
 * ARGV: prefix, processId, max. Returns `{removed, more}`.
 */
export const DISPOSE_SCRIPT = `${LUA_LIBRARY}
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
