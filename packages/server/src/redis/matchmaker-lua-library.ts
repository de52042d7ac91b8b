/**
 * The shared Lua helpers of the matchmaking scripts (`matchmaker-scripts.ts`).
 *
 * Every matchmaking script is {@link LUA_LIBRARY} followed by its own body, and runs
 * atomically in Redis (EVALSHA through ioredis `defineCommand`, no declared KEYS: the
 * keys depend on the entries' interests, so the scripts need a standalone Redis or one
 * primary, not Redis Cluster). `ARGV[1]` is always the key prefix. Numbers travel as
 * decimal strings. The key layout is described in `redis-matchmaker.ts`; each script's
 * arguments are named by the typed builder beside it.
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
