package io.distsync.lock.model;

/**
 * {@code waiter} cannot be granted {@code resource} before {@code holder} lets go: it holds the
 * lock in a conflicting mode, or is ahead in line with a conflicting request.
 */
public record WaitForEdge(String waiter, String holder, String resource) {}
