package io.distsync.raft.store;

import io.distsync.raft.Membership;
import io.distsync.raft.Snapshot;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The {@code snapshot/} directory: {@code snapshot-<index>-<term>.snap} files.
 *
 * <p>Layout (big-endian): {@code magic:int32 "DSSN" | version:int32 | lastIncludedIndex:int64 |
 * lastIncludedTerm:int64 | membershipLength:int32 | membership | dataLength:int32 | data |
 * crc:int32}, the crc being the CRC32C of everything before it. Written as {@code .snap.tmp},
 * fsynced, renamed atomically; leftover temp files are a crash during a write and are deleted.
 */
final class SnapshotFiles {
  private static final System.Logger LOG = System.getLogger(SnapshotFiles.class.getName());
  private static final int MAGIC = 0x4453534E; // "DSSN"
  private static final int VERSION = 1;
  private static final Pattern NAME = Pattern.compile("snapshot-(\\d+)-(\\d+)\\.snap");

  private final Path dir;

  SnapshotFiles(Path dataDir) throws IOException {
    this.dir = Files.createDirectories(dataDir.resolve("snapshot"));
  }

  /** Durably stores {@code snapshot}, then deletes every other snapshot file. */
  void write(Snapshot snapshot) throws IOException {
    byte[] membership = snapshot.membership().encode();
    byte[] data = snapshot.data();
    ByteBuffer buf = ByteBuffer.allocate(32 + membership.length + data.length + 4);
    buf.putInt(MAGIC).putInt(VERSION);
    buf.putLong(snapshot.lastIncludedIndex()).putLong(snapshot.lastIncludedTerm());
    buf.putInt(membership.length).put(membership).putInt(data.length).put(data);
    buf.putInt(crc(buf, buf.position()));
    Path target = dir.resolve(fileName(snapshot));
    FileOps.writeAtomically(target, buf.flip());
    // Compaction rule: only the newest snapshot is needed once it is durable.
    boolean deleted = false;
    for (Path old : list()) {
      if (!old.equals(target)) {
        Files.deleteIfExists(old);
        deleted = true;
      }
    }
    if (deleted) {
      FileOps.fsyncDirectory(dir);
    }
  }

  /**
   * The newest snapshot, if any. Temp files (a crash while writing) are deleted and ignored; a
   * complete snapshot file that fails its checksum is refused, since it was renamed into place only
   * after an fsync.
   */
  Optional<Snapshot> readLatest() throws IOException {
    deleteTempFiles();
    Path latest = null;
    long latestIndex = -1;
    for (Path p : list()) {
      Matcher m = NAME.matcher(p.getFileName().toString());
      if (m.matches() && Long.parseLong(m.group(1)) > latestIndex) {
        latestIndex = Long.parseLong(m.group(1));
        latest = p;
      }
    }
    return latest == null ? Optional.empty() : Optional.of(read(latest));
  }

  private Snapshot read(Path file) throws IOException {
    ByteBuffer buf = FileOps.readFully(file);
    int size = buf.limit();
    if (size < 36 || buf.getInt(0) != MAGIC || buf.getInt(4) != VERSION) {
      throw new CorruptStoreException(file, 0, "not a snapshot file (bad magic, version or size)");
    }
    if (buf.getInt(size - 4) != crc(buf, size - 4)) {
      throw new CorruptStoreException(file, size - 4, "snapshot checksum mismatch");
    }
    int membershipLength = buf.getInt(24);
    if (membershipLength < 0 || 28L + membershipLength + 4 > size - 4) {
      throw new CorruptStoreException(file, 24, "bad membership length " + membershipLength);
    }
    byte[] membership = new byte[membershipLength];
    buf.get(28, membership);
    int dataOffset = 28 + membershipLength;
    int dataLength = buf.getInt(dataOffset);
    if (dataLength < 0 || dataOffset + 4L + dataLength != size - 4) {
      throw new CorruptStoreException(file, dataOffset, "bad data length " + dataLength);
    }
    byte[] data = new byte[dataLength];
    buf.get(dataOffset + 4, data);
    return new Snapshot(buf.getLong(8), buf.getLong(16), Membership.decode(membership), data);
  }

  private void deleteTempFiles() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.tmp")) {
      for (Path tmp : files) {
        LOG.log(Level.WARNING, "Ignoring and deleting interrupted snapshot write {0}", tmp);
        Files.delete(tmp);
      }
    }
  }

  private List<Path> list() throws IOException {
    List<Path> result = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "snapshot-*.snap")) {
      files.forEach(result::add);
    }
    return result;
  }

  static String fileName(Snapshot s) {
    return "snapshot-" + s.lastIncludedIndex() + "-" + s.lastIncludedTerm() + ".snap";
  }

  private static int crc(ByteBuffer buf, int length) {
    CRC32C crc = new CRC32C();
    crc.update(buf.slice(0, length));
    return (int) crc.getValue();
  }
}
