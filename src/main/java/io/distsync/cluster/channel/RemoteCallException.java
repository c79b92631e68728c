package io.distsync.cluster.channel;

/**
 * A call the peer received and answered with an error: {@code code} says which (the services define
 * their codes, for instance {@code NOT_LEADER}). Travels both ways: a handler fails its reply with
 * it, and the caller's future fails with it.
 */
public final class RemoteCallException extends RuntimeException {
  private final String code;

  public RemoteCallException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
