package io.distsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.yml parses and is whole: Redis with AOF, three nodes on 8001..8003 with
 * their data on named volumes and health checks, TLS and tokens on with the files you bring mounted
 * read-only (never the CA's key), the `monitoring` and `scale` profiles, every file of the
 * repository it mounts exists, every variable it interpolates is documented in .env.example with
 * the same default.
 */
class ComposeFileTest {
  private static final String PEERS =
      "node1=https://node1:9001,node2=https://node2:9002,node3=https://node3:9003";
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
      // The peer port is reached on Compose's network only: it is not published.
      assertThat(Compose.strings(node, "ports")).as(name).containsExactly(port + ":" + port);
      assertThat(Compose.strings(node, "volumes"))
          .as(name)
          .first()
          .isEqualTo(name + "-data:" + env.get("DATA_DIR"));
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
  void when_a_node_starts_then_tls_and_tokens_are_on_with_the_files_mounted_read_only() {
    for (int i = 1; i <= 4; i++) {
      String name = "node" + i;
      Map<String, Object> node = compose.service(name);
      Map<String, String> env = Compose.environment(node);
      assertThat(env).as(name).containsEntry("TLS", "on");
      assertThat(env).as(name).containsEntry("PEER_PORT", String.valueOf(9000 + i));
      assertThat(env.get("TLS_PASSWORD")).as(name).startsWith("${TLS_PASSWORD:?");
      assertThat(env.get("AUTH")).as(name).isEqualTo("${AUTH:-on}");
      Map<String, String> mounted = new HashMap<>();
      for (Map<String, Object> bind : binds(node)) {
        assertThat(bind).as(name + " " + bind).containsEntry("read_only", true);
        assertThat(Compose.map(bind, "bind")).containsEntry("create_host_path", false);
        mounted.put(String.valueOf(bind.get("target")), String.valueOf(bind.get("source")));
      }
      for (String file :
          List.of(env.get("TLS_KEYSTORE"), env.get("TLS_TRUSTSTORE"), env.get("TLS_CA_PEM"))) {
        assertThat(mounted)
            .as(name + " mounts " + file)
            .containsEntry(file, "${DISTSYNC_TLS_DIR:-../data/tls}/" + Path.of(file).getFileName());
      }
      assertThat(env.get("TLS_KEYSTORE")).isEqualTo("/opt/distsync/tls/" + name + ".p12");
      assertThat(mounted)
          .containsEntry(
              env.get("AUTH_PUBLIC_KEY"), "${DISTSYNC_SIGNING_CERT:-../data/auth/signing.pem}");
      assertThat(mounted.values()).noneMatch(s -> s.endsWith("ca.p12") || s.endsWith("password"));
    }
  }

  @Test
  void when_node4_joins_then_it_is_added_through_the_membership_endpoint() {
    String script = RepoFiles.read("docker/scale/join-node4.sh");
    assertThat(script)
        .contains(". \"${MEMBERSHIP_SH:-/membership.sh}\"")
        .contains("ms_join node4 https://node4:9004 https://node4:8004")
        .contains("https://node1:8001")
        .contains("DISTSYNC_CA")
        .contains("DISTSYNC_TOKEN");
    // The calls themselves are those of liberty/cluster add: one file, mounted into the container.
    String calls = RepoFiles.read("liberty/membership.sh");
    assertThat(calls)
        .contains("/raft/members")
        .contains("/raft/leader")
        .contains("/raft/status")
        .contains("{\"id\":\"%s\",\"url\":\"%s\"}")
        .contains("--cacert")
        .contains("Authorization: Bearer")
        .contains("--connect-timeout")
        .contains("--max-time");
    assertThat(RepoFiles.read("liberty/cluster")).contains(". \"$root/liberty/membership.sh\"");
    Map<String, Object> join = compose.service("node4-join");
    assertThat(Compose.strings(join, "volumes"))
        .contains("../liberty/membership.sh:/membership.sh:ro");
    Map<String, String> env = Compose.environment(join);
    assertThat(env).containsEntry("DISTSYNC_TOKEN", "${DISTSYNC_TOKEN:-}");
    assertThat(binds(join))
        .anyMatch(b -> String.valueOf(b.get("target")).equals(env.get("DISTSYNC_CA")));
  }

  /** The service's volumes in Compose's long syntax (type: bind). */
  private static List<Map<String, Object>> binds(Map<String, Object> service) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (service.get("volumes") instanceof List<?> volumes) {
      for (Object v : volumes) {
        if (v instanceof Map<?, ?> m && "bind".equals(m.get("type"))) {
          out.add(Compose.cast(m));
        }
      }
    }
    return out;
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
              for (Object v : service.get("volumes") instanceof List<?> l ? l : List.of()) {
                String source =
                    v instanceof Map<?, ?> m
                        ? String.valueOf(m.get("source"))
                        : String.valueOf(v).split(":")[0];
                if (source.startsWith("${")) {
                  // Files you bring (certificates): the default must be a path, not a volume.
                  Matcher d = Pattern.compile("^\\$\\{[A-Z_]+:-([^}]*)}").matcher(source);
                  if (!d.find() || !d.group(1).matches("\\.{1,2}/.*|/.*")) {
                    problems.add(name + ": bind mount " + source + " has no path as its default");
                  }
                } else if (source.startsWith(".") || source.startsWith("/")) {
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
    assertThat(prometheus).contains("metrics_path: /metrics").contains("scheme: https");
    assertThat(Compose.strings(compose.service("prometheus"), "volumes"))
        .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    Matcher caFile = Pattern.compile("ca_file: (\\S+)").matcher(prometheus);
    assertThat(caFile.find()).as("tls_config ca_file").isTrue();
    assertThat(binds(compose.service("prometheus")))
        .anyMatch(b -> String.valueOf(b.get("target")).equals(caFile.group(1)));

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
