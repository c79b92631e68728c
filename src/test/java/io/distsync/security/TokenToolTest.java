package io.distsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenToolTest {
  @Test
  void lifetimes_are_days_hours_minutes_or_seconds() {
    assertThat(TokenTool.ttl("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(TokenTool.ttl("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(TokenTool.ttl("90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TokenTool.ttl("45s")).isEqualTo(Duration.ofSeconds(45));
    for (String bad : new String[] {"0d", "30", "d", "-1h", "1y", "12345678d"}) {
      assertThatThrownBy(() -> TokenTool.ttl(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void bad_arguments_exit_with_a_message_and_no_token() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        TokenTool.run(
            new String[] {"--role", "root", "--keystore", "x.p12"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--role must be reader, client or admin");
  }
}
