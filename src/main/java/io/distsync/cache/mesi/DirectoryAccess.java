package io.distsync.cache.mesi;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * How the protocol reaches the {@link Directory}: inside Liberty the call runs at once on the
 * calling thread (Jedis is synchronous); the simulation delivers it after a random delay and
 * answers after another, so that operations of several nodes interleave at every step.
 */
@FunctionalInterface
public interface DirectoryAccess {

  <T> CompletableFuture<T> call(Function<Directory, T> step);

  /** Runs every call at once on the calling thread; a failure completes the future. */
  static DirectoryAccess direct(Directory directory) {
    return new DirectoryAccess() {
      @Override
      public <T> CompletableFuture<T> call(Function<Directory, T> step) {
        try {
          return CompletableFuture.completedFuture(step.apply(directory));
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    };
  }
}
