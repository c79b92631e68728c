package io.distsync.raft.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Small durable-file helpers shared by the store's files. */
final class FileOps {
  private FileOps() {}

  /**
   * Replaces {@code target} with {@code content} atomically and durably: write {@code target.tmp},
   * fsync it, rename it over {@code target} with ATOMIC_MOVE, fsync the directory. A crash leaves
   * either the old or the new file, never a mix.
   */
  static void writeAtomically(Path target, ByteBuffer content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(ch, content, 0);
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(target.getParent());
  }

  /** Writes all of {@code buf} at {@code position}. */
  static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
  }

  /** Reads the whole file into a heap buffer (flipped, position 0). */
  static ByteBuffer readFully(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new IOException("file too large to read: " + file + " (" + size + " bytes)");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
        // keep reading until full or end of file
      }
      return buf.flip();
    }
  }

  /** Makes creations, renames and deletions in {@code dir} durable (fsync of the directory). */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
