package io.distsync.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables the application reads, found in its sources: the names of
 * {@code @ConfigProperty} and of {@code getValue}/{@code getOptionalValue} calls (and any {@code
 * System.getenv}) in src/main/java (the client package aside), the {@code ${VAR}} references of
 * liberty/config/server.xml, and what liberty/cluster and the container entrypoint hand to a node.
 * Each name maps to the default the Java code or server.xml gives, when they give one. Not among
 * them: Liberty's own WLP_* variables, and the variables the configuration sets itself ({@code
 * <variable name="X" value=...>} in liberty/config, e.g. the ports tls-on.xml and tls-off.xml
 * derive from HTTP_PORT).
 */
public final class ConfigKeys {
  private static final Pattern CONFIG_PROPERTY =
      Pattern.compile("@ConfigProperty\\s*\\(([^)]*)\\)", Pattern.DOTALL);
  private static final Pattern NAME_ARG = Pattern.compile("name\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern DEFAULT_ARG =
      Pattern.compile("defaultValue\\s*=\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+)");
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern CONFIG_CALL =
      Pattern.compile("(?:getValue|getOptionalValue|getConfigValue)\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
  private static final Pattern GETENV =
      Pattern.compile("System\\.getenv\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
  private static final Pattern XML_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
  private static final Pattern XML_VARIABLE =
      Pattern.compile("<variable\\s+name=\"([A-Z][A-Z0-9_]*)\"\\s+defaultValue=\"([^\"]*)\"");
  private static final Pattern XML_SET_VARIABLE =
      Pattern.compile("<variable\\s+name=\"([A-Z][A-Z0-9_]*)\"\\s+value=");
  private static final Pattern SHELL_ASSIGN =
      Pattern.compile("(?<![A-Za-z0-9_])([A-Z][A-Z0-9_]*)=");
  private static final Pattern SHELL_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}-]");

  private ConfigKeys() {}

  /** Every variable the application reads, with its default where the sources give one. */
  public static Map<String, Optional<String>> read() {
    Map<String, Optional<String>> keys = new TreeMap<>();
    javaKeys(RepoFiles.path("src/main/java")).forEach((k, v) -> merge(keys, k, v));
    serverXmlKeys(RepoFiles.read("liberty/config/server.xml")).forEach((k, v) -> merge(keys, k, v));
    nodeEnvironment(RepoFiles.read("liberty/cluster"), "start_node")
        .forEach((k, v) -> merge(keys, k, v));
    nodeEnvironment(RepoFiles.read("docker/entrypoint.sh"), null)
        .forEach((k, v) -> merge(keys, k, v));
    keys.keySet().removeIf(k -> k.startsWith("WLP_"));
    keys.keySet().removeAll(setByConfiguration());
    return keys;
  }

  /** The variables liberty/config's XML files set themselves (value=, not defaultValue=). */
  static Set<String> setByConfiguration() {
    Set<String> set = new TreeSet<>();
    try (Stream<Path> files = Files.list(RepoFiles.path("liberty/config"))) {
      files
          .filter(f -> f.toString().endsWith(".xml"))
          .forEach(
              f -> {
                Matcher m = XML_SET_VARIABLE.matcher(RepoFiles.read(f));
                while (m.find()) {
                  set.add(m.group(1));
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return set;
  }

  private static void merge(Map<String, Optional<String>> keys, String k, Optional<String> v) {
    keys.merge(k, v, (a, b) -> a.isPresent() ? a : b);
  }

  /** Names and defaults of the config lookups in the Java sources under {@code dir}. */
  static Map<String, Optional<String>> javaKeys(Path dir) {
    Map<String, Optional<String>> keys = new TreeMap<>();
    Path client = dir.resolve("io/distsync/client");
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          // The Java client is not the server: its DISTSYNC_* variables are the application's
          // that uses it (docs/client.md), not settings of a node.
          .filter(f -> !f.startsWith(client))
          .forEach(f -> javaKeys(RepoFiles.read(f)).forEach((k, v) -> merge(keys, k, v)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  static Map<String, Optional<String>> javaKeys(String source) {
    Map<String, Optional<String>> keys = new TreeMap<>();
    Matcher m = CONFIG_PROPERTY.matcher(source);
    while (m.find()) {
      Matcher name = NAME_ARG.matcher(m.group(1));
      if (name.find()) {
        Matcher def = DEFAULT_ARG.matcher(m.group(1));
        merge(
            keys, name.group(1), def.find() ? Optional.of(concat(def.group(1))) : Optional.empty());
      }
    }
    for (Pattern p : new Pattern[] {CONFIG_CALL, GETENV}) {
      Matcher c = p.matcher(source);
      while (c.find()) {
        merge(keys, c.group(1), Optional.empty());
      }
    }
    return keys;
  }

  private static String concat(String literals) {
    StringBuilder b = new StringBuilder();
    Matcher l = LITERAL.matcher(literals);
    while (l.find()) {
      b.append(l.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return b.toString();
  }

  /** Upper-case {@code ${VAR}} references of server.xml, with {@code <variable>} defaults. */
  static Map<String, Optional<String>> serverXmlKeys(String xml) {
    Map<String, Optional<String>> keys = new TreeMap<>();
    Matcher v = XML_VARIABLE.matcher(xml);
    while (v.find()) {
      keys.put(v.group(1), Optional.of(v.group(2)));
    }
    Matcher r = XML_REF.matcher(xml.replaceAll("(?s)<!--.*?-->", ""));
    while (r.find()) {
      merge(keys, r.group(1), Optional.empty());
    }
    return keys;
  }

  /**
   * The variables a script hands to a node (assignments and {@code ${VAR:-default}} references) in
   * the body of {@code function} (the whole script when null), less Liberty's own WLP_*. Names
   * only: a script's fallbacks (the container's paths, say) are not the application's defaults.
   */
  static Map<String, Optional<String>> nodeEnvironment(String script, String function) {
    String body = script;
    if (function != null) {
      int start = script.indexOf(function + "() {");
      if (start < 0) {
        throw new IllegalStateException("no function " + function + "() in the script");
      }
      int end = script.indexOf("\n}", start);
      body = script.substring(start, end);
    }
    body = body.replaceAll("(?m)^\\s*#.*$", "");
    Map<String, Optional<String>> keys = new TreeMap<>();
    Matcher a = SHELL_ASSIGN.matcher(body);
    while (a.find()) {
      merge(keys, a.group(1), Optional.empty());
    }
    Matcher r = SHELL_REF.matcher(body);
    while (r.find()) {
      merge(keys, r.group(1), Optional.empty());
    }
    keys.keySet().removeIf(k -> k.startsWith("WLP_"));
    return keys;
  }
}
