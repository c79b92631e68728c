package io.distsync.lock.model;

/** {@code POST /locks/release}; with a token, the release is refused unless it is current. */
public record ReleaseRequest(String resource, String owner, Long fencingToken) {}
