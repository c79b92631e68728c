package io.distsync.docs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The anchors GitHub gives a Markdown file's headings. */
final class Headings {
  private Headings() {}

  /**
   * GitHub's rule: lower case, punctuation other than {@code -} and {@code _} removed, spaces to
   * {@code -}; a repeated anchor gets {@code -1}, {@code -2}, ...
   */
  static Set<String> anchors(Path file) {
    Set<String> out = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (MarkdownFiles.Line line : MarkdownFiles.lines(file)) {
      if (line.inCode() || !line.text().startsWith("#")) {
        continue;
      }
      String title = line.text().replaceFirst("^#+\\s*", "").strip();
      String anchor = slug(title);
      int n = seen.merge(anchor, 1, Integer::sum) - 1;
      out.add(n == 0 ? anchor : anchor + "-" + n);
    }
    return out;
  }

  static String slug(String title) {
    String plain = title.replaceAll("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    StringBuilder sb = new StringBuilder();
    for (char c : plain.toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        sb.append(c);
      } else if (c == ' ') {
        sb.append('-');
      }
    }
    return sb.toString();
  }
}
