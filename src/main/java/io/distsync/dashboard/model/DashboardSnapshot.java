package io.distsync.dashboard.model;

import java.util.List;

/**
 * One event of {@code GET /dashboard/events}: everything the page shows.
 *
 * @param nodeId the node serving the page
 * @param limit the most locks, queues and cache keys listed
 * @param leaders the latest leader changes seen, newest first
 */
public record DashboardSnapshot(
    String nodeId,
    long at,
    int limit,
    List<NodeView> nodes,
    List<LeaderChange> leaders,
    LockSection locks,
    QueueSection queues) {}
