package io.distsync.bench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JMeter's CSV results (header line required; columns found by name, quoted fields allowed). */
public final class JmeterCsv {
  /** One sample: start (epoch ms), elapsed ms, label, response code, success. */
  public record Sample(long start, long elapsed, String label, String code, boolean success) {
    public long end() {
      return start + elapsed;
    }

    /** Warm-up and drain samples of the plans: not part of the measurement. */
    public boolean isHousekeeping() {
      return label.startsWith("setup ") || label.startsWith("drain ");
    }
  }

  private JmeterCsv() {}

  public static List<Sample> read(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file)) {
      return read(r);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  static List<Sample> read(Reader reader) throws IOException {
    BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String header = r.readLine();
    if (header == null) {
      return List.of();
    }
    List<String> names = fields(header);
    int ts = column(names, "timeStamp");
    int elapsed = column(names, "elapsed");
    int label = column(names, "label");
    int code = column(names, "responseCode");
    int success = column(names, "success");
    List<Sample> samples = new ArrayList<>();
    String line;
    while ((line = r.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = fields(line);
      if (f.size() <= Math.max(Math.max(ts, elapsed), Math.max(label, success))) {
        continue; // a line cut short when JMeter was stopped
      }
      samples.add(
          new Sample(
              Long.parseLong(f.get(ts)),
              Long.parseLong(f.get(elapsed)),
              f.get(label),
              f.get(code),
              Boolean.parseBoolean(f.get(success))));
    }
    return samples;
  }

  private static int column(List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("JMeter CSV without a " + name + " column: " + names);
    }
    return i;
  }

  /** The fields of one CSV line: commas separate, double quotes quote, "" is a quote. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
