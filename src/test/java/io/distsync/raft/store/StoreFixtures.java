package io.distsync.raft.store;

import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.Membership;
import io.distsync.raft.RaftMember;
import io.distsync.raft.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Shared helpers for the store tests. */
final class StoreFixtures {
  /** Payload length of {@link #entry}: fixed so record offsets are predictable. */
  static final int PAYLOAD = 40;

  /** On-disk size of one {@link #entry} record. */
  static final int RECORD = RecordCodec.HEADER + RecordCodec.BODY_FIXED + PAYLOAD;

  private StoreFixtures() {}

  static LogEntry entry(long index, long term) {
    byte[] payload =
        String.format("%-" + PAYLOAD + "s", "cmd-" + index + "@" + term)
            .getBytes(StandardCharsets.US_ASCII);
    return new LogEntry(index, term, EntryType.COMMAND, payload);
  }

  static List<LogEntry> entries(long from, long to, long term) {
    List<LogEntry> list = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      list.add(entry(i, term));
    }
    return list;
  }

  static Snapshot snapshot(long index, long term) {
    Membership m =
        new Membership(
            List.of(
                new RaftMember("node1", "http://h1:8001", true),
                new RaftMember("node2", "http://h2:8001", false)));
    return new Snapshot(index, term, m, ("state@" + index).getBytes(StandardCharsets.UTF_8));
  }

  static List<Path> segmentFiles(Path dataDir) {
    try (Stream<Path> s = Files.list(dataDir.resolve("log"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> fileNames(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
