package io.distsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerListTest {

  @Test
  void parses_the_default_three_node_list() {
    assertThat(
            PeerList.parse(
                "node1=http://localhost:8001,node2=http://localhost:8002, node3=http://h3:8003/"))
        .containsExactly(
            new Peer("node1", URI.create("http://localhost:8001")),
            new Peer("node2", URI.create("http://localhost:8002")),
            new Peer("node3", URI.create("http://h3:8003")));
  }

  @Test
  void empty_means_no_peers() {
    assertThat(PeerList.parse("")).isEmpty();
    assertThat(PeerList.parse(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "node1",
        "=http://h:1",
        "node1=ftp://h:1",
        "node1=http://h:1,node1=http://h:2",
        "no de=http://h:1",
        "node1=not a url"
      })
  void refuses_malformed_entries_naming_them(String value) {
    assertThatThrownBy(() -> PeerList.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PEERS");
  }
}
