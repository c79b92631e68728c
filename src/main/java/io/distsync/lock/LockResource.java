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

/** The lock API; every node serves it (commands go to the Raft leader, reads use ReadIndex). */
@Path("/locks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class LockResource {

  @Inject LockService locks;

  @POST
  @Path("/acquire")
  @Consumes(MediaType.APPLICATION_JSON)
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
  @Requires(Role.CLIENT)
  public CompletionStage<RenewReply> renew(
      RenewRequest request, @Context SecurityContext security) {
    if (request != null && request.resource() != null) {
      Access.name(security, request.resource());
    }
    return locks.renew(request);
  }

  @GET
  @Requires(Role.READER)
  public CompletionStage<Response> all(
      @BeanParam PageParams page, @Context UriInfo uri, @Context SecurityContext security) {
    Access.everyName(security);
    URI request = uri.getRequestUri(); // on the request's thread; the page comes on another
    return locks.locks(page.toRequest()).thenApply(p -> p.toResponse(request));
  }

  @GET
  @Path("/wait-for")
  @Requires(Role.READER)
  public CompletionStage<WaitForGraph> waitFor(@Context SecurityContext security) {
    Access.everyName(security);
    return locks.waitFor();
  }

  @GET
  @Path("/{resource: .+}")
  @Requires(Role.READER)
  public CompletionStage<LockView> one(
      @PathParam("resource") String resource, @Context SecurityContext security) {
    Access.name(security, resource);
    return locks.lock(resource);
  }
}
