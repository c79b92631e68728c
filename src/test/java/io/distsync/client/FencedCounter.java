package io.distsync.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The protected resource of the lock stories: a counter in a file that, like any storage that
 * honours fencing, refuses a write whose token is lower than the highest it has seen.
 */
final class FencedCounter {
  private final Path file;
  private final List<Long> acceptedTokens = new ArrayList<>();
  private long highest;
  private int refused;

  FencedCounter(Path file) {
    this.file = file;
    write(0);
  }

  synchronized int read() {
    try {
      return Integer.parseInt(Files.readString(file).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code value} unless {@code token} is older than the newest seen; false if refused. */
  synchronized boolean write(long token, int value) {
    if (token < highest) {
      refused++;
      return false;
    }
    highest = token;
    acceptedTokens.add(token);
    write(value);
    return true;
  }

  private void write(int value) {
    try {
      Files.writeString(file, Integer.toString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized int refused() {
    return refused;
  }

  synchronized List<Long> acceptedTokens() {
    return List.copyOf(acceptedTokens);
  }
}
