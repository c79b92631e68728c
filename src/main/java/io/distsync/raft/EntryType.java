package io.distsync.raft;

/** The kinds of log entry. The numeric codes are part of the on-disk format: never renumber. */
public enum EntryType {
  /**
   * Appended by a new leader at the start of its term so entries of earlier terms can commit
   * (§5.4.2, §8).
   */
  NOOP(0),
  /** A state machine command. */
  COMMAND(1),
  /** A membership change; the payload is an encoded {@link Membership}. */
  CONFIGURATION(2);

  private final int code;

  EntryType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static EntryType fromCode(int code) {
    for (EntryType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown entry type code " + code);
  }
}
