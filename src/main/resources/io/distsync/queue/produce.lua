-- Enqueues messages into one partition, atomically (rule: a 201 means Redis has every message).
-- The queue's name joins the shard's name index here, in the same step (rule: a queue exists once
-- a message of it is stored), unless the index already holds maxQueues names: then nothing is
-- stored and the answer is {-1}. A delayed message lowers the partition's entry in the due index.
-- KEYS: 1 ready (zset seq by priority/sequence), 2 delayed (zset seq by due time), 3 meta (hash),
--       4 name index (zset of queue names), 5 due index (zset of partition prefixes by next due ms)
-- ARGV: 1 key prefix of the partition, 2 dedup window ms, 3 message count n, 4 queue name,
--       5 maxQueues (0: no cap),
--       then 5 per message: deduplicationId ('' = none), key ('' = none), priority, delayMs, payload
-- Returns {added, seq1, ..., seqn}: a duplicate within the window answers the first message's seq.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prefix = ARGV[1]
local window = ARGV[2]
local n = tonumber(ARGV[3])
local queue = ARGV[4]
local maxq = tonumber(ARGV[5])
if not redis.call('ZSCORE', KEYS[4], queue) then
  if maxq > 0 and redis.call('ZCARD', KEYS[4]) >= maxq then
    return {-1}
  end
  redis.call('ZADD', KEYS[4], 0, queue)
end
-- Deduplication ids belong to one incarnation of the partition: a queue deleted and made again
-- does not answer the old one's ids. A partition stored before incarnations has none ('').
local inc = redis.call('HGET', KEYS[3], 'inc')
if not inc then
  if redis.call('HEXISTS', KEYS[3], 'seq') == 1 then
    inc = ''
  else
    inc = t[1] .. t[2]
  end
  redis.call('HSET', KEYS[3], 'inc', inc)
end
local ddprefix = prefix .. ':dd:'
if inc ~= '' then
  ddprefix = ddprefix .. inc .. ':'
end
local firstDue = false
local readyAdded = 0
local out = {0}
local added = 0
for i = 0, n - 1 do
  local b = 6 + i * 5
  local dedup, key, prio, delay, payload = ARGV[b], ARGV[b + 1], tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), ARGV[b + 4]
  local seq = false
  local ddkey = false
  if dedup ~= '' then
    ddkey = ddprefix .. dedup
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
      if (not firstDue) or now + delay < firstDue then
        firstDue = now + delay
      end
    else
      redis.call('ZADD', KEYS[1], score, seq)
      readyAdded = readyAdded + 1
    end
    if ddkey then
      redis.call('SET', ddkey, seq, 'PX', window)
    end
    added = added + 1
  end
  out[#out + 1] = seq
end
if firstDue then
  local cur = redis.call('ZSCORE', KEYS[5], prefix)
  if (not cur) or tonumber(cur) > firstDue then
    redis.call('ZADD', KEYS[5], firstDue, prefix)
  end
end
out[1] = added
-- Rule: every step that makes messages ready says so on the shard's channel, so that long polls
-- on every node wake up at once instead of asking Redis on a timer.
if readyAdded > 0 then
  redis.call('PUBLISH', 'dsq:ready', readyAdded .. ' ' .. prefix)
end
if added > 0 then
  redis.call('HINCRBY', KEYS[3], 'produced', added)
end
return out
