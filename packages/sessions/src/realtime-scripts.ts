// Lua keeps each read or trim to one round trip and atomic, and touches both keys of a site
// (which share a Redis Cluster slot through their {siteId} hash tag). unpack() is chunked
// because Lua's stack caps how many values one call can take.

/** KEYS: visitors zset, where hash. ARGV: cutoff ms. Drops visitors last seen before the cutoff from both. */
export const TRIM_STALE_VISITORS = `
local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
for i = 1, #stale, 1000 do
  local last = math.min(i + 999, #stale)
  redis.call('ZREM', KEYS[1], unpack(stale, i, last))
  redis.call('HDEL', KEYS[2], unpack(stale, i, last))
end
return #stale
`;

/** KEYS: visitors zset, where hash. ARGV: since ms. The where-JSON of every visitor seen since then. */
export const WHERE_SINCE = `
local members = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
local out = {}
for i = 1, #members, 1000 do
  local values = redis.call('HMGET', KEYS[2], unpack(members, i, math.min(i + 999, #members)))
  for j = 1, #values do
    if values[j] then out[#out + 1] = values[j] end
  end
end
return out
`;
