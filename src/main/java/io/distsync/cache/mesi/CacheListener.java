package io.distsync.cache.mesi;

/** Hooks for metrics; called on the hot path, so they must be cheap and must not throw. */
public interface CacheListener {
  CacheListener NONE = new CacheListener() {};

  default void onHit() {}

  default void onMiss() {}

  default void onEviction() {}

  default void onInvalidationSent() {}

  default void onInvalidationReceived() {}

  default void onWriteBack() {}

  default void onTransition(MesiState from, MesiState to) {}
}
