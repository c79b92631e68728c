package io.distsync.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker/docker-compose.yml, parsed (YAML merge keys resolved), with typed accessors. */
public record Compose(Map<String, Object> root, String text) {
  private static final Pattern INTERPOLATION =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  /** A {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME:?message}} in the file. */
  public record Variable(String name, String operator, String argument) {}

  public static Compose load() {
    return parse(RepoFiles.read("docker/docker-compose.yml"));
  }

  static Compose parse(String text) {
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("the Compose file is not a YAML mapping");
    }
    return new Compose(cast(map), text);
  }

  public Map<String, Object> services() {
    return map(root, "services");
  }

  public Map<String, Object> service(String name) {
    Map<String, Object> s = map(services(), name);
    if (s.isEmpty()) {
      throw new AssertionError("no service " + name + " in docker-compose.yml");
    }
    return s;
  }

  /** Every variable interpolated anywhere in the file (comments excluded). */
  public List<Variable> variables() {
    List<Variable> vars = new ArrayList<>();
    Matcher m = INTERPOLATION.matcher(text.replaceAll("(?m)^\\s*#.*$", ""));
    while (m.find()) {
      vars.add(new Variable(m.group(1), m.group(2), m.group(3)));
    }
    return vars;
  }

  /** The service's environment as a map (Compose allows a list of KEY=value too). */
  public static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new LinkedHashMap<>();
    Object e = service.get("environment");
    if (e instanceof Map<?, ?> m) {
      m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    } else if (e instanceof List<?> l) {
      for (Object item : l) {
        String s = String.valueOf(item);
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
      }
    }
    return env;
  }

  public static List<String> strings(Map<String, Object> node, String key) {
    Object v = node.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    } else if (v != null) {
      out.add(String.valueOf(v));
    }
    return out;
  }

  public static Map<String, Object> map(Map<String, Object> node, String key) {
    Object v = node.get(key);
    return v instanceof Map<?, ?> m ? cast(m) : Map.of();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
