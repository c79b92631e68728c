package io.distsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.replicas.yml parses and is whole: two replicas of {@code redis}, three
 * sentinels monitoring it as {@code distsync} with quorum 2, every node of the main file given
 * {@code REDIS_SENTINELS} naming all three, and every interpolated variable in .env.example.
 */
class ComposeReplicasFileTest {
  private final Compose replicas =
      Compose.parse(RepoFiles.read("docker/docker-compose.replicas.yml"));
  private final Compose main = Compose.load();

  @Test
  void when_parsed_then_two_replicas_follow_the_main_redis_with_aof_on() {
    for (String name : List.of("redis-replica1", "redis-replica2")) {
      String command = String.valueOf(replicas.service(name).get("command"));
      assertThat(command)
          .as(name)
          .contains("--replicaof, redis, 6379")
          .contains("--appendonly, yes");
      assertThat(String.valueOf(replicas.service(name).get("volumes")))
          .contains(name + "-data:/data");
    }
  }

  @Test
  void when_parsed_then_three_sentinels_monitor_redis_with_quorum_two() {
    for (String name : List.of("sentinel1", "sentinel2", "sentinel3")) {
      String entrypoint = String.valueOf(replicas.service(name).get("entrypoint"));
      assertThat(entrypoint)
          .as(name)
          .contains("sentinel monitor distsync redis 6379 2")
          .contains("--sentinel")
          .contains("port 26379");
    }
  }

  @Test
  void when_overlaid_then_every_node_of_the_main_file_follows_the_three_sentinels() {
    for (String node : main.services().keySet()) {
      if (!node.matches("node[0-9]+")) {
        continue;
      }
      Map<String, String> env = Compose.environment(replicas.service(node));
      assertThat(env.get("REDIS_SENTINELS"))
          .as(node)
          .isEqualTo("sentinel1:26379,sentinel2:26379,sentinel3:26379");
    }
  }

  @Test
  void when_a_variable_is_interpolated_then_env_example_documents_it() {
    Map<String, String> documented = EnvExample.load().all();
    for (Compose.Variable v : replicas.variables()) {
      assertThat(documented).as("${%s} in .env.example", v.name()).containsKey(v.name());
    }
  }
}
