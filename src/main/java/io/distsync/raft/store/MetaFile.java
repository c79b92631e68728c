package io.distsync.raft.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The {@code meta} file: current term and vote.
 *
 * <p>Layout (big-endian): {@code magic:int32 "DSMT" | version:int32 | term:int64 |
 * votedForLength:int32 (-1 = none) | votedFor:UTF-8 | crc:int32}, the crc being the CRC32C of
 * everything before it. Rewritten with temp file + fsync + atomic rename (Raft Figure 2: term and
 * vote are persisted before answering), so a torn write can only hit {@code meta.tmp}, which is
 * ignored.
 */
final class MetaFile {
  private static final int MAGIC = 0x44534D54; // "DSMT"
  private static final int VERSION = 1;

  /** Term and vote as stored. */
  record TermAndVote(long term, String votedFor) {}

  private final Path file;

  MetaFile(Path dataDir) {
    this.file = dataDir.resolve("meta");
  }

  Path path() {
    return file;
  }

  /** Durably replaces the stored term and vote. */
  void write(long term, String votedFor) throws IOException {
    byte[] vote = votedFor == null ? new byte[0] : votedFor.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(4 + 4 + 8 + 4 + vote.length + 4);
    buf.putInt(MAGIC).putInt(VERSION).putLong(term);
    buf.putInt(votedFor == null ? -1 : vote.length).put(vote);
    buf.putInt(crc(buf, buf.position()));
    FileOps.writeAtomically(file, buf.flip());
  }

  /**
   * Reads the stored term and vote; term 0 and no vote when the file does not exist yet.
   *
   * @throws CorruptStoreException when the file exists but is damaged (it is only ever replaced by
   *     an atomic rename, so damage is a disk fault, not a crash)
   */
  TermAndVote read() throws IOException {
    Files.deleteIfExists(file.resolveSibling("meta.tmp")); // an interrupted write: never renamed
    if (!Files.exists(file)) {
      return new TermAndVote(0, null);
    }
    ByteBuffer buf = FileOps.readFully(file);
    if (buf.limit() < 24 || buf.getInt(0) != MAGIC) {
      throw new CorruptStoreException(file, 0, "not a meta file (bad magic or too short)");
    }
    if (buf.getInt(4) != VERSION) {
      throw new CorruptStoreException(file, 4, "unsupported meta version " + buf.getInt(4));
    }
    int voteLength = buf.getInt(16);
    int end = 20 + Math.max(voteLength, 0);
    if (voteLength < -1 || end + 4 != buf.limit()) {
      throw new CorruptStoreException(file, 16, "bad vote length " + voteLength);
    }
    if (buf.getInt(end) != crc(buf, end)) {
      throw new CorruptStoreException(file, end, "meta checksum mismatch");
    }
    String vote = null;
    if (voteLength >= 0) {
      byte[] bytes = new byte[voteLength];
      buf.get(20, bytes);
      vote = new String(bytes, StandardCharsets.UTF_8);
    }
    return new TermAndVote(buf.getLong(8), vote);
  }

  private static int crc(ByteBuffer buf, int length) {
    CRC32C crc = new CRC32C();
    crc.update(buf.slice(0, length));
    return (int) crc.getValue();
  }
}
