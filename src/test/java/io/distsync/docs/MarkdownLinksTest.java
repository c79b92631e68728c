package io.distsync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.deploy.RepoFiles;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link and image of the repository's Markdown points to a file (or folder) that
 * exists, and a link's {@code #anchor} into a Markdown file names one of its headings; nothing in
 * the documents or the sources refers to a path outside the repository.
 */
class MarkdownLinksTest {
  /** {@code [text](target)} and {@code ![alt](target)}, the target without a title. */
  private static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  /** {@code <img src="...">} in raw HTML. */
  private static final Pattern IMG = Pattern.compile("<img[^>]*\\ssrc=\"([^\"]+)\"");

  @Test
  void every_relative_link_and_image_points_to_a_file_that_exists() {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path file : MarkdownFiles.all()) {
      for (MarkdownFiles.Line line : MarkdownFiles.lines(file)) {
        if (line.inCode()) {
          continue;
        }
        for (String target : targets(line.text())) {
          if (isExternal(target)) {
            continue;
          }
          checked++;
          String problem = problem(file, target);
          if (problem != null) {
            broken.add(
                MarkdownFiles.where(file, line.number()) + ": " + target + " (" + problem + ")");
          }
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
    assertThat(checked).as("relative links checked").isGreaterThan(10);
  }

  @Test
  void no_document_or_source_refers_to_a_path_outside_the_repository() {
    List<String> found = new ArrayList<>();
    Path root = RepoFiles.root();
    java.util.Set<Path> files = new java.util.TreeSet<>(MarkdownFiles.all());
    try (var walk = Files.walk(root.resolve("src"))) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (String top : List.of("pom.xml", "liberty", "docker", "jmeter", "openapi", ".ci")) {
      try (var walk = Files.walk(root.resolve(top))) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    // Built from pieces, so that this file does not name the path it looks for.
    String outside = ".." + "/shared/";
    for (Path f : files) {
      if (f.equals(self(root))) {
        continue;
      }
      String text;
      try {
        text = Files.readString(f);
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        continue; // binary
      }
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(outside)) {
          found.add(MarkdownFiles.where(f, i + 1) + ": " + lines[i].strip());
        }
      }
    }
    assertThat(found).as("references outside the repository").isEmpty();
  }

  private static Path self(Path root) {
    return root.resolve("src/test/java/io/distsync/docs/MarkdownLinksTest.java");
  }

  static List<String> targets(String text) {
    List<String> out = new ArrayList<>();
    for (Pattern p : List.of(LINK, IMG)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static boolean isExternal(String target) {
    return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("//");
  }

  /** Why the link is broken, or null. */
  private static String problem(Path from, String target) {
    String path = target;
    String anchor = null;
    int hash = target.indexOf('#');
    if (hash >= 0) {
      path = target.substring(0, hash);
      anchor = target.substring(hash + 1);
    }
    Path resolved =
        path.isEmpty()
            ? from
            : from.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
    if (!resolved.startsWith(RepoFiles.root())) {
      return "outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
      if (!Headings.anchors(resolved).contains(anchor)) {
        return "no heading with anchor #" + anchor;
      }
    }
    return null;
  }
}
