package io.distsync.cache.mesi;

/** The four states of a cache line. {@link #INVALID} is the absence of a line. */
public enum MesiState {
  MODIFIED("M"),
  EXCLUSIVE("E"),
  SHARED("S"),
  INVALID("I");

  private final String letter;

  MesiState(String letter) {
    this.letter = letter;
  }

  /** M, E, S or I: the form used in metric tags and in {@code "I->E"} transition names. */
  public String letter() {
    return letter;
  }

  /** True for the states only one node may hold (and then no other node holds the key). */
  public boolean exclusive() {
    return this == MODIFIED || this == EXCLUSIVE;
  }
}
