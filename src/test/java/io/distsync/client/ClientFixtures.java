package io.distsync.client;

import io.distsync.security.Role;
import io.distsync.testing.LinkProxy;
import io.distsync.testing.TestCluster;
import io.distsync.testing.TestPki;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Clients of a test cluster: the test CA trusted, an admin token, nodes direct or by proxies. */
final class ClientFixtures {
  private ClientFixtures() {}

  static String token() {
    return TestPki.cluster().token(Role.ADMIN, null, Duration.ofHours(2));
  }

  /** A builder for every node of {@code cluster}, direct. */
  static DistSync.Builder direct(TestCluster cluster) {
    List<String> urls = new ArrayList<>();
    cluster.nodes().forEach(n -> urls.add(n.url()));
    return base().nodes(urls.toArray(String[]::new));
  }

  /** A builder that reaches the nodes through {@code proxies}, in that order. */
  static DistSync.Builder through(List<LinkProxy> proxies) {
    return base()
        .nodes(proxies.stream().map(p -> "https://localhost:" + p.port()).toArray(String[]::new));
  }

  /** A proxy from the test's client to node {@code i}. */
  static LinkProxy proxyTo(TestCluster cluster, int i) {
    return new LinkProxy("client", "node" + i, 0, cluster.node(i).port());
  }

  static DistSync.Builder base() {
    return DistSync.builder().token(token()).trustStore(TestPki.cluster().caPem());
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
