package io.distsync.redis;

import java.util.List;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/**
 * Asks Redis Sentinels where the primary of a master name is, with {@code SENTINEL
 * get-master-addr-by-name}. Plain Java on the calling thread, no thread of its own (rule: no
 * unmanaged threads, so Jedis's sentinel pool, which starts listener threads, is not used). Every
 * call has a connect and read timeout; sentinels are tried in turn until one answers.
 */
public final class SentinelQuery {
  private final List<HostAndPort> sentinels;
  private final String master;
  private final int timeoutMs;

  public SentinelQuery(List<HostAndPort> sentinels, String master, int timeoutMs) {
    this.sentinels = List.copyOf(sentinels);
    this.master = master;
    this.timeoutMs = timeoutMs;
  }

  /** One sentinel's answer: the primary it names, or why it gave none. */
  public record Answer(HostAndPort sentinel, HostAndPort primary, String error) {}

  /** The primary named by the first sentinel that names one; empty when none does. */
  public Optional<HostAndPort> primary() {
    for (HostAndPort s : sentinels) {
      Answer a = ask(s);
      if (a.primary() != null) {
        return Optional.of(a.primary());
      }
    }
    return Optional.empty();
  }

  /** Asks one sentinel; never throws. */
  public Answer ask(HostAndPort sentinel) {
    DefaultJedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMs)
            .socketTimeoutMillis(timeoutMs)
            .protocol(RedisProtocol.RESP2)
            .build();
    try (Jedis j = new Jedis(sentinel, config)) {
      List<String> addr = j.sentinelGetMasterAddrByName(master);
      if (addr == null || addr.size() < 2) {
        return new Answer(sentinel, null, "no master named " + master);
      }
      return new Answer(
          sentinel, new HostAndPort(addr.get(0), Integer.parseInt(addr.get(1))), null);
    } catch (RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Answer(sentinel, null, m);
    }
  }

  /** The primary most answers name (the earliest on a tie); null when none names one. */
  public static HostAndPort mostNamed(List<Answer> answers) {
    java.util.Map<HostAndPort, Integer> votes = new java.util.LinkedHashMap<>();
    for (Answer a : answers) {
      if (a.primary() != null) {
        votes.merge(a.primary(), 1, Integer::sum);
      }
    }
    HostAndPort best = null;
    int most = 0;
    for (java.util.Map.Entry<HostAndPort, Integer> e : votes.entrySet()) {
      if (e.getValue() > most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  public List<HostAndPort> sentinels() {
    return sentinels;
  }

  public String master() {
    return master;
  }

  /** Parses {@code host:port,host:port}; blanks are skipped. */
  public static List<HostAndPort> parse(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(HostAndPort::from)
        .toList();
  }
}
