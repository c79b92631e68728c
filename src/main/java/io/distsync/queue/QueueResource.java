package io.distsync.queue;

import io.distsync.error.ApiException;
import io.distsync.overload.AddsState;
import io.distsync.paging.PageParams;
import io.distsync.queue.model.AckReply;
import io.distsync.queue.model.AckRequest;
import io.distsync.queue.model.ConsumeReply;
import io.distsync.queue.model.ConsumeRequest;
import io.distsync.queue.model.DeadLettersReply;
import io.distsync.queue.model.ExtendReply;
import io.distsync.queue.model.ExtendRequest;
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

/**
 * The queue API (contract, Queues). Thin: checks come from {@link QueueRequests}, the work from the
 * services. Queue names may contain {@code /}, hence the {@code .+} templates; {@code /queues/ring}
 * is the ring, not a queue's figures.
 */
@Path("/queues")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {
  private static final String QUEUE = "/{queue: .+}";

  @Inject QueueService queues;
  @Inject ConsumeService consumer;
  @Inject DeadLetterService deadLetters;
  @Inject RingService ring;

  @POST
  @Path(QUEUE + "/messages")
  @Consumes(MediaType.APPLICATION_JSON)
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
  @Requires(Role.CLIENT)
  public AckReply ack(
      @PathParam("queue") String queue, AckRequest request, @Context SecurityContext security) {
    Access.name(security, queue);
    return queues.ack(queue, request);
  }

  @POST
  @Path(QUEUE + "/nack")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.CLIENT)
  public NackReply nack(
      @PathParam("queue") String queue, NackRequest request, @Context SecurityContext security) {
    Access.name(security, queue);
    return queues.nack(queue, request);
  }

  @POST
  @Path(QUEUE + "/extend")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.CLIENT)
  public ExtendReply extend(
      @PathParam("queue") String queue, ExtendRequest request, @Context SecurityContext security) {
    Access.name(security, queue);
    return queues.extend(queue, request);
  }

  @GET
  @Path(QUEUE + "/dead-letters")
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
  @Requires(Role.READER)
  public Response all(
      @BeanParam PageParams page, @Context UriInfo uri, @Context SecurityContext security) {
    Access.everyName(security);
    return queues.page(page.toRequest()).toResponse(uri);
  }

  @GET
  @Path("/ring")
  @Requires(Role.READER)
  public RingView ring(
      @BeanParam PageParams page,
      @QueryParam("queue") String queue,
      @Context SecurityContext security) {
    if (queue != null) {
      Access.name(security, queue);
    } else {
      Access.everyName(security); // the page lists queues of every scope
    }
    return ring.view(page.toRequest(), queue);
  }

  @DELETE
  @Path(QUEUE)
  @Requires(Role.ADMIN)
  @Audited
  public Response delete(@PathParam("queue") String queue, @Context SecurityContext security) {
    Access.name(security, queue);
    queues.drop(queue, true);
    return Response.noContent().build();
  }

  @POST
  @Path(QUEUE + "/purge")
  @Requires(Role.ADMIN)
  @Audited
  public PurgeReply purge(@PathParam("queue") String queue, @Context SecurityContext security) {
    Access.name(security, queue);
    return new PurgeReply(queue, queues.drop(queue, false));
  }

  @GET
  @Path(QUEUE)
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
