package io.distsync.raft;

import java.util.EnumSet;
import java.util.Set;

/** Immutable tuning of a Raft node. Build with {@link #builder()}; defaults are the constants. */
public final class RaftConfig {
  public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 50;
  public static final long DEFAULT_ELECTION_TIMEOUT_MIN_MS = 300;
  public static final long DEFAULT_ELECTION_TIMEOUT_MAX_MS = 600;
  public static final int DEFAULT_MAX_ENTRIES_PER_APPEND = 128;
  public static final int DEFAULT_MAX_BYTES_PER_APPEND = 1024 * 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT_APPENDS = 4;
  public static final long DEFAULT_SNAPSHOT_THRESHOLD_ENTRIES = 10_000;
  public static final int DEFAULT_SNAPSHOT_CHUNK_BYTES = 256 * 1024;
  public static final long DEFAULT_PROPOSAL_TIMEOUT_MS = 5_000;
  public static final long DEFAULT_CATCH_UP_MAX_LAG_ENTRIES = 100;

  private final long heartbeatIntervalMs;
  private final long electionTimeoutMinMs;
  private final long electionTimeoutMaxMs;
  private final int maxEntriesPerAppend;
  private final int maxBytesPerAppend;
  private final int maxInFlightAppends;
  private final long snapshotThresholdEntries;
  private final int snapshotChunkBytes;
  private final long proposalTimeoutMs;
  private final long catchUpMaxLagEntries;
  private final boolean preVote;
  private final boolean checkQuorum;
  private final boolean leaderStickiness;
  private final Set<UnsafeRule> unsafeRules;

  private RaftConfig(Builder b) {
    if (b.heartbeatIntervalMs <= 0 || b.electionTimeoutMinMs <= b.heartbeatIntervalMs) {
      throw new IllegalArgumentException("need 0 < heartbeat < election timeout min");
    }
    if (b.electionTimeoutMaxMs <= b.electionTimeoutMinMs) {
      throw new IllegalArgumentException("election timeout max must exceed min");
    }
    if (b.maxEntriesPerAppend < 1
        || b.maxBytesPerAppend < 1
        || b.maxInFlightAppends < 1
        || b.snapshotThresholdEntries < 1
        || b.snapshotChunkBytes < 1
        || b.proposalTimeoutMs < 1
        || b.catchUpMaxLagEntries < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    heartbeatIntervalMs = b.heartbeatIntervalMs;
    electionTimeoutMinMs = b.electionTimeoutMinMs;
    electionTimeoutMaxMs = b.electionTimeoutMaxMs;
    maxEntriesPerAppend = b.maxEntriesPerAppend;
    maxBytesPerAppend = b.maxBytesPerAppend;
    maxInFlightAppends = b.maxInFlightAppends;
    snapshotThresholdEntries = b.snapshotThresholdEntries;
    snapshotChunkBytes = b.snapshotChunkBytes;
    proposalTimeoutMs = b.proposalTimeoutMs;
    catchUpMaxLagEntries = b.catchUpMaxLagEntries;
    preVote = b.preVote;
    checkQuorum = b.checkQuorum;
    leaderStickiness = b.leaderStickiness;
    unsafeRules = Set.copyOf(b.unsafeRules);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static RaftConfig defaults() {
    return builder().build();
  }

  public long heartbeatIntervalMs() {
    return heartbeatIntervalMs;
  }

  public long electionTimeoutMinMs() {
    return electionTimeoutMinMs;
  }

  public long electionTimeoutMaxMs() {
    return electionTimeoutMaxMs;
  }

  public int maxEntriesPerAppend() {
    return maxEntriesPerAppend;
  }

  public int maxBytesPerAppend() {
    return maxBytesPerAppend;
  }

  public int maxInFlightAppends() {
    return maxInFlightAppends;
  }

  public long snapshotThresholdEntries() {
    return snapshotThresholdEntries;
  }

  public int snapshotChunkBytes() {
    return snapshotChunkBytes;
  }

  public long proposalTimeoutMs() {
    return proposalTimeoutMs;
  }

  /** A learner may be promoted once its matchIndex is within this many entries of the leader's. */
  public long catchUpMaxLagEntries() {
    return catchUpMaxLagEntries;
  }

  public boolean preVote() {
    return preVote;
  }

  public boolean checkQuorum() {
    return checkQuorum;
  }

  public boolean leaderStickiness() {
    return leaderStickiness;
  }

  /** True when a test asked the engine to break {@code rule}. Always false in production. */
  public boolean breaks(UnsafeRule rule) {
    return unsafeRules.contains(rule);
  }

  public Set<UnsafeRule> unsafeRules() {
    return unsafeRules;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.heartbeatIntervalMs = heartbeatIntervalMs;
    b.electionTimeoutMinMs = electionTimeoutMinMs;
    b.electionTimeoutMaxMs = electionTimeoutMaxMs;
    b.maxEntriesPerAppend = maxEntriesPerAppend;
    b.maxBytesPerAppend = maxBytesPerAppend;
    b.maxInFlightAppends = maxInFlightAppends;
    b.snapshotThresholdEntries = snapshotThresholdEntries;
    b.snapshotChunkBytes = snapshotChunkBytes;
    b.proposalTimeoutMs = proposalTimeoutMs;
    b.catchUpMaxLagEntries = catchUpMaxLagEntries;
    b.preVote = preVote;
    b.checkQuorum = checkQuorum;
    b.leaderStickiness = leaderStickiness;
    b.unsafeRules =
        unsafeRules.isEmpty() ? EnumSet.noneOf(UnsafeRule.class) : EnumSet.copyOf(unsafeRules);
    return b;
  }

  @Override
  public String toString() {
    return "RaftConfig[heartbeat="
        + heartbeatIntervalMs
        + "ms, election="
        + electionTimeoutMinMs
        + "-"
        + electionTimeoutMaxMs
        + "ms, maxEntries="
        + maxEntriesPerAppend
        + ", maxBytes="
        + maxBytesPerAppend
        + ", inFlight="
        + maxInFlightAppends
        + ", snapshotThreshold="
        + snapshotThresholdEntries
        + ", chunk="
        + snapshotChunkBytes
        + ", proposalTimeout="
        + proposalTimeoutMs
        + "ms, preVote="
        + preVote
        + ", checkQuorum="
        + checkQuorum
        + ", stickiness="
        + leaderStickiness
        + ", unsafe="
        + unsafeRules
        + "]";
  }

  /** Mutable builder; every setter returns {@code this}. */
  public static final class Builder {
    private long heartbeatIntervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS;
    private long electionTimeoutMinMs = DEFAULT_ELECTION_TIMEOUT_MIN_MS;
    private long electionTimeoutMaxMs = DEFAULT_ELECTION_TIMEOUT_MAX_MS;
    private int maxEntriesPerAppend = DEFAULT_MAX_ENTRIES_PER_APPEND;
    private int maxBytesPerAppend = DEFAULT_MAX_BYTES_PER_APPEND;
    private int maxInFlightAppends = DEFAULT_MAX_IN_FLIGHT_APPENDS;
    private long snapshotThresholdEntries = DEFAULT_SNAPSHOT_THRESHOLD_ENTRIES;
    private int snapshotChunkBytes = DEFAULT_SNAPSHOT_CHUNK_BYTES;
    private long proposalTimeoutMs = DEFAULT_PROPOSAL_TIMEOUT_MS;
    private long catchUpMaxLagEntries = DEFAULT_CATCH_UP_MAX_LAG_ENTRIES;
    private boolean preVote = true;
    private boolean checkQuorum = true;
    private boolean leaderStickiness = true;
    private EnumSet<UnsafeRule> unsafeRules = EnumSet.noneOf(UnsafeRule.class);

    private Builder() {}

    public Builder heartbeatIntervalMs(long v) {
      heartbeatIntervalMs = v;
      return this;
    }

    /** Election timeouts are drawn uniformly from [min, max). */
    public Builder electionTimeoutMs(long min, long max) {
      electionTimeoutMinMs = min;
      electionTimeoutMaxMs = max;
      return this;
    }

    public Builder maxEntriesPerAppend(int v) {
      maxEntriesPerAppend = v;
      return this;
    }

    public Builder maxBytesPerAppend(int v) {
      maxBytesPerAppend = v;
      return this;
    }

    public Builder maxInFlightAppends(int v) {
      maxInFlightAppends = v;
      return this;
    }

    public Builder snapshotThresholdEntries(long v) {
      snapshotThresholdEntries = v;
      return this;
    }

    public Builder snapshotChunkBytes(int v) {
      snapshotChunkBytes = v;
      return this;
    }

    public Builder proposalTimeoutMs(long v) {
      proposalTimeoutMs = v;
      return this;
    }

    public Builder catchUpMaxLagEntries(long v) {
      catchUpMaxLagEntries = v;
      return this;
    }

    public Builder preVote(boolean v) {
      preVote = v;
      return this;
    }

    public Builder checkQuorum(boolean v) {
      checkQuorum = v;
      return this;
    }

    public Builder leaderStickiness(boolean v) {
      leaderStickiness = v;
      return this;
    }

    /**
     * <b>Test only.</b> Makes the engine deliberately break the given safety rules so tests can
     * prove the simulation's checkers catch the violation. Never call this in production code.
     */
    public Builder unsafeRulesForTesting(UnsafeRule... rules) {
      unsafeRules = EnumSet.noneOf(UnsafeRule.class);
      unsafeRules.addAll(java.util.Arrays.asList(rules));
      return this;
    }

    public RaftConfig build() {
      return new RaftConfig(this);
    }
  }
}
