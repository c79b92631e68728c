-- Drops up to `limit` messages of one partition (ready, delayed, in flight, dead), their hashes
-- with them. When the partition is empty it also leaves the due index; with mode 'delete' its meta
-- hash (sequence, totals, incarnation) goes too, so nothing of the partition stays in Redis.
-- Receipts of dropped deliveries ack nothing afterwards (the message and its delivery are gone).
-- KEYS: 1 ready, 2 delayed, 3 in flight, 4 dead, 5 meta, 6 due index
-- ARGV: 1 prefix, 2 limit, 3 mode ('purge' or 'delete')
-- Returns {dropped, done (1 when the partition is empty)}
local prefix = ARGV[1]
local left = tonumber(ARGV[2])
local dropped = 0
for k = 1, 4 do
  if left > 0 then
    local members = redis.call('ZRANGE', KEYS[k], 0, left - 1)
    for _, m in ipairs(members) do
      local seq = string.match(m, '^(%d+)')
      if seq then
        redis.call('DEL', prefix .. ':m:' .. seq)
      end
      redis.call('ZREM', KEYS[k], m)
      dropped = dropped + 1
    end
    left = left - #members
  end
end
local done = 0
if redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2]) + redis.call('ZCARD', KEYS[3])
    + redis.call('ZCARD', KEYS[4]) == 0 then
  done = 1
  redis.call('ZREM', KEYS[6], prefix)
  if ARGV[3] == 'delete' then
    redis.call('DEL', KEYS[5])
  end
end
if dropped > 0 and ARGV[3] == 'purge' then
  redis.call('HINCRBY', KEYS[5], 'purged', dropped)
end
return {dropped, done}
