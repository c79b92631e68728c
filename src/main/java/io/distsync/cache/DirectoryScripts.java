package io.distsync.cache;

/**
 * The Lua scripts of {@link RedisDirectory}, one per directory step, each atomic in Redis. The
 * in-memory model the simulation runs (src/test, {@code InMemoryDirectory}) implements the same
 * steps in Java; {@code DirectoryContract} runs one table of cases against both.
 *
 * <p>Keys of a cache key {@code k}: {@code dsc:{k}} (hash: {@code v} value, {@code ver} version,
 * {@code exp} expiry, {@code o}/{@code ot} owner holder and token), {@code dsc:{k}:s} (hash: sharer
 * holder to token), {@code dsc:{k}:lock} (the operation lock), {@code dsc:{k}:q} (its line of
 * waiting tokens, first come first served). Per node: {@code dsc:lease:<node>} (its current epoch,
 * expiring), {@code dsc:revoked:<node>}, {@code dsc:epoch:<node>} (counter). {@code dsc:seq} hands
 * out versions.
 */
final class DirectoryScripts {
  private DirectoryScripts() {}

  /** A value outlives its expiry by this much in Redis, for clocks that disagree a little. */
  static final long EXPIRY_GRACE_MS = 60_000;

  private static final String PRELUDE =
      """
      local function alive(h)
        local i = string.find(h, '#[^#]*$')
        if not i then return false end
        return redis.call('GET', 'dsc:lease:' .. string.sub(h, 1, i - 1)) == string.sub(h, i + 1)
      end
      local function live(exp, now)
        return (not exp) or tonumber(exp) == 0 or tonumber(exp) > now
      end
      local function retain(hash, sharers, exp)
        if tonumber(exp) == 0 then
          redis.call('PERSIST', hash)
          redis.call('PERSIST', sharers)
        else
          redis.call('PEXPIREAT', hash, tonumber(exp) + %d)
          redis.call('PEXPIREAT', sharers, tonumber(exp) + %d)
        end
      end
      local function nextVersions(hash, seq, n)
        local ver = tonumber(redis.call('HGET', hash, 'ver') or '0')
        local last = redis.call('INCRBY', seq, n)
        if last - n < ver then
          last = ver + n
          redis.call('SET', seq, last)
        end
        return last - n + 1
      end
      local function nextVersion(hash, seq)
        return nextVersions(hash, seq, 1)
      end
      local function tokenAlive(t)
        local i = string.find(t, '#[^#]*$')
        return i ~= nil and alive(string.sub(t, 1, i - 1))
      end
      """
          .formatted(EXPIRY_GRACE_MS, EXPIRY_GRACE_MS);

  /** A key's line of waiters outlives its last waiter's last visit by this many lock leases. */
  static final int LINE_LEASES = 4;

  /**
   * KEYS hash, sharers, lock, line; ARGV token, lockMs, now: {1, owner, exists, sharers...}, or {0}
   * with the token in line.
   */
  static final String ACQUIRE =
      PRELUDE
          + """
          local cur = redis.call('GET', KEYS[3])
          if cur == ARGV[1] then
            -- Handed over by the last holder's release: take it up.
            redis.call('PEXPIRE', KEYS[3], ARGV[2])
          elseif cur then
            -- Held: wait in line, first come first served (asking again keeps the place).
            if not redis.call('LPOS', KEYS[4], ARGV[1]) then redis.call('RPUSH', KEYS[4], ARGV[1]) end
            redis.call('PEXPIRE', KEYS[4], tonumber(ARGV[2]) * LINE_LEASES)
            return {0}
          else
            -- Free (nobody waits, or a hand-over expired unclaimed): take it, leave the line.
            redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
            redis.call('LREM', KEYS[4], 0, ARGV[1])
          end
          local owner = redis.call('HGET', KEYS[1], 'o')
          if owner and not alive(owner) then
            redis.call('HDEL', KEYS[1], 'o', 'ot')
            owner = false
          end
          local out = {1, owner or '', 0}
          for _, h in ipairs(redis.call('HKEYS', KEYS[2])) do
            if alive(h) then table.insert(out, h) else redis.call('HDEL', KEYS[2], h) end
          end
          local f = redis.call('HMGET', KEYS[1], 'v', 'exp')
          if (f[1] and live(f[2], tonumber(ARGV[3]))) or owner then out[3] = 1 end
          return out
          """
              .replace("LINE_LEASES", Integer.toString(LINE_LEASES));

  /**
   * KEYS hash, sharers, lock; ARGV token, self, handledOwner, ownerKeeps, now: {-1} lock lost (or
   * an owner nobody downgraded), {0} no value, {1, value, version, expiry, state}.
   */
  static final String COMMIT_READ =
      PRELUDE
          + """
          if redis.call('GET', KEYS[3]) ~= ARGV[1] then return {-1} end
          local self = ARGV[2]
          local prefix = string.sub(self, 1, string.find(self, '#[^#]*$'))
          local owner = redis.call('HGET', KEYS[1], 'o')
          if owner and owner == ARGV[3] then
            if ARGV[4] == '1' then
              redis.call('HSET', KEYS[2], owner, redis.call('HGET', KEYS[1], 'ot'))
            end
            redis.call('HDEL', KEYS[1], 'o', 'ot')
            owner = false
          end
          if owner and (string.sub(owner, 1, #prefix) == prefix or not alive(owner)) then
            redis.call('HDEL', KEYS[1], 'o', 'ot')
            owner = false
          end
          if owner then return {-1} end
          for _, h in ipairs(redis.call('HKEYS', KEYS[2])) do
            if string.sub(h, 1, #prefix) == prefix or not alive(h) then
              redis.call('HDEL', KEYS[2], h)
            end
          end
          local f = redis.call('HMGET', KEYS[1], 'v', 'ver', 'exp')
          if (not f[1]) or not live(f[3], tonumber(ARGV[5])) then return {0} end
          local state
          if redis.call('HLEN', KEYS[2]) == 0 then
            redis.call('HSET', KEYS[1], 'o', self, 'ot', ARGV[1])
            state = 'E'
          else
            redis.call('HSET', KEYS[2], self, ARGV[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
            state = 'S'
          end
          return {1, f[1], f[2], f[3] or '0', state}
          """;

  /**
   * KEYS hash, sharers, lock, seq; ARGV token, self, value, expiry, store, count: the first of
   * count versions, or -1.
   */
  static final String COMMIT_WRITE =
      PRELUDE
          + """
          if redis.call('GET', KEYS[3]) ~= ARGV[1] then return -1 end
          local n = tonumber(ARGV[6])
          local nv = nextVersions(KEYS[1], KEYS[4], n)
          redis.call('DEL', KEYS[2])
          redis.call('HSET', KEYS[1], 'o', ARGV[2], 'ot', ARGV[1])
          if ARGV[5] == '1' then
            redis.call('HSET', KEYS[1], 'v', ARGV[3], 'ver', nv + n - 1, 'exp', ARGV[4])
            retain(KEYS[1], KEYS[2], ARGV[4])
          end
          return nv
          """;

  /** KEYS hash, sharers, lock, seq; ARGV token: the deletion's version, or -1. */
  static final String COMMIT_DELETE =
      PRELUDE
          + """
          if redis.call('GET', KEYS[3]) ~= ARGV[1] then return -1 end
          local nv = nextVersion(KEYS[1], KEYS[4])
          redis.call('DEL', KEYS[1], KEYS[2])
          return nv
          """;

  /** KEYS hash, sharers, lock; ARGV token: 1, or 0 when the lock was lost. */
  static final String COMMIT_INVALIDATE =
      """
      if redis.call('GET', KEYS[3]) ~= ARGV[1] then return 0 end
      redis.call('HDEL', KEYS[1], 'o', 'ot')
      redis.call('DEL', KEYS[2])
      return 1
      """;

  /**
   * KEYS lock, line; ARGV token, lockMs: the token the lock was handed to, or false (freed, or the
   * token only left the line).
   */
  static final String RELEASE =
      PRELUDE
          + """
          if redis.call('GET', KEYS[1]) ~= ARGV[1] then
            redis.call('LREM', KEYS[2], 0, ARGV[1])
            return false
          end
          while true do
            local nxt = redis.call('LPOP', KEYS[2])
            if not nxt then break end
            -- A waiter whose node's lease epoch ended will never take it up.
            if tokenAlive(nxt) then
              redis.call('SET', KEYS[1], nxt, 'PX', ARGV[2])
              return nxt
            end
          end
          redis.call('DEL', KEYS[1])
          return false
          """;

  /** KEYS lock; ARGV token, ms: 1, or 0 when lost. */
  static final String EXTEND =
      """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return 1
      """;

  /**
   * KEYS hash, sharers, seq; ARGV self, token, value, expiry, count: the first of count versions,
   * or -1 when not the owner.
   */
  static final String OWNER_WRITE =
      PRELUDE
          + """
          if redis.call('HGET', KEYS[1], 'o') ~= ARGV[1]
              or redis.call('HGET', KEYS[1], 'ot') ~= ARGV[2] then
            return -1
          end
          local n = tonumber(ARGV[5])
          local nv = nextVersions(KEYS[1], KEYS[3], n)
          redis.call('HSET', KEYS[1], 'v', ARGV[3], 'ver', nv + n - 1, 'exp', ARGV[4])
          retain(KEYS[1], KEYS[2], ARGV[4])
          return nv
          """;

  /**
   * KEYS hash, sharers, seq; ARGV self, token, value, version, expiry, forget: 1, or 0 when not the
   * owner.
   */
  static final String FLUSH =
      PRELUDE
          + """
          if redis.call('HGET', KEYS[1], 'o') ~= ARGV[1]
              or redis.call('HGET', KEYS[1], 'ot') ~= ARGV[2] then
            return 0
          end
          local v = tonumber(ARGV[4])
          if v > tonumber(redis.call('HGET', KEYS[1], 'ver') or '0') then
            redis.call('HSET', KEYS[1], 'v', ARGV[3], 'ver', v, 'exp', ARGV[5])
            retain(KEYS[1], KEYS[2], ARGV[5])
            if tonumber(redis.call('GET', KEYS[3]) or '0') < v then redis.call('SET', KEYS[3], v) end
          end
          if ARGV[6] == '1' then redis.call('HDEL', KEYS[1], 'o', 'ot') end
          return 1
          """;

  /** KEYS hash, sharers; ARGV self, token. */
  static final String FORGET =
      """
      if redis.call('HGET', KEYS[1], 'o') == ARGV[1] and redis.call('HGET', KEYS[1], 'ot') == ARGV[2] then
        redis.call('HDEL', KEYS[1], 'o', 'ot')
      end
      if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[2], ARGV[1]) end
      return 1
      """;

  /** KEYS epoch counter, lease, revoked; ARGV ttl: the new epoch. */
  static final String BEGIN_EPOCH =
      """
      local e = redis.call('INCR', KEYS[1])
      redis.call('SET', KEYS[2], e, 'PX', ARGV[1])
      redis.call('DEL', KEYS[3])
      return e
      """;

  /** KEYS lease, revoked; ARGV epoch, ttl: 1, -1 revoked, -2 lost. */
  static final String RENEW =
      """
      if redis.call('GET', KEYS[2]) == ARGV[1] then return -1 end
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -2 end
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return 1
      """;

  /** KEYS lease, revoked; ARGV epoch (0: any): ms the lease still lives, 0 when gone. */
  static final String REVOKE =
      """
      local cur = redis.call('GET', KEYS[1])
      if not cur then return 0 end
      if ARGV[1] ~= '0' and cur ~= ARGV[1] then return 0 end
      local t = redis.call('PTTL', KEYS[1])
      if t <= 0 then return 0 end
      redis.call('SET', KEYS[2], cur, 'PX', t + 60000)
      return t
      """;

  /** KEYS lease; ARGV epoch. */
  static final String END_EPOCH =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
      return 1
      """;
}
