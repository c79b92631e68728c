package io.distsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.yml parses and is whole: Redis with AOF, three nodes on 8001..8003 with
 * their data on named volumes and health checks, the `monitoring` and `scale` profiles, every file
 * it mounts exists, every variable it interpolates is documented in .env.example with the same
 * default.
 */
class ComposeFileTest {
  private static final String PEERS =
      "node1=http://node1:8001,node2=http://node2:8002,node3=http://node3:8003";
  private final Compose compose = Compose.load();
  private final Path dockerDir = RepoFiles.path("docker");

  @Test
  void when_parsed_then_redis_and_three_nodes_run_without_a_profile() {
    for (String name : List.of("redis", "node1", "node2", "node3")) {
      assertThat(compose.service(name)).as(name).doesNotContainKey("profiles");
    }
    assertThat(Compose.strings(compose.service("node4"), "profiles")).containsExactly("scale");
    assertThat(Compose.strings(compose.service("node4-join"), "profiles")).containsExactly("scale");
    assertThat(Compose.strings(compose.service("prometheus"), "profiles"))
        .containsExactly("monitoring");
    assertThat(Compose.strings(compose.service("grafana"), "profiles"))
        .containsExactly("monitoring");
  }

  @Test
  void when_redis_starts_then_aof_is_on_with_the_fsync_policy_from_the_environment() {
    Map<String, Object> redis = compose.service("redis");
    assertThat(String.valueOf(redis.get("image"))).startsWith("redis:7");
    String command = String.join(" ", Compose.strings(redis, "command"));
    assertThat(command)
        .contains("--appendonly yes")
        .contains("--appendfsync ${REDIS_APPENDFSYNC:-");
    assertThat(Compose.strings(redis, "volumes")).contains("redis-data:/data");
    assertThat(String.join(" ", Compose.strings(Compose.map(redis, "healthcheck"), "test")))
        .contains("redis-cli")
        .contains("ping");
  }

  @Test
  void when_a_node_starts_then_it_has_its_port_identity_volume_health_check_and_waits_for_redis() {
    for (int i = 1; i <= 4; i++) {
      String name = "node" + i;
      int port = 8000 + i;
      Map<String, Object> node = compose.service(name);
      Map<String, String> env = Compose.environment(node);
      assertThat(env).as(name).containsEntry("NODE_ID", name);
      assertThat(env).as(name).containsEntry("HTTP_PORT", String.valueOf(port));
      assertThat(env).as(name).containsEntry("PEERS", PEERS);
      assertThat(env.get("REDIS_URL")).as(name).startsWith("redis://redis:6379/");
      assertThat(env.get("CLUSTER_SECRET")).as(name).startsWith("${CLUSTER_SECRET:?");
      assertThat(Compose.strings(node, "ports")).as(name).containsExactly(port + ":" + port);
      assertThat(Compose.strings(node, "volumes"))
          .as(name)
          .containsExactly(name + "-data:" + env.get("DATA_DIR"));
      assertThat(String.join(" ", Compose.strings(Compose.map(node, "healthcheck"), "test")))
          .as(name)
          .contains("/health/ready");
      assertThat(Compose.map(Compose.map(node, "depends_on"), "redis"))
          .as(name)
          .containsEntry("condition", "service_healthy");
      Map<String, Object> build = Compose.map(node, "build");
      assertThat(dockerDir.resolve(String.valueOf(build.get("context"))).normalize())
          .isEqualTo(RepoFiles.root());
      assertThat(RepoFiles.path(String.valueOf(build.get("dockerfile")))).isRegularFile();
    }
  }

  @Test
  void when_node4_joins_then_it_is_added_through_the_membership_endpoint() {
    String script = RepoFiles.read("docker/scale/join-node4.sh");
    assertThat(script)
        .contains("/raft/members")
        .contains("\"id\":\"node4\"")
        .contains("node4:8004");
  }

  @Test
  void when_a_service_depends_on_another_then_that_one_exists_with_a_health_check_if_awaited() {
    Map<String, Object> services = compose.services();
    services.forEach(
        (name, s) ->
            Compose.map(Compose.cast((Map<?, ?>) s), "depends_on")
                .forEach(
                    (dep, cond) -> {
                      assertThat(services).as(name + " depends on " + dep).containsKey(dep);
                      if (String.valueOf(cond).contains("service_healthy")) {
                        assertThat(compose.service(dep))
                            .as(dep + " must have a health check")
                            .containsKey("healthcheck");
                      }
                    }));
  }

  @Test
  void when_files_are_mounted_then_they_exist_and_named_volumes_are_declared() {
    Set<String> declared = Compose.map(compose.root(), "volumes").keySet();
    List<String> problems = new ArrayList<>();
    compose
        .services()
        .forEach(
            (name, s) -> {
              Map<String, Object> service = Compose.cast((Map<?, ?>) s);
              for (String volume : Compose.strings(service, "volumes")) {
                String source = volume.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                  if (!Files.exists(dockerDir.resolve(source))) {
                    problems.add(name + ": bind mount " + source + " does not exist");
                  }
                } else if (!declared.contains(source)) {
                  problems.add(name + ": volume " + source + " is not declared");
                }
              }
              for (String envFile : Compose.strings(service, "env_file")) {
                if (!Files.exists(dockerDir.resolve(envFile))) {
                  problems.add(name + ": env_file " + envFile + " does not exist");
                }
              }
            });
    assertThat(problems).isEmpty();
  }

  @Test
  void when_a_variable_is_interpolated_then_env_example_documents_it_with_the_same_default() {
    Map<String, String> documented = EnvExample.load().all();
    List<String> problems = new ArrayList<>();
    for (Compose.Variable v : compose.variables()) {
      if (!documented.containsKey(v.name())) {
        problems.add("${" + v.name() + "} is not in .env.example");
      } else if ("-".equals(v.operator()) || ":-".equals(v.operator())) {
        String expected = documented.get(v.name());
        if (!expected.isEmpty() && !expected.equals(v.argument())) {
          problems.add(
              "${"
                  + v.name()
                  + "} defaults to '"
                  + v.argument()
                  + "', .env.example says '"
                  + expected
                  + "'");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void when_a_node_setting_comes_from_env_then_it_keeps_its_name() {
    Set<String> mismatched = new TreeSet<>();
    Compose.environment(compose.service("node1"))
        .forEach(
            (key, value) -> {
              if (value != null && value.startsWith("${") && !value.startsWith("${" + key)) {
                mismatched.add(key + ": " + value);
              }
            });
    assertThat(mismatched).isEmpty();
  }

  @Test
  void when_monitoring_runs_then_prometheus_scrapes_every_node_and_grafana_is_provisioned() {
    String prometheus = RepoFiles.read("docker/prometheus/prometheus.yml");
    for (int i = 1; i <= 4; i++) {
      assertThat(prometheus).contains("node" + i + ":" + (8000 + i));
    }
    assertThat(prometheus).contains("metrics_path: /metrics");
    assertThat(Compose.strings(compose.service("prometheus"), "volumes"))
        .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");

    List<String> grafanaVolumes = Compose.strings(compose.service("grafana"), "volumes");
    assertThat(grafanaVolumes)
        .contains("./grafana/provisioning:/etc/grafana/provisioning:ro")
        .contains("./grafana/dashboards:/var/lib/grafana/dashboards:ro");
    String datasource = RepoFiles.read("docker/grafana/provisioning/datasources/prometheus.yml");
    assertThat(datasource)
        .contains("url: http://prometheus:9090")
        .contains("uid: distsync-prometheus");
    assertThat(RepoFiles.read("docker/grafana/provisioning/dashboards/distsync.yml"))
        .contains("path: /var/lib/grafana/dashboards");
    assertThat(RepoFiles.path(Dashboard.PATH)).isRegularFile();
    assertThat(RepoFiles.read(Dashboard.PATH)).contains("\"uid\": \"distsync-prometheus\"");
  }
}
