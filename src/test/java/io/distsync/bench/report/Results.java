package io.distsync.bench.report;

import io.distsync.bench.report.JmeterCsv.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What jmeter/report.sh leaves in its results folder: {@code 3n/PLAN-cN/PLAN.csv} (the 3-node
 * cluster, N clients), {@code 1n/...} (one node), {@code leaderkill/PLAN.csv} with {@code
 * leaderkill/events.txt} ({@code kill|restart|ready EPOCH_MS [node]} lines) and {@code meta.txt}.
 */
public record Results(
    Path dir, List<Run> runs, Optional<LeaderKill> leaderKill, Map<String, String> meta) {
  private static final Pattern RUN_DIR = Pattern.compile("([a-z]+)-c(\\d+)");

  /** One plan run: cluster ("3n" or "1n"), plan, clients, and its measured samples. */
  public record Run(String cluster, String plan, int clients, List<Sample> samples) {
    public Stats stats() {
      return Stats.of(samples);
    }
  }

  /** The leader-kill run: its samples and the instants of the kill, the restart and readiness. */
  public record LeaderKill(
      String plan, List<Sample> samples, Map<String, Long> events, String node) {}

  public static Results load(Path dir) {
    List<Run> runs = new ArrayList<>();
    for (String cluster : List.of("3n", "1n")) {
      Path base = dir.resolve(cluster);
      for (Path runDir : list(base)) {
        Matcher m = RUN_DIR.matcher(runDir.getFileName().toString());
        Path csv = runDir.resolve(m.matches() ? m.group(1) + ".csv" : "none");
        if (m.matches() && Files.isRegularFile(csv)) {
          runs.add(
              new Run(
                  cluster,
                  m.group(1),
                  Integer.parseInt(m.group(2)),
                  measured(JmeterCsv.read(csv))));
        }
      }
    }
    runs.sort(
        Comparator.comparing(Run::cluster)
            .reversed()
            .thenComparing(Run::plan)
            .thenComparingInt(Run::clients));
    return new Results(
        dir, runs, leaderKill(dir.resolve("leaderkill")), meta(dir.resolve("meta.txt")));
  }

  private static Optional<LeaderKill> leaderKill(Path dir) {
    Path events = dir.resolve("events.txt");
    if (!Files.isRegularFile(events)) {
      return Optional.empty();
    }
    Map<String, Long> at = new LinkedHashMap<>();
    String node = "";
    for (String line : read(events).split("\n")) {
      String[] w = line.trim().split("\\s+");
      if (w.length >= 2) {
        at.put(w[0], Long.parseLong(w[1]));
        if (w[0].equals("kill") && w.length > 2) {
          node = w[2];
        }
      }
    }
    for (Path csv : list(dir)) {
      if (csv.toString().endsWith(".csv")) {
        String plan = csv.getFileName().toString().replace(".csv", "");
        return Optional.of(new LeaderKill(plan, measured(JmeterCsv.read(csv)), at, node));
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> meta(Path file) {
    Map<String, String> meta = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      for (String line : read(file).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          meta.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    }
    return meta;
  }

  private static List<Sample> measured(List<Sample> all) {
    return all.stream().filter(s -> !s.isHousekeeping()).toList();
  }

  public List<Run> runs(String cluster, String plan) {
    return runs.stream().filter(r -> r.cluster().equals(cluster) && r.plan().equals(plan)).toList();
  }

  public List<String> plans() {
    return runs.stream().map(Run::plan).distinct().sorted().toList();
  }

  public Optional<Run> run(String cluster, String plan, int clients) {
    return runs(cluster, plan).stream().filter(r -> r.clients() == clients).findFirst();
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
