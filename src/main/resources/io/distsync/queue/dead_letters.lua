-- Lists dead letters of one partition, oldest first (read only).
-- KEYS: 1 dead
-- ARGV: 1 prefix, 2 limit
-- Returns 7 per message: seq, deadLetteredAt, payload, key, priority, deliveries, producedAt
local out = {}
local dead = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1, 'WITHSCORES')
for i = 1, #dead, 2 do
  local h = redis.call('HMGET', ARGV[1] .. ':m:' .. dead[i], 'p', 'k', 'r', 'd', 't')
  if h[1] then
    out[#out + 1] = dead[i]
    out[#out + 1] = dead[i + 1]
    out[#out + 1] = h[1]
    out[#out + 1] = h[2]
    out[#out + 1] = h[3]
    out[#out + 1] = h[4]
    out[#out + 1] = h[5]
  end
end
return out
