-- Gives deliveries back: ready again (after delayMs when > 0), or a dead letter when the message
-- was already delivered maxDeliveries times. Stale or unknown receipts are skipped.
-- A delayed redelivery lowers the partition's entry in the due index.
-- KEYS: 1 ready, 2 delayed, 3 in flight, 4 dead, 5 meta, 6 due index
-- ARGV: 1 prefix, 2 delay ms, 3 max deliveries, then receipts ("seq.token")
-- Returns {nacked, deadLettered}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local delay = tonumber(ARGV[2])
local maxd = tonumber(ARGV[3])
local nacked = 0
local dead = 0
local ready = 0
for i = 4, #ARGV do
  local r = ARGV[i]
  if redis.call('ZREM', KEYS[3], r) == 1 then
    local seq = string.match(r, '^(%d+)%.')
    local h = redis.call('HMGET', ARGV[1] .. ':m:' .. seq, 's', 'd')
    if h[1] then
      nacked = nacked + 1
      if tonumber(h[2]) >= maxd then
        redis.call('ZADD', KEYS[4], now, seq)
        dead = dead + 1
      elseif delay > 0 then
        redis.call('ZADD', KEYS[2], now + delay, seq)
        local cur = redis.call('ZSCORE', KEYS[6], ARGV[1])
        if (not cur) or tonumber(cur) > now + delay then
          redis.call('ZADD', KEYS[6], now + delay, ARGV[1])
        end
      else
        redis.call('ZADD', KEYS[1], h[1], seq)
        ready = ready + 1
      end
    end
  end
end
if dead > 0 then
  redis.call('HINCRBY', KEYS[5], 'deadLettered', dead)
end
if ready > 0 then
  redis.call('PUBLISH', 'dsq:ready', ready .. ' ' .. ARGV[1])
end
return {nacked, dead}
