-- Shared by ack.lua and consume.lua (prepended to each): acknowledges deliveries by receipt.
-- A receipt acks its message until the message is delivered again: while the delivery is in
-- flight, and also once its visibility expired and the message waits (ready, delayed or dead)
-- without a newer delivery. So a slow consumer's ack still counts, but the receipt of an earlier
-- delivery of a redelivered message acks nothing. Unknown receipts are skipped, not an error for
-- the others.
-- receipts: partition-local ("seq.token"), args[from..to]; k: in flight, meta, ready, delayed, dead
-- Returns the producedAt of each acked message, in order.
local function ack_receipts(prefix, args, from, to, inflight, meta, ready, delayed, dead)
  local produced = {}
  for i = from, to do
    local r = args[i]
    local seq = string.match(r, '^(%d+)%.')
    if seq then
      local mk = prefix .. ':m:' .. seq
      local current = redis.call('ZREM', inflight, r) == 1
      if not current and redis.call('HGET', mk, 'l') == r then
        current = redis.call('ZREM', ready, seq) == 1 or redis.call('ZREM', delayed, seq) == 1
          or redis.call('ZREM', dead, seq) == 1
      end
      if current then
        produced[#produced + 1] = redis.call('HGET', mk, 't') or '0'
        redis.call('DEL', mk)
      end
    end
  end
  if #produced > 0 then
    redis.call('HINCRBY', meta, 'acked', #produced)
  end
  return produced
end
