package io.distsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile follows Open Liberty's recommended layering (server configuration, features.sh,
 * the application, configure.sh), runs as the non-root user 1001, checks /health/ready, and every
 * file it copies exists (the WAR: the one pom.xml builds) and is let through by .dockerignore.
 */
class DockerfileTest {
  private final Dockerfile dockerfile = Dockerfile.load();
  private final String pom = RepoFiles.read("pom.xml");

  @Test
  void when_built_then_the_base_is_the_kernel_slim_open_liberty_image_of_the_tested_release() {
    String version = tag(pom, "liberty.runtime.version");
    assertThat(dockerfile.instructions().get(0).arguments())
        .isEqualTo(
            "LIBERTY_IMAGE=icr.io/appcafe/open-liberty:"
                + version
                + "-kernel-slim-java17-openj9-ubi");
    assertThat(dockerfile.all("FROM"))
        .singleElement()
        .extracting(Dockerfile.Instruction::arguments)
        .isEqualTo("${LIBERTY_IMAGE}");
  }

  @Test
  void when_built_then_the_layers_come_in_open_liberty_order() {
    int serverXml = dockerfile.indexOf("COPY", "liberty/config/server.xml");
    int jvmOptions = dockerfile.indexOf("COPY", "liberty/config/jvm.options");
    int serverEnv = dockerfile.indexOf("COPY", "liberty/config/server.env");
    int features = dockerfile.indexOf("RUN", "features.sh");
    int war = dockerfile.indexOf("COPY", ".war");
    int configure = dockerfile.indexOf("RUN", "configure.sh");
    assertThat(List.of(serverXml, jvmOptions, serverEnv)).allMatch(i -> i >= 0 && i < features);
    assertThat(features).isLessThan(war);
    assertThat(war).isLessThan(configure);
    for (Dockerfile.Instruction copy : dockerfile.all("COPY")) {
      assertThat(copy.words()).as(copy.arguments()).contains("--chown=1001:0");
    }
  }

  @Test
  void when_copied_then_every_source_exists_and_the_war_is_the_one_the_build_makes() {
    String war = "target/" + tag(pom, "finalName") + ".war";
    assertThat(tag(pom, "packaging")).isEqualTo("war");
    assertThat(dockerfile.copySources()).contains(war);
    for (String source : dockerfile.copySources()) {
      if (!source.equals(war)) {
        assertThat(RepoFiles.path(source)).as("COPY source").isRegularFile();
      }
    }
  }

  @Test
  void when_the_context_is_sent_then_dockerignore_lets_every_copy_source_through() {
    List<String> lines =
        RepoFiles.read(".dockerignore")
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList();
    assertThat(lines).contains("*");
    for (String source : dockerfile.copySources()) {
      assertThat(lines).as(".dockerignore").contains("!" + source);
    }
  }

  @Test
  void when_running_then_the_user_is_not_root_and_health_is_checked_on_readiness() {
    List<Dockerfile.Instruction> users = dockerfile.all("USER");
    assertThat(users.get(users.size() - 1).arguments()).isEqualTo("1001");
    assertThat(dockerfile.indexOf("USER", "1001"))
        .isLessThan(dockerfile.indexOf("RUN", "configure.sh"));
    Dockerfile.Instruction health = dockerfile.all("HEALTHCHECK").get(0);
    assertThat(health.arguments())
        .contains("/health/ready")
        .contains("/opt/distsync/healthcheck.sh");
    assertThat(dockerfile.copySources()).contains("docker/healthcheck.sh", "docker/entrypoint.sh");
    assertThat(dockerfile.all("ENTRYPOINT").get(0).arguments())
        .contains("/opt/distsync/entrypoint.sh");
  }

  @Test
  void when_running_then_http_port_has_a_default_and_the_raft_data_is_on_a_volume() {
    String env =
        String.join(
            " ", dockerfile.all("ENV").stream().map(Dockerfile.Instruction::arguments).toList());
    assertThat(env).contains("HTTP_PORT=8001");
    Matcher dataDir = Pattern.compile("DATA_DIR=(\\S+)").matcher(env);
    assertThat(dataDir.find()).as("ENV DATA_DIR").isTrue();
    assertThat(dockerfile.all("VOLUME").get(0).arguments())
        .contains("\"" + dataDir.group(1) + "\"");
    // HTTP_PORT is the port of plain HTTP (TLS=off) or of HTTPS (TLS=on): the included file
    // decides.
    assertThat(RepoFiles.read("liberty/config/server.xml"))
        .contains("httpPort=\"${PLAIN_PORT}\"")
        .contains("httpsPort=\"${TLS_PORT}\"")
        .contains("tls-${TLS}.xml");
    assertThat(RepoFiles.read("liberty/config/tls-off.xml"))
        .contains("<variable name=\"PLAIN_PORT\" value=\"${HTTP_PORT}\"/>");
    assertThat(RepoFiles.read("liberty/config/tls-on.xml"))
        .contains("<variable name=\"TLS_PORT\" value=\"${HTTP_PORT}\"/>");
  }

  @Test
  void when_built_then_every_server_configuration_file_is_in_the_image_before_features_sh()
      throws IOException {
    int features = dockerfile.indexOf("RUN", "features.sh");
    try (var files = Files.list(RepoFiles.path("liberty/config"))) {
      for (String xml :
          files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xml")).toList()) {
        assertThat(dockerfile.copySources()).as("COPY of " + xml).contains("liberty/config/" + xml);
        assertThat(dockerfile.indexOf("COPY", "liberty/config/" + xml))
            .as(xml + " before features.sh")
            .isBetween(0, features);
      }
    }
  }

  /** The text of the first {@code <name>} element of the pom. */
  static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
    assertThat(m.find()).as("<%s> in pom.xml", name).isTrue();
    return m.group(1).trim();
  }
}
