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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
              + " 409 DEADLOCK (with the cycle) when waiting would close a wait-for cycle.")
  @AddsState
  public CompletionStage<LockGrant> acquire(AcquireRequest request) {
    return locks.acquire(request);
  }

  @POST
  @Path("/release")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Releases one hold; 404 NOT_HELD, 409 STALE_TOKEN")
  public CompletionStage<ReleaseReply> release(ReleaseRequest request) {
    return locks.release(request);
  }

  @POST
  @Path("/renew")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Extends the owner's lease; 404 NOT_HELD")
  public CompletionStage<RenewReply> renew(RenewRequest request) {
    return locks.renew(request);
  }

  @GET
  @Operation(summary = "Every held or awaited lock (linearizable read)")
  public CompletionStage<List<LockView>> all() {
    return locks.locks();
  }

  @GET
  @Path("/wait-for")
  @Operation(summary = "The wait-for graph between owners and its cycles")
  public CompletionStage<WaitForGraph> waitFor() {
    return locks.waitFor();
  }

  @GET
  @Path("/{resource: .+}")
  @Operation(summary = "One lock (empty holders when free; linearizable read)")
  public CompletionStage<LockView> one(@PathParam("resource") String resource) {
    return locks.lock(resource);
  }
}
