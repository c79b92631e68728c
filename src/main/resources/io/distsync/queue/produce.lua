-- Enqueues messages into one partition, atomically (rule: a 201 means Redis has every message).
-- KEYS: 1 ready (zset seq by priority/sequence), 2 delayed (zset seq by due time), 3 meta (hash)
-- ARGV: 1 key prefix of the partition, 2 dedup window ms, 3 message count n,
--       then 5 per message: deduplicationId ('' = none), key ('' = none), priority, delayMs, payload
-- Returns {added, seq1, ..., seqn}: a duplicate within the window answers the first message's seq.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prefix = ARGV[1]
local window = ARGV[2]
local n = tonumber(ARGV[3])
local out = {0}
local added = 0
for i = 0, n - 1 do
  local b = 4 + i * 5
  local dedup, key, prio, delay, payload = ARGV[b], ARGV[b + 1], tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), ARGV[b + 4]
  local seq = false
  local ddkey = false
  if dedup ~= '' then
    ddkey = prefix .. ':dd:' .. dedup
    seq = redis.call('GET', ddkey)
  end
  if not seq then
    local number = redis.call('HINCRBY', KEYS[3], 'seq', 1)
    seq = string.format('%.0f', number)
    -- Higher priority first, then produce order: (255 - priority) * 2^44 + seq, exact in a double.
    local score = string.format('%.0f', (255 - prio) * 17592186044416 + number)
    redis.call('HSET', prefix .. ':m:' .. seq, 'p', payload, 'k', key, 'r', prio, 's', score, 't', now, 'd', 0)
    if delay > 0 then
      redis.call('ZADD', KEYS[2], now + delay, seq)
    else
      redis.call('ZADD', KEYS[1], score, seq)
    end
    if ddkey then
      redis.call('SET', ddkey, seq, 'PX', window)
    end
    added = added + 1
  end
  out[#out + 1] = seq
end
out[1] = added
if added > 0 then
  redis.call('HINCRBY', KEYS[3], 'produced', added)
end
return out
