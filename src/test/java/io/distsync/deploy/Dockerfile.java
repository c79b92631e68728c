package io.distsync.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** docker/Dockerfile as a list of instructions (continuation lines joined, comments dropped). */
public record Dockerfile(List<Instruction> instructions) {

  /** One instruction: its keyword (upper case) and its arguments as written. */
  public record Instruction(String keyword, String arguments) {
    /** The words of the arguments, options such as {@code --chown=1001:0} included. */
    public List<String> words() {
      return List.of(arguments.trim().split("\\s+"));
    }
  }

  public static Dockerfile load() {
    return parse(RepoFiles.read("docker/Dockerfile"));
  }

  static Dockerfile parse(String text) {
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (!current.isEmpty() && line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      String all = current.toString().strip();
      current.setLength(0);
      int space = all.indexOf(' ');
      out.add(
          new Instruction(
              all.substring(0, space < 0 ? all.length() : space).toUpperCase(Locale.ROOT),
              space < 0 ? "" : all.substring(space + 1).strip()));
    }
    return new Dockerfile(out);
  }

  public List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** Index of the first instruction with {@code keyword} whose arguments contain {@code text}. */
  public int indexOf(String keyword, String text) {
    for (int i = 0; i < instructions.size(); i++) {
      Instruction in = instructions.get(i);
      if (in.keyword().equals(keyword) && in.arguments().contains(text)) {
        return i;
      }
    }
    return -1;
  }

  /** The source paths of every COPY (options and the destination left out). */
  public List<String> copySources() {
    List<String> sources = new ArrayList<>();
    for (Instruction copy : all("COPY")) {
      List<String> words = copy.words().stream().filter(w -> !w.startsWith("--")).toList();
      sources.addAll(words.subList(0, words.size() - 1));
    }
    return sources;
  }
}
