package io.distsync.dashboard.model;

/**
 * One member as the node serving the dashboard sees it.
 *
 * @param up whether it answered within the last {@code DashboardService.DOWN_AFTER_MS}
 * @param lastContactMs ms since its last answer, -1 if it never answered
 * @param figures its last answer, null if none
 */
public record NodeView(
    String nodeId, String url, boolean up, long lastContactMs, NodeFigures figures) {}
