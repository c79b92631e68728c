package io.distsync.cluster.channel;

/** The services on the channel; the numbers are part of the wire format: never renumber. */
public final class Services {
  /** Raft's own messages (one-way). */
  public static final int RAFT = 1;

  /** A proposal a follower forwards to the leader (a call, answered once applied). */
  public static final int FORWARD = 2;

  /** Cache coherence messages: downgrades and invalidations (calls). */
  public static final int CACHE = 3;

  static final int COUNT = 8;

  private Services() {}
}
