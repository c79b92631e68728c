-- The partitions of this shard whose background work is due by Redis's clock (read only).
-- KEYS: 1 due index (zset of partition prefixes by next due ms)
-- ARGV: 1 most to return
-- Returns {now, prefix1, due1, prefix2, due2, ...}, earliest first.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {now}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[1]))
for i = 1, #due do
  out[#out + 1] = due[i]
end
return out
