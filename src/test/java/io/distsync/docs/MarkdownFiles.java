package io.distsync.docs;

import io.distsync.deploy.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's Markdown files, outside build output and local data. */
final class MarkdownFiles {
  private MarkdownFiles() {}

  /** Every {@code *.md} file under the project root, except in target/, data/ and dot folders. */
  static List<Path> all() {
    Path root = RepoFiles.root();
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !skipped(root.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean skipped(Path relative) {
    String first = relative.getName(0).toString();
    return first.equals("target")
        || first.equals("data")
        || first.equals("node_modules")
        || first.startsWith(".");
  }

  /** The file's lines, each with its number, outside fenced code blocks ({@code inCode} false). */
  record Line(int number, String text, boolean inCode, String fence) {}

  static List<Line> lines(Path file) {
    List<Line> out = new ArrayList<>();
    String fence = null;
    int n = 0;
    for (String text : RepoFiles.read(file).split("\n", -1)) {
      n++;
      String trimmed = text.strip();
      if (trimmed.startsWith("```")) {
        if (fence == null) {
          fence = trimmed.substring(3).strip();
          out.add(new Line(n, text, true, fence));
        } else {
          out.add(new Line(n, text, true, fence));
          fence = null;
        }
        continue;
      }
      out.add(new Line(n, text, fence != null, fence == null ? "" : fence));
    }
    return out;
  }

  static String where(Path file, int line) {
    return RepoFiles.root().relativize(file) + ":" + line;
  }
}
