package io.distsync.cache;

import io.distsync.cache.model.InvalidateReply;
import io.distsync.cache.model.InvalidateRequest;
import io.distsync.cache.model.LineView;
import io.distsync.cache.model.PutReply;
import io.distsync.error.ApiException;
import io.distsync.overload.AddsState;
import io.distsync.paging.Page;
import io.distsync.paging.PageParams;
import io.distsync.security.Access;
import io.distsync.security.Audited;
import io.distsync.security.Requires;
import io.distsync.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletionStage;

/**
 * The cache's public API: read, write and delete a key, invalidate copies, and this node's state. A
 * key holds any JSON value; the coherence promise is that once a write or delete has returned on
 * any node, no node returns the older value.
 */
@Path("/cache")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CacheResource {

  @Inject CacheService cache;

  /**
   * The operation's answer as a response: 200 with {@code ok}'s body of its value, or the
   * contract's error for its failure ({@link CacheErrors#response}). A stage that fails would
   * answer the same through the exception mappers, but RESTEasy logs every such failure as an error
   * with its stack trace, and a 404 for a missing key is no error.
   */
  private static <T> CompletionStage<Response> answer(
      CompletionStage<T> op, java.util.function.Function<T, Response> ok) {
    return op.handle(
        (value, failure) -> failure == null ? ok.apply(value) : CacheErrors.response(failure));
  }

  @GET
  @Path("/state")
  @Requires(Role.READER)
  public Response state(
      @BeanParam PageParams page, @Context UriInfo uri, @Context SecurityContext security) {
    Access.everyName(security);
    Page<LineView> lines = cache.lines(page.toRequest());
    return lines.withNext(Response.ok(cache.state(lines)), uri.getRequestUri()).build();
  }

  @POST
  @Path("/invalidate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.CLIENT)
  @Audited // invalidating every key is an admin action
  public CompletionStage<Response> invalidate(
      InvalidateRequest request, @Context SecurityContext security) {
    if (request == null || request.key() == null) {
      throw ApiException.invalid("key is required (a key, or \"*\" for every key)");
    }
    String key = CacheRequests.keyOrAll(request.key());
    if (key.equals("*")) {
      Access.role(security, Role.ADMIN, "Invalidating every key");
      Access.everyName(security); // every key includes keys outside a scoped token's names
    } else {
      Access.name(security, key);
    }
    return answer(cache.invalidate(key), v -> Response.ok(new InvalidateReply(key, true)).build());
  }

  @GET
  @Path("/{key: .+}")
  @Requires(Role.READER)
  public CompletionStage<Response> get(
      @PathParam("key") String key, @Context SecurityContext security) {
    Access.name(security, key);
    return answer(
        cache.get(CacheRequests.key(key)),
        r ->
            Response.ok(
                    CacheRequests.readJson(
                        r.key(), r.value(), r.version(), r.state().name(), r.source().wire()))
                .build());
  }

  @PUT
  @Path("/{key: .+}")
  @Consumes(MediaType.APPLICATION_JSON)
  @AddsState
  @Requires(Role.CLIENT)
  public CompletionStage<Response> put(
      @PathParam("key") String key, String body, @Context SecurityContext security) {
    Access.name(security, key);
    String k = CacheRequests.key(key);
    CacheRequests.PutBody put = CacheRequests.putBody(body);
    return answer(
        cache.put(k, put.json(), put.ttlMs()),
        w -> Response.ok(new PutReply(w.key(), w.version(), w.state().name())).build());
  }

  @DELETE
  @Path("/{key: .+}")
  @Requires(Role.CLIENT)
  public CompletionStage<Response> delete(
      @PathParam("key") String key, @Context SecurityContext security) {
    Access.name(security, key);
    return answer(cache.delete(CacheRequests.key(key)), v -> Response.noContent().build());
  }
}
