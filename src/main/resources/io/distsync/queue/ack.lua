-- Acknowledges deliveries by receipt (rules in ack_receipts.lua, prepended to this script).
-- KEYS: 1 in flight, 2 meta, 3 ready, 4 delayed, 5 dead
-- ARGV: 1 prefix, then receipts (partition-local form "seq.token")
-- Returns {acked, producedAt of each acked message...}
local produced = ack_receipts(ARGV[1], ARGV, 2, #ARGV, KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
local out = {#produced}
for _, t in ipairs(produced) do
  out[#out + 1] = t
end
return out
