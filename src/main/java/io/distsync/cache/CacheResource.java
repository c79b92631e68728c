package io.distsync.cache;

import io.distsync.cache.model.CacheStateView;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The cache's public API: read, write and delete a key, invalidate copies, and this node's state. A
 * key holds any JSON value; the coherence promise is that once a write or delete has returned on
 * any node, no node returns the older value.
 */
@Path("/cache")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cache", description = "The MESI-coherent cache, Redis as memory")
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
  @Operation(
      summary =
          "This node's cache: policy, capacity, one page of its lines (state, version), stats",
      description =
          "lines holds at most limit lines in key order; size counts every line. When more"
              + " follow, nextCursor (null on the last page) and the Next-Cursor header hold the"
              + " cursor of the next page, and the Link header (rel=\"next\") its URL.")
  @APIResponse(
      responseCode = "200",
      description = "This node's cache",
      headers = {
        @Header(
            name = "Next-Cursor",
            description = "The cursor of the next page of lines; absent on the last page",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Link",
            description = "<url of the next page>; rel=\"next\", absent on the last page",
            schema = @Schema(type = SchemaType.STRING))
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CacheStateView.class)))
  @APIResponse(responseCode = "400", ref = "InvalidRequest")
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
  @Operation(
      summary = "Every node drops its copies of a key (\"*\": of every key); Redis keeps the value")
  @APIResponse(
      responseCode = "200",
      description = "Every node has dropped its copies",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InvalidateReply.class)))
  @APIResponse(responseCode = "400", ref = "InvalidRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
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
    } else {
      Access.name(security, key);
    }
    return answer(cache.invalidate(key), v -> Response.ok(new InvalidateReply(key, true)).build());
  }

  @GET
  @Path("/{key: .+}")
  @Operation(summary = "Reads a key: from this node's line (source local), another node or Redis")
  @APIResponse(
      responseCode = "200",
      description = "{key, value, version, state, source}",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CacheEntry")))
  @APIResponse(responseCode = "404", description = "NOT_FOUND: the key has no value")
  @APIResponse(responseCode = "400", ref = "InvalidRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
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
  @Operation(
      summary =
          "Writes a key; returns once every other copy is invalidated (and, write-through, once"
              + " Redis holds the value)")
  @RequestBody(
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CachePut")))
  @APIResponse(
      responseCode = "200",
      description = "{key, version, state}: the write's version and the writer's line state",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PutReply.class)))
  @APIResponse(responseCode = "400", ref = "InvalidRequest")
  @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
  @APIResponse(responseCode = "503", ref = "Unavailable")
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
  @Operation(summary = "Deletes a key from every node and from Redis")
  @APIResponse(responseCode = "204", description = "Gone everywhere")
  @APIResponse(responseCode = "400", ref = "InvalidRequest")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @Requires(Role.CLIENT)
  public CompletionStage<Response> delete(
      @PathParam("key") String key, @Context SecurityContext security) {
    Access.name(security, key);
    return answer(cache.delete(CacheRequests.key(key)), v -> Response.noContent().build());
  }
}
