package io.distsync.security;

/**
 * A bearer token that does not authenticate its sender. The reason goes to the audit log only: the
 * client is told 401 and nothing about why the token failed.
 */
public class TokenRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public TokenRejectedException(String reason) {
    super(reason);
  }
}
