package io.distsync.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code .env.example}: the application's settings (first part) and, after the line that starts
 * with {@code # ===}, the settings of Compose and the tools that the application does not read.
 */
public record EnvExample(Map<String, String> application, Map<String, String> tools) {

  public static EnvExample load() {
    return parse(RepoFiles.read(".env.example"));
  }

  static EnvExample parse(String text) {
    Map<String, String> app = new LinkedHashMap<>();
    Map<String, String> tools = new LinkedHashMap<>();
    Map<String, String> current = app;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("# ===")) {
        current = tools;
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(".env.example: not KEY=value: " + raw);
        }
        String key = line.substring(0, eq).strip();
        if (app.containsKey(key) || tools.containsKey(key)) {
          throw new IllegalArgumentException(".env.example: " + key + " appears twice");
        }
        current.put(key, line.substring(eq + 1).strip());
      }
    }
    return new EnvExample(app, tools);
  }

  public Map<String, String> all() {
    Map<String, String> all = new LinkedHashMap<>(application);
    all.putAll(tools);
    return all;
  }
}
