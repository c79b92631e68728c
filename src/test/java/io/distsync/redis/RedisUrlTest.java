package io.distsync.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisUrlTest {

  @Test
  void defaults_port_and_database() {
    assertThat(RedisUrl.parse("redis://cache.local"))
        .isEqualTo(new RedisUrl("cache.local", 6379, 0, null, null, false));
  }

  @Test
  void reads_credentials_database_and_tls() {
    RedisUrl url = RedisUrl.parse("rediss://app:p%40ss@r1:6380/3");

    assertThat(url).isEqualTo(new RedisUrl("r1", 6380, 3, "app", "p@ss", true));
    assertThat(url.redacted()).isEqualTo("rediss://r1:6380/3").doesNotContain("p@ss");
    assertThat(url.toString()).doesNotContain("p@ss");
  }

  @Test
  void a_password_without_a_user_is_a_password() {
    assertThat(RedisUrl.parse("redis://:secret@h:1/0").password()).isEqualTo("secret");
    assertThat(RedisUrl.parse("redis://:secret@h:1/0").user()).isNull();
  }

  @Test
  void refuses_other_schemes_and_bad_databases() {
    assertThatThrownBy(() -> RedisUrl.parse("http://h:1")).hasMessageContaining("redis://");
    assertThatThrownBy(() -> RedisUrl.parse("redis://h:1/x")).hasMessageContaining("database");
    assertThatThrownBy(() -> RedisUrl.parse("redis:///0")).hasMessageContaining("host");
  }
}
