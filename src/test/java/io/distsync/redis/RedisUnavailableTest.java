package io.distsync.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisUnavailableTest {
  @AfterEach
  void reset() {
    RedisUnavailable.onReadOnly(null);
  }

  @Test
  void aReadOnlyAnswerIsUnavailableAndAsksForThePrimaryAgain() {
    AtomicInteger asked = new AtomicInteger();
    RedisUnavailable.onReadOnly(asked::incrementAndGet);
    RuntimeException e =
        RedisUnavailable.translate(
            new JedisDataException("READONLY You can't write against a read only replica."));
    assertThat(e).isInstanceOf(RedisUnavailable.class);
    assertThat(asked.get()).isEqualTo(1);
  }

  @Test
  void anotherDataErrorIsNeitherUnavailableNorAnAsk() {
    AtomicInteger asked = new AtomicInteger();
    RedisUnavailable.onReadOnly(asked::incrementAndGet);
    RuntimeException e = RedisUnavailable.translate(new JedisDataException("ERR wrong type"));
    assertThat(e).isNotInstanceOf(RedisUnavailable.class);
    assertThat(asked.get()).isZero();
  }

  @Test
  void replicasBehindIsAServiceUnavailableWithRetryAfter() {
    ReplicasBehind e = new ReplicasBehind(0, 1, 1000);
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.headers()).containsKey("Retry-After");
    assertThat(e.code()).isEqualTo("REDIS_UNAVAILABLE");
    assertThat(e.getMessage()).contains("0 of 1 within 1000 ms");
  }
}
