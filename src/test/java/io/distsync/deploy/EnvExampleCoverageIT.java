package io.distsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every application variable .env.example lists is read by the application (Java config lookups,
 * server.xml, what liberty/cluster and the container entrypoint pass to a node). A static check,
 * run with the integration tests: .env.example lists the whole configuration table of the contract,
 * so this fails, naming the variables, while a feature that reads them is not merged yet.
 */
class EnvExampleCoverageIT {

  @Test
  void when_env_example_lists_an_application_variable_then_the_application_reads_it() {
    Set<String> unread = new TreeSet<>(EnvExample.load().application().keySet());
    unread.removeAll(ConfigKeys.read().keySet());
    assertThat(unread)
        .as("variables in .env.example that nothing in the application reads")
        .isEmpty();
  }
}
