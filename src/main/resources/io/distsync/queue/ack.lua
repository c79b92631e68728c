-- Acknowledges deliveries by receipt: a receipt is acked only while it is the message's current
-- delivery (it is a member of the in-flight set), so a stale receipt from an earlier delivery of a
-- redelivered message acks nothing. Unknown receipts are skipped, not an error for the others.
-- KEYS: 1 in flight, 2 meta
-- ARGV: 1 prefix, then receipts (partition-local form "seq.token")
-- Returns {acked, producedAt of each acked message...}
local out = {0}
local acked = 0
for i = 2, #ARGV do
  local r = ARGV[i]
  if redis.call('ZREM', KEYS[1], r) == 1 then
    local seq = string.match(r, '^(%d+)%.')
    local mk = ARGV[1] .. ':m:' .. seq
    local produced = redis.call('HGET', mk, 't')
    redis.call('DEL', mk)
    acked = acked + 1
    out[#out + 1] = produced or '0'
  end
end
out[1] = acked
if acked > 0 then
  redis.call('HINCRBY', KEYS[2], 'acked', acked)
end
return out
