package io.distsync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The client jar stands alone and the server does not lean on it, read from the sources: the client
 * imports only the JDK, Jackson and itself (so its jar needs nothing else), and no server class
 * imports the client or Jackson (the WAR leaves both out).
 */
class ClientBoundaryTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Path CLIENT = MAIN.resolve("io/distsync/client");
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
  private static final List<String> CLIENT_MAY_USE =
      List.of("java.", "javax.net.", "com.fasterxml.jackson.", "io.distsync.client.");

  @Test
  void clientSourcesImportOnlyTheJdkJacksonAndThemselves() throws IOException {
    List<String> wrong = new ArrayList<>();
    List<Path> files = javaFiles(CLIENT);
    assertThat(files).as("client sources").isNotEmpty();
    for (Path f : files) {
      for (String imported : imports(f)) {
        if (CLIENT_MAY_USE.stream().noneMatch(imported::startsWith)) {
          wrong.add(f.getFileName() + " imports " + imported);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void serverSourcesImportNeitherTheClientNorJackson() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path f : javaFiles(MAIN)) {
      if (f.startsWith(CLIENT)) {
        continue;
      }
      for (String imported : imports(f)) {
        if (imported.startsWith("io.distsync.client.")
            || imported.startsWith("com.fasterxml.jackson.")) {
          wrong.add(MAIN.relativize(f) + " imports " + imported);
        }
      }
      String text = Files.readString(f);
      if (text.contains("io.distsync.client.")) {
        wrong.add(MAIN.relativize(f) + " names io.distsync.client");
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static List<String> imports(Path f) throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = IMPORT.matcher(Files.readString(f));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
