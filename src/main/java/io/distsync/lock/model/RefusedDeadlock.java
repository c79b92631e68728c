package io.distsync.lock.model;

import java.util.List;

/**
 * An acquire refused with 409 {@code DEADLOCK}.
 *
 * @param at wall-clock time on this node when it applied the refusal (ms since the epoch)
 * @param resource the lock asked for
 * @param owner the refused requester (the victim)
 * @param cycle the owners on the cycle its wait would have closed
 */
public record RefusedDeadlock(long at, String resource, String owner, List<String> cycle) {}
