-- Acknowledges deliveries by receipt. A receipt acks its message until the message is delivered
-- again: while the delivery is in flight, and also once its visibility expired and the message
-- waits (ready, delayed or dead) without a newer delivery. So a slow consumer's ack still counts,
-- but the receipt of an earlier delivery of a redelivered message acks nothing. Unknown receipts
-- are skipped, not an error for the others.
-- KEYS: 1 in flight, 2 meta, 3 ready, 4 delayed, 5 dead
-- ARGV: 1 prefix, then receipts (partition-local form "seq.token")
-- Returns {acked, producedAt of each acked message...}
local out = {0}
local acked = 0
for i = 2, #ARGV do
  local r = ARGV[i]
  local seq = string.match(r, '^(%d+)%.')
  if seq then
    local mk = ARGV[1] .. ':m:' .. seq
    local current = redis.call('ZREM', KEYS[1], r) == 1
    if not current and redis.call('HGET', mk, 'l') == r then
      current = redis.call('ZREM', KEYS[3], seq) == 1 or redis.call('ZREM', KEYS[4], seq) == 1
        or redis.call('ZREM', KEYS[5], seq) == 1
    end
    if current then
      local produced = redis.call('HGET', mk, 't')
      redis.call('DEL', mk)
      acked = acked + 1
      out[#out + 1] = produced or '0'
    end
  end
end
out[1] = acked
if acked > 0 then
  redis.call('HINCRBY', KEYS[2], 'acked', acked)
end
return out
