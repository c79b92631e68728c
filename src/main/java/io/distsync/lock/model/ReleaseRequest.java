package io.distsync.lock.model;

/**
 * {@code POST /locks/release}; with a token, the release is refused unless it is current; a retry
 * with the same {@code requestId} gets the first answer.
 */
public record ReleaseRequest(String resource, String owner, Long fencingToken, String requestId) {}
