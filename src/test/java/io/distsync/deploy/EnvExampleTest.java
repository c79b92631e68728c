package io.distsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * .env.example documents every environment variable the application reads, with the default the
 * code gives, and every Compose/tool variable it lists is used. (That every application variable it
 * lists is also read is {@link EnvExampleCoverageIT}: it needs the features' code.)
 */
class EnvExampleTest {
  private final EnvExample env = EnvExample.load();

  @Test
  void when_the_application_reads_a_variable_then_env_example_documents_it() {
    assertThat(env.application().keySet())
        .as("application variables missing from .env.example")
        .containsAll(ConfigKeys.read().keySet());
  }

  @Test
  void when_the_code_gives_a_default_then_env_example_gives_the_same() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Optional<String>> key : ConfigKeys.read().entrySet()) {
      String documented = env.application().get(key.getKey());
      if (key.getValue().isPresent()
          && documented != null
          && !documented.isEmpty()
          && !documented.equals(key.getValue().get())) {
        problems.add(
            key.getKey()
                + ": code '"
                + key.getValue().get()
                + "', .env.example '"
                + documented
                + "'");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void when_a_tool_variable_is_listed_then_compose_or_a_script_uses_it() {
    String users =
        RepoFiles.read("docker/docker-compose.yml")
            + RepoFiles.read("liberty/redis.sh")
            + RepoFiles.read("liberty/tls.sh");
    for (String key : env.tools().keySet()) {
      assertThat(users).as("who uses " + key).contains("${" + key);
    }
  }

  @Test
  void when_parsed_then_sections_and_duplicates_are_detected() {
    EnvExample parsed = EnvExample.parse("A=1\n# comment\nB=\n# === tools\nC=x\n");
    assertThat(parsed.application()).containsEntry("A", "1").containsEntry("B", "");
    assertThat(parsed.tools()).containsOnlyKeys("C");
  }

  @Test
  void when_scanning_java_then_annotations_and_lookups_are_found_with_defaults() {
    String source =
        """
        @ConfigProperty(name = "A_KEY", defaultValue = "5") long a;
        @ConfigProperty(
            name = "PEERS",
            defaultValue =
                "x=http://h:1," + "y=http://h:2")
        String p;
        @ConfigProperty(name = "OPT") Optional<String> o;
        String n = config.getOptionalValue("LOOKED_UP", String.class).orElse("a");
        int v = ConfigProvider.getConfig().getValue("OTHER", Integer.class);
        """;
    assertThat(ConfigKeys.javaKeys(source))
        .containsEntry("A_KEY", Optional.of("5"))
        .containsEntry("PEERS", Optional.of("x=http://h:1,y=http://h:2"))
        .containsEntry("OPT", Optional.empty())
        .containsEntry("LOOKED_UP", Optional.empty())
        .containsEntry("OTHER", Optional.empty());
  }

  @Test
  void when_the_cluster_tool_starts_a_node_then_its_variables_are_found() {
    assertThat(ConfigKeys.nodeEnvironment(RepoFiles.read("liberty/cluster"), "start_node").keySet())
        .contains(
            "NODE_ID",
            "HTTP_PORT",
            "PEERS",
            "DATA_DIR",
            "CLUSTER_SECRET",
            "REDIS_URL",
            "LOG_FORMAT")
        .noneMatch(k -> k.startsWith("WLP_"));
  }
}
