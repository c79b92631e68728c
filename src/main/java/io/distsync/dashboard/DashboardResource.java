package io.distsync.dashboard;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import io.distsync.security.Access;
import io.distsync.security.Requires;
import io.distsync.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /dashboard/events}: the dashboard's live stream, one {@code snapshot} event per second
 * (see {@link DashboardBroadcaster}).
 */
@Path("/dashboard")
@ApplicationScoped
@Requires(Role.READER)
public class DashboardResource {

  @Inject DashboardBroadcaster broadcaster;

  @GET
  @Path("/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(
      @Context SseEventSink sink, @Context Sse sse, @Context SecurityContext security) {
    // The stream shows names of every scope, as the listings do.
    Access.everyName(security);
    if (!broadcaster.join(sink, sse)) {
      throw new ApiException(
          ErrorCode.OVERLOADED,
          DashboardBroadcaster.MAX_VIEWERS
              + " dashboards are open on this node, the most it serves.");
    }
  }
}
