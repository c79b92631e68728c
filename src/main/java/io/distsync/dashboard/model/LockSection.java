package io.distsync.dashboard.model;

import io.distsync.lock.model.LockView;
import io.distsync.lock.model.RefusedDeadlock;
import io.distsync.lock.model.WaitForGraph;
import java.util.List;

/**
 * The locks held or awaited (the first ones in name order), the wait-for graph and the latest
 * refused deadlocks.
 *
 * @param more whether there are locks beyond those listed
 * @param at when this section was read (ms since the epoch)
 * @param error why the last read failed (no quorum), null when it succeeded
 */
public record LockSection(
    List<LockView> locks,
    boolean more,
    WaitForGraph waitFor,
    List<RefusedDeadlock> refused,
    long at,
    String error) {}
