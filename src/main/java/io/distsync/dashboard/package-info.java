/**
 * The live cluster dashboard: static pages at {@code /dashboard/} ({@link
 * io.distsync.dashboard.DashboardFilesServlet}) fed by one server-sent-events stream, {@code GET
 * /dashboard/events} ({@link io.distsync.dashboard.DashboardResource}). One shared task on the
 * managed scheduler ({@link io.distsync.dashboard.DashboardBroadcaster}) builds a snapshot per
 * second while at least one page listens, so the cost does not grow with the number of viewers;
 * {@link io.distsync.dashboard.DashboardService} gathers it from what this node already knows and
 * from its peers' {@code GET /internal/dashboard/node} ({@link io.distsync.dashboard.PeerFigures}).
 * Every list the page shows is capped at {@link io.distsync.dashboard.DashboardService#LIMIT}
 * entries.
 */
package io.distsync.dashboard;
