package io.distsync.raft.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Stored data is damaged in a way recovery must not repair silently (corruption before the tail of
 * the log, a gap between segments, a damaged meta or snapshot file). The node must stop.
 */
public final class CorruptStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  /**
   * @param file the damaged file
   * @param offset byte offset of the damage in {@code file}, or -1 when it concerns the whole file
   * @param reason what is wrong
   */
  public CorruptStoreException(Path file, long offset, String reason) {
    super(reason + " in " + file + (offset >= 0 ? " at offset " + offset : ""));
    this.file = file;
    this.offset = offset;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }

  /** Byte offset of the damage, or -1 when it concerns the whole file. */
  public long offset() {
    return offset;
  }
}
