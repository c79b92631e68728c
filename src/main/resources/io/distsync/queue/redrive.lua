-- Moves dead letters back to ready, with their delivery count reset, at their original place in
-- priority and produce order. With seqs given, those; else the oldest `limit` dead letters.
-- KEYS: 1 ready, 2 dead, 3 meta
-- ARGV: 1 prefix, 2 limit, then optional seqs
-- Returns the number moved.
local seqs = {}
if #ARGV > 2 then
  for i = 3, #ARGV do
    seqs[#seqs + 1] = ARGV[i]
  end
else
  seqs = redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[2]) - 1)
end
local moved = 0
for _, seq in ipairs(seqs) do
  if redis.call('ZREM', KEYS[2], seq) == 1 then
    local mk = ARGV[1] .. ':m:' .. seq
    local s = redis.call('HGET', mk, 's')
    if s then
      redis.call('HSET', mk, 'd', 0)
      redis.call('HDEL', mk, 'l') -- a fresh start: no earlier receipt acks it any more
      redis.call('ZADD', KEYS[1], s, seq)
      moved = moved + 1
    end
  end
end
if moved > 0 then
  redis.call('HINCRBY', KEYS[3], 'redriven', moved)
  redis.call('PUBLISH', 'dsq:ready', moved .. ' ' .. ARGV[1])
end
return moved
