package io.distsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the benchmarks read the token, the CA and the node URLs from the environment. */
class BenchSecurityTest {
  @TempDir Path dir;

  @Test
  void when_the_token_comes_from_a_file_then_its_line_end_is_dropped_and_the_variable_wins()
      throws Exception {
    Path file = Files.writeString(dir.resolve("admin.token"), "from.file.token\n");

    BenchSecurity fromFile = BenchSecurity.fromEnv(Map.of("DISTSYNC_TOKEN_FILE", file.toString()));
    BenchSecurity both =
        BenchSecurity.fromEnv(
            Map.of("DISTSYNC_TOKEN", "from.env", "DISTSYNC_TOKEN_FILE", file.toString()));

    assertThat(new String(fromFile.authorizationLine(), StandardCharsets.US_ASCII))
        .isEqualTo("Authorization: Bearer from.file.token\r\n");
    assertThat(new String(both.authorizationLine(), StandardCharsets.US_ASCII))
        .isEqualTo("Authorization: Bearer from.env\r\n");
    assertThat(both.request(URI.create("https://localhost:8001/status")).build().headers().map())
        .containsEntry("Authorization", List.of("Bearer from.env"));
  }

  @Test
  void when_there_is_no_token_then_no_header_is_sent() {
    BenchSecurity none = BenchSecurity.fromEnv(Map.of("DISTSYNC_TOKEN", " "));

    assertThat(none.hasToken()).isFalse();
    assertThat(none.authorizationLine()).isEmpty();
    assertThat(none.request(URI.create("https://localhost:8001/status")).build().headers().map())
        .doesNotContainKey("Authorization");
  }

  @Test
  void when_a_token_could_break_the_header_then_it_is_refused_without_being_shown() {
    assertThatThrownBy(() -> BenchSecurity.fromEnv(Map.of("DISTSYNC_TOKEN", "abc\r\nX-Evil: 1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("abc");
    assertThatThrownBy(
            () ->
                BenchSecurity.fromEnv(
                    Map.of("DISTSYNC_TOKEN_FILE", dir.resolve("missing").toString())))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void when_the_ca_file_is_not_a_certificate_then_it_is_refused() throws Exception {
    Path junk = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    Path pem = ThrowawayCa.create("test CA").writePem(dir.resolve("good.pem"));

    assertThatThrownBy(() -> BenchSecurity.fromEnv(Map.of("DISTSYNC_CA", junk.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DISTSYNC_CA");
    assertThat(BenchSecurity.fromEnv(Map.of("DISTSYNC_CA", pem.toString()))).isNotNull();
  }

  @Test
  void when_no_urls_are_given_then_the_local_cluster_is_reached_over_https() {
    assertThat(BenchSecurity.nodes(null))
        .containsExactly(
            URI.create("https://localhost:8001"),
            URI.create("https://localhost:8002"),
            URI.create("https://localhost:8003"));
    assertThat(BenchSecurity.nodes(" http://a:1 , https://b:2,"))
        .containsExactly(URI.create("http://a:1"), URI.create("https://b:2"));
    assertThat(BenchSecurity.port(URI.create("https://h"))).isEqualTo(443);
    assertThatThrownBy(() -> BenchSecurity.port(URI.create("ftp://h")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
