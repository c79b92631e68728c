package io.distsync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.deploy.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every shell block of the README ({@code ```bash}, {@code ```sh}, {@code ```shell}) names commands
 * and paths that exist: a command is a tool a user has (the list below), a file of the repository,
 * or a shell function an earlier line of the README defines ({@code name() { ... }}), and every
 * argument that names a path in one of the repository's folders names one that exists.
 */
class ReadmeCommandsTest {
  /** Commands from outside the repository that the README may use. */
  private static final Set<String> TOOLS =
      Set.of(
          ("mvn curl java docker git export cd cat echo openssl jq redis-cli wrk jfr jcmd time kill"
                  + " pkill ls tail head grep sed awk sort wc sleep seq xargs sudo apt-get npm node bash sh")
              .split(" "));

  /** {@code name() {}: a shell function's definition. */
  private static final Pattern FUNCTION = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\(\\)\\s*\\{");

  /** The repository's top folders whose paths the README names. */
  private static final List<String> FOLDERS =
      List.of("liberty/", "docs/", "docker/", "jmeter/", "openapi/", "src/", ".ci/");

  @Test
  void every_shell_block_of_the_readme_names_commands_and_paths_that_exist() {
    Path readme = RepoFiles.path("README.md");
    List<String> problems = new ArrayList<>();
    Set<String> functions = new HashSet<>();
    int commands = 0;
    String previous = "";
    for (MarkdownFiles.Line line : MarkdownFiles.lines(readme)) {
      if (!line.inCode() || !Set.of("bash", "sh", "shell").contains(line.fence())) {
        continue;
      }
      String text = line.text().strip();
      if (text.startsWith("```") || text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      boolean continued = previous.endsWith("\\");
      previous = text;
      Matcher function = FUNCTION.matcher(text);
      if (function.find()) {
        // The body is checked as commands of its own; the name is a command from here on.
        functions.add(function.group(1));
        text = text.substring(function.end()).replaceFirst("}\\s*$", "");
      }
      String code = text.replaceFirst("\\s+#\\s.*$", "");
      for (String command : code.split("\\s*(?:&&|\\|\\||;|\\|)\\s*")) {
        List<String> words = words(command);
        int first = firstCommandWord(words);
        if (!continued && first < words.size()) {
          commands++;
          String name = words.get(first);
          if (!TOOLS.contains(name)
              && !functions.contains(name)
              && !Files.exists(RepoFiles.path(name))) {
            problems.add(MarkdownFiles.where(readme, line.number()) + ": command '" + name + "'");
          }
        }
        continued = false;
        for (String word : words) {
          String path = word.replaceAll("^[\"']|[\"',)]$", "");
          if (FOLDERS.stream().anyMatch(path::startsWith)
              && !path.contains("$")
              && !path.contains("<")
              && !path.contains("*")
              && !Files.exists(RepoFiles.path(path.split(":")[0]))) {
            problems.add(MarkdownFiles.where(readme, line.number()) + ": path '" + path + "'");
          }
        }
      }
    }
    assertThat(problems).as("commands or paths that do not exist").isEmpty();
    assertThat(commands).as("commands checked").isGreaterThan(10);
  }

  /** The words of a command line, quotes kept together. */
  private static List<String> words(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        w.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        w.append(c);
      } else if (Character.isWhitespace(c)) {
        if (!w.isEmpty()) {
          out.add(w.toString());
          w.setLength(0);
        }
      } else {
        w.append(c);
      }
    }
    if (!w.isEmpty()) {
      out.add(w.toString());
    }
    return out;
  }

  /** Skips leading {@code NAME=value} assignments (environment for the command). */
  private static int firstCommandWord(List<String> words) {
    int i = 0;
    while (i < words.size() && words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      i++;
    }
    return i;
  }
}
