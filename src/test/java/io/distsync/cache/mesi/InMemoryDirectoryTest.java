package io.distsync.cache.mesi;

/** The directory contract on the simulation's in-memory model. */
class InMemoryDirectoryTest extends DirectoryContract {

  @Override
  protected Directory directory() {
    return new InMemoryDirectory(() -> 0L);
  }
}
