package io.distsync.lock;

import io.distsync.lock.model.AcquireRequest;
import io.distsync.lock.model.LockGrant;
import io.distsync.lock.model.LockView;
import io.distsync.lock.model.ReleaseReply;
import io.distsync.lock.model.ReleaseRequest;
import io.distsync.lock.model.RenewReply;
import io.distsync.lock.model.RenewRequest;
import io.distsync.lock.model.WaitForGraph;
import io.distsync.overload.AddsState;
import io.distsync.paging.PageParams;
import io.distsync.security.Access;
import io.distsync.security.Requires;
import io.distsync.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The lock API; every node serves it (commands go to the Raft leader, reads use ReadIndex). */
@Path("/locks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Locks", description = "Shared and exclusive locks with fencing tokens and leases")
public class LockResource {

  @Inject LockService locks;

  @POST
  @Path("/acquire")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Acquires a lock, waiting in line up to waitMs",
      description =
          "200 with the grant; 409 LOCK_CONFLICT (with holders) when not granted within waitMs;"
              + " 409 DEADLOCK (with the cycle) when waiting would close a wait-for cycle;"
              + " 429 LIMIT_EXCEEDED when the lock's line is full (LOCK_MAX_WAITERS) or the owner"
              + " already holds or waits for LOCK_MAX_HELD_PER_OWNER locks (a reentrant acquire"
              + " or an upgrade never counts).")
  @APIResponse(
      responseCode = "200",
      description = "Granted",
      content = @Content(schema = @Schema(implementation = LockGrant.class)))
  @APIResponse(responseCode = "400", ref = "InvalidRequest")
  @APIResponse(responseCode = "429", ref = "LimitExceeded")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @AddsState
  @Requires(Role.CLIENT)
  public CompletionStage<LockGrant> acquire(
      AcquireRequest request, @Context SecurityContext security) {
    if (request != null && request.resource() != null) {
      Access.name(security, request.resource());
    }
    return locks.acquire(request);
  }

  @POST
  @Path("/release")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Releases one hold; 404 NOT_HELD, 409 STALE_TOKEN")
  @Requires(Role.CLIENT)
  public CompletionStage<ReleaseReply> release(
      ReleaseRequest request, @Context SecurityContext security) {
    if (request != null && request.resource() != null) {
      Access.name(security, request.resource());
    }
    return locks.release(request);
  }

  @POST
  @Path("/renew")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Extends the owner's lease; 404 NOT_HELD")
  @Requires(Role.CLIENT)
  public CompletionStage<RenewReply> renew(
      RenewRequest request, @Context SecurityContext security) {
    if (request != null && request.resource() != null) {
      Access.name(security, request.resource());
    }
    return locks.renew(request);
  }

  @GET
  @Operation(
      summary = "One page of the held or awaited locks, in resource order (linearizable read)",
      description =
          "A JSON array of at most limit locks. When more follow, the Next-Cursor header holds"
              + " the cursor of the next page and the Link header (rel=\"next\") its URL; the"
              + " last page has neither.")
  @APIResponse(
      responseCode = "200",
      description = "One page of locks",
      headers = {
        @Header(
            name = "Next-Cursor",
            description = "The cursor of the next page; absent on the last page",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Link",
            description = "<url of the next page>; rel=\"next\", absent on the last page",
            schema = @Schema(type = SchemaType.STRING))
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = LockView.class)))
  @APIResponse(responseCode = "400", ref = "InvalidRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @Requires(Role.READER)
  public CompletionStage<Response> all(
      @BeanParam PageParams page, @Context UriInfo uri, @Context SecurityContext security) {
    Access.everyName(security);
    URI request = uri.getRequestUri(); // on the request's thread; the page comes on another
    return locks.locks(page.toRequest()).thenApply(p -> p.toResponse(request));
  }

  @GET
  @Path("/wait-for")
  @Operation(summary = "The wait-for graph between owners and its cycles")
  @Requires(Role.READER)
  public CompletionStage<WaitForGraph> waitFor(@Context SecurityContext security) {
    Access.everyName(security);
    return locks.waitFor();
  }

  @GET
  @Path("/{resource: .+}")
  @Operation(summary = "One lock (empty holders when free; linearizable read)")
  @Requires(Role.READER)
  public CompletionStage<LockView> one(
      @PathParam("resource") String resource, @Context SecurityContext security) {
    Access.name(security, resource);
    return locks.lock(resource);
  }
}
