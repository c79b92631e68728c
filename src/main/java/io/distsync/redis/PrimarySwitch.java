package io.distsync.redis;

import java.util.Objects;
import java.util.function.Function;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * A {@link ConnectionProvider} whose connections come from a pool of the current Redis primary;
 * {@link #switchTo} replaces that pool with one of a new primary and closes the old one (its
 * borrowed connections are destroyed when given back). Thread-safe: any request thread may borrow
 * while the resolver's scheduled task switches; a borrow never blocks longer than the pool's wait.
 * A connection that cannot be made calls {@code onFailure}, so the primary is asked for again.
 */
public final class PrimarySwitch implements ConnectionProvider {
  private record Current(HostAndPort at, PooledConnectionProvider pool) {}

  private final Function<HostAndPort, PooledConnectionProvider> pools;
  private final Runnable onFailure;
  private volatile Current current;
  private volatile boolean closed;

  public PrimarySwitch(Function<HostAndPort, PooledConnectionProvider> pools, Runnable onFailure) {
    this.pools = pools;
    this.onFailure = onFailure;
  }

  /** The primary connections go to now; null before the first one is known. */
  public HostAndPort primary() {
    Current c = current;
    return c == null ? null : c.at();
  }

  /** Uses {@code at} from now on; true when that changed the primary. */
  public synchronized boolean switchTo(HostAndPort at) {
    Current old = current;
    if (closed || (old != null && Objects.equals(old.at(), at))) {
      return false;
    }
    current = new Current(at, pools.apply(at));
    if (old != null) {
      old.pool().close();
    }
    return true;
  }

  @Override
  public Connection getConnection() {
    Current c = current;
    if (c == null) {
      onFailure.run();
      throw new JedisConnectionException("no Redis primary known yet (sentinels not answering)");
    }
    try {
      return c.pool().getConnection();
    } catch (JedisException e) {
      onFailure.run();
      throw e;
    }
  }

  @Override
  public Connection getConnection(CommandArguments args) {
    return getConnection();
  }

  @Override
  public synchronized void close() {
    closed = true;
    Current c = current;
    current = null;
    if (c != null) {
      c.pool().close();
    }
  }
}
