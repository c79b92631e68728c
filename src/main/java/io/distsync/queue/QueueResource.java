package io.distsync.queue;

import io.distsync.error.ApiException;
import io.distsync.overload.AddsState;
import io.distsync.paging.Page;
import io.distsync.paging.PageParams;
import io.distsync.queue.model.AckReply;
import io.distsync.queue.model.AckRequest;
import io.distsync.queue.model.ConsumeReply;
import io.distsync.queue.model.ConsumeRequest;
import io.distsync.queue.model.DeadLettersReply;
import io.distsync.queue.model.NackReply;
import io.distsync.queue.model.NackRequest;
import io.distsync.queue.model.ProduceReply;
import io.distsync.queue.model.PurgeReply;
import io.distsync.queue.model.QueueStats;
import io.distsync.queue.model.RedriveReply;
import io.distsync.queue.model.RedriveRequest;
import io.distsync.queue.model.RingView;
import io.distsync.security.Access;
import io.distsync.security.Audited;
import io.distsync.security.Requires;
import io.distsync.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
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
 * The queue API (contract, Queues). Thin: checks come from {@link QueueRequests}, the work from the
 * services. Queue names may contain {@code /}, hence the {@code .+} templates; {@code /queues/ring}
 * is the ring, not a queue's figures.
 */
@Path("/queues")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queues", description = "Reliable queues on Redis")
public class QueueResource {
  private static final String QUEUE = "/{queue: .+}";

  @Inject QueueService queues;
  @Inject ConsumeService consumer;
  @Inject DeadLetterService deadLetters;
  @Inject RingService ring;

  @POST
  @Path(QUEUE + "/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Produces one message or a batch of up to 1000",
      description =
          "201 once Redis holds every message. A message's key picks its partition on the"
              + " consistent-hash ring (round robin without a key).")
  @RequestBody(content = @Content(schema = @Schema(ref = "ProduceRequest")))
  @APIResponse(
      responseCode = "201",
      description = "Enqueued",
      content = @Content(schema = @Schema(implementation = ProduceReply.class)))
  @APIResponse(responseCode = "400", ref = "InvalidRequest")
  @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
  @APIResponse(responseCode = "429", ref = "LimitExceeded")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  @AddsState
  @Requires(Role.CLIENT)
  public Response produce(
      @PathParam("queue") String queue, String body, @Context SecurityContext security) {
    Access.name(security, queue);
    ProduceReply reply = queues.produce(queue, QueueRequests.object(parse(body)));
    return Response.status(Response.Status.CREATED).entity(reply).build();
  }

  @POST
  @Path(QUEUE + "/consume")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Receives up to max messages; waitMs long-polls",
      description =
          "Each message stays invisible to others for visibilityMs unless acked; then it is"
              + " delivered again, and after QUEUE_MAX_DELIVERIES deliveries it is a dead letter."
              + " The receipts in ack (optional, up to 1000) are acknowledged first, in the same"
              + " Redis call, so a worker loop is one request per message; acked in the answer"
              + " counts those that acknowledged a delivery.")
  @AddsState
  @Requires(Role.CLIENT)
  public CompletionStage<ConsumeReply> consume(
      @PathParam("queue") String queue, ConsumeRequest request, @Context SecurityContext security) {
    Access.name(security, queue);
    return consumer.consume(queue, request);
  }

  @POST
  @Path(QUEUE + "/ack")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Acknowledges deliveries by receipt; stale receipts count for nothing")
  @Requires(Role.CLIENT)
  public AckReply ack(
      @PathParam("queue") String queue, AckRequest request, @Context SecurityContext security) {
    Access.name(security, queue);
    return queues.ack(queue, request);
  }

  @POST
  @Path(QUEUE + "/nack")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Gives deliveries back for redelivery, after delayMs")
  @Requires(Role.CLIENT)
  public NackReply nack(
      @PathParam("queue") String queue, NackRequest request, @Context SecurityContext security) {
    Access.name(security, queue);
    return queues.nack(queue, request);
  }

  @GET
  @Path(QUEUE + "/dead-letters")
  @Operation(summary = "The dead letters, oldest first")
  @Requires(Role.READER)
  public DeadLettersReply deadLetters(
      @PathParam("queue") String queue,
      @QueryParam("limit") @DefaultValue("100") String limit,
      @Context SecurityContext security) {
    Access.name(security, queue);
    // Read as text: a query parameter JAX-RS cannot convert would be a 404, not the contract's 400.
    int n;
    try {
      n = Integer.parseInt(limit.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid("limit must be an integer between 1 and " + Limits.MAX_LIST);
    }
    return deadLetters.list(queue, n);
  }

  @POST
  @Path(QUEUE + "/dead-letters/redrive")
  @Operation(
      summary = "Moves dead letters (all, or the ids given) back to ready",
      description = "The body is optional: without one (or without ids), every dead letter.")
  @RequestBody(
      required = false,
      content = @Content(schema = @Schema(implementation = RedriveRequest.class)))
  @Requires(Role.ADMIN)
  @Audited
  public RedriveReply redrive(
      @PathParam("queue") String queue, String body, @Context SecurityContext security) {
    Access.name(security, queue);
    // The body is optional, so it is read here: a request without one has no media type either.
    return deadLetters.redrive(
        queue, body == null || body.isBlank() ? null : redriveRequest(parse(body)));
  }

  private static RedriveRequest redriveRequest(JsonValue body) {
    if (body.getValueType() != JsonValue.ValueType.OBJECT) {
      throw ApiException.invalid("the body must be {\"ids\": [...]} or empty");
    }
    JsonValue ids = body.asJsonObject().get("ids");
    if (ids == null || ids.getValueType() == JsonValue.ValueType.NULL) {
      return new RedriveRequest(null);
    }
    if (ids.getValueType() != JsonValue.ValueType.ARRAY
        || !ids.asJsonArray().stream().allMatch(v -> v instanceof jakarta.json.JsonString)) {
      throw ApiException.invalid("ids must be an array of message ids");
    }
    return new RedriveRequest(ids.asJsonArray().getValuesAs(jakarta.json.JsonString::getString));
  }

  @GET
  @Operation(
      summary = "Figures of one page of queues, in name order",
      description =
          "At most limit queues (default 100, up to 1000) after the cursor. When more follow, the"
              + " Next-Cursor header (and a Link header with rel=\"next\") names the cursor of"
              + " the next page; the last page has neither.")
  @APIResponse(
      responseCode = "200",
      description = "One page",
      headers = {
        @Header(name = Page.NEXT_CURSOR, description = "cursor of the next page, if any"),
        @Header(name = "Link", description = "RFC 8288 link to the next page (rel=\"next\")")
      },
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = QueueStats.class)))
  @APIResponse(responseCode = "400", description = "INVALID_REQUEST: a bad limit or cursor")
  @Requires(Role.READER)
  public Response all(
      @BeanParam PageParams page, @Context UriInfo uri, @Context SecurityContext security) {
    Access.everyName(security);
    return queues.page(page.toRequest()).toResponse(uri);
  }

  @GET
  @Path("/ring")
  @Operation(
      summary = "The hash ring: which live node owns which partitions, which shard stores them",
      description =
          "Lists the partitions of one page of queues (limit, cursor as for GET /queues), or of"
              + " the one queue given as ?queue=; nextCursor names the next page.")
  @Requires(Role.READER)
  public RingView ring(
      @BeanParam PageParams page,
      @QueryParam("queue") String queue,
      @Context SecurityContext security) {
    if (queue != null) {
      Access.name(security, queue);
    }
    return ring.view(page.toRequest(), queue);
  }

  @DELETE
  @Path(QUEUE)
  @Operation(
      summary = "Deletes a queue and every message of it",
      description =
          "Ready, delayed, in-flight and dead messages are dropped; receipts of deliveries in"
              + " flight ack nothing afterwards. A produce during or after the delete makes the"
              + " queue again. Deduplication ids of the deleted queue no longer match.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "NOT_FOUND: no such queue")
  @Requires(Role.ADMIN)
  @Audited
  public Response delete(@PathParam("queue") String queue, @Context SecurityContext security) {
    Access.name(security, queue);
    queues.drop(queue, true);
    return Response.noContent().build();
  }

  @POST
  @Path(QUEUE + "/purge")
  @Operation(
      summary = "Drops every message of a queue and keeps the queue",
      description =
          "Ready, delayed, in-flight and dead messages are dropped; receipts of deliveries in"
              + " flight ack nothing afterwards. Totals (produced, acked) and deduplication ids"
              + " are kept.")
  @APIResponse(
      responseCode = "200",
      description = "Purged",
      content = @Content(schema = @Schema(implementation = PurgeReply.class)))
  @APIResponse(responseCode = "404", description = "NOT_FOUND: no such queue")
  @Requires(Role.ADMIN)
  @Audited
  public PurgeReply purge(@PathParam("queue") String queue, @Context SecurityContext security) {
    Access.name(security, queue);
    return new PurgeReply(queue, queues.drop(queue, false));
  }

  @GET
  @Path(QUEUE)
  @Operation(summary = "Figures of one queue")
  @Requires(Role.READER)
  public QueueStats stats(@PathParam("queue") String queue, @Context SecurityContext security) {
    Access.name(security, queue);
    return queues.stats(queue);
  }

  private static JsonValue parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.invalid("the body must be a JSON object with payload or messages");
    }
    try (JsonReader r = ConsumeService.READERS.createReader(new StringReader(body))) {
      return r.readValue();
    } catch (JsonException e) {
      String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw ApiException.invalid(
          "Malformed JSON body: " + (m.length() > 200 ? m.substring(0, 200) : m));
    }
  }
}
