-- Extends the visibility of deliveries still in flight: each one's deadline becomes now plus the
-- visibility, and its receipt stays the one to ack or nack. Receipts no longer in flight (acked,
-- nacked, redelivered, unknown) are skipped: an extension never brings a delivery back.
-- The due index may now be early for this partition; the sweep that finds nothing due there
-- recomputes it (see consume.lua).
-- KEYS: 1 in flight
-- ARGV: 1 visibility ms, then receipts ("seq.token")
-- Returns the number of deliveries extended
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local vis = tonumber(ARGV[1])
local extended = 0
for i = 2, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], 'XX', now + vis, ARGV[i])
    extended = extended + 1
  end
end
return extended
