-- Figures of one partition (read only).
-- KEYS: 1 ready, 2 delayed, 3 in flight, 4 dead, 5 meta
-- Returns {ready, delayed, inFlight, deadLettered, produced, acked}
local m = redis.call('HMGET', KEYS[5], 'produced', 'acked')
return {redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]), redis.call('ZCARD', KEYS[3]),
  redis.call('ZCARD', KEYS[4]), tonumber(m[1] or 0), tonumber(m[2] or 0)}
