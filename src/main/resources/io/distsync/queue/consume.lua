-- Acks, background work of one partition, then delivery (max = 0: background work only).
-- 0. the receipts given are acked first (rules in ack_receipts.lua, prepended to this script), so
--    a worker loop acks the last message and takes the next in one call;
-- 1. delayed messages that are due become ready;
-- 2. in-flight messages whose visibility expired become ready again, or dead letters once they
--    were delivered maxDeliveries times;
-- 3. up to max ready messages are delivered: lowest score first (priority, then produce order),
--    deliveries + 1, in flight until now + visibility under a receipt unique to this delivery
--    (also kept in the message as its latest receipt, field l).
-- 4. the partition's entry in the shard's due index is set to its next due time (the earliest
--    delayed message or visibility deadline), or removed when nothing is delayed or in flight.
-- Atomic, so two nodes running it at once (an ownership change) cannot deliver a message twice.
-- KEYS: 1 ready, 2 delayed, 3 in flight (zset receipt by deadline), 4 dead (zset seq by time), 5 meta,
--       6 due index (zset of partition prefixes by next due ms)
-- ARGV: 1 prefix, 2 max, 3 visibility ms, 4 max deliveries, 5 receipt token, 6 reclaim limit,
--       then receipts to ack (partition-local form "seq.token")
-- Returns {released, reclaimed, deadLettered, now, acked, producedAt of each acked message,
--          then 7 per message: seq, receipt, deliveries, payload, key, priority, producedAt}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prefix = ARGV[1]
local max = tonumber(ARGV[2])
local vis = tonumber(ARGV[3])
local maxd = tonumber(ARGV[4])
local token = ARGV[5]
local limit = tonumber(ARGV[6])

local acked = ack_receipts(prefix, ARGV, 7, #ARGV, KEYS[3], KEYS[5], KEYS[1], KEYS[2], KEYS[4])

local released = 0
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, limit)
for _, seq in ipairs(due) do
  redis.call('ZREM', KEYS[2], seq)
  local s = redis.call('HGET', prefix .. ':m:' .. seq, 's')
  if s then
    redis.call('ZADD', KEYS[1], s, seq)
    released = released + 1
  end
end

local reclaimed = 0
local dead = 0
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, limit)
for _, r in ipairs(expired) do
  redis.call('ZREM', KEYS[3], r)
  local seq = string.match(r, '^(%d+)%.')
  if seq then
    local h = redis.call('HMGET', prefix .. ':m:' .. seq, 's', 'd')
    if h[1] then
      if tonumber(h[2]) >= maxd then
        redis.call('ZADD', KEYS[4], now, seq)
        dead = dead + 1
      else
        redis.call('ZADD', KEYS[1], h[1], seq)
        reclaimed = reclaimed + 1
      end
    end
  end
end
if dead > 0 then
  redis.call('HINCRBY', KEYS[5], 'deadLettered', dead)
end

local out = {released, reclaimed, dead, now, #acked}
for _, produced in ipairs(acked) do
  out[#out + 1] = produced
end
if max > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[1], max)
  for i = 1, #popped, 2 do
    local seq = popped[i]
    local mk = prefix .. ':m:' .. seq
    local h = redis.call('HMGET', mk, 'p', 'k', 'r', 't')
    if h[1] then
      local d = redis.call('HINCRBY', mk, 'd', 1)
      local receipt = seq .. '.' .. token .. '_' .. tostring((i + 1) / 2)
      redis.call('HSET', mk, 'l', receipt)
      redis.call('ZADD', KEYS[3], now + vis, receipt)
      out[#out + 1] = seq
      out[#out + 1] = receipt
      out[#out + 1] = d
      out[#out + 1] = h[1]
      out[#out + 1] = h[2]
      out[#out + 1] = h[3]
      out[#out + 1] = h[4]
    end
  end
end
if released + reclaimed > 0 then
  redis.call('PUBLISH', 'dsq:ready', (released + reclaimed) .. ' ' .. prefix)
end
local nextDue = false
local d1 = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if d1[2] then
  nextDue = tonumber(d1[2])
end
local f1 = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
if f1[2] and ((not nextDue) or tonumber(f1[2]) < nextDue) then
  nextDue = tonumber(f1[2])
end
if nextDue then
  redis.call('ZADD', KEYS[6], nextDue, prefix)
else
  redis.call('ZREM', KEYS[6], prefix)
end
return out
