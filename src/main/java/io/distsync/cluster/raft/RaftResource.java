package io.distsync.cluster.raft;

import io.distsync.cluster.raft.model.LeaderView;
import io.distsync.cluster.raft.model.LogEntryView;
import io.distsync.cluster.raft.model.MemberRequest;
import io.distsync.cluster.raft.model.MembersReply;
import io.distsync.cluster.raft.model.NoopReply;
import io.distsync.cluster.raft.model.NoopRequest;
import io.distsync.cluster.raft.model.StatusView;
import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import io.distsync.overload.AddsState;
import io.distsync.raft.RaftStatus;
import io.distsync.security.Audited;
import io.distsync.security.Requires;
import io.distsync.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The public view of the Raft group: leader, status, log, membership, and a no-op proposal. */
@Path("/raft")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class RaftResource {
  private static final int MAX_LOG_PAGE = 1000;

  @Inject RaftService raft;

  @GET
  @Path("/leader")
  @Requires(Role.READER)
  public LeaderView leader() {
    RaftStatus s = raft.node().status();
    return RaftViews.leader(
        s,
        s.leaderId() == null
            ? java.util.Optional.empty()
            : raft.addressOf(s.leaderId()).map(URI::toString));
  }

  @GET
  @Path("/status")
  @Requires(Role.READER)
  public StatusView status() {
    return RaftViews.status(raft.node().status());
  }

  @GET
  @Path("/log")
  @Requires(Role.ADMIN)
  @Audited
  public CompletionStage<List<LogEntryView>> log(
      @QueryParam("from") @DefaultValue("1") String fromText,
      @QueryParam("limit") @DefaultValue("100") String limitText) {
    // Read as text: a value JAX-RS cannot convert would be a 404, not the contract's 400.
    long from = number(fromText, "from must be a number, 1 or more");
    long limit = number(limitText, "limit must be a number between 1 and " + MAX_LOG_PAGE);
    if (from < 1) {
      throw ApiException.invalid("from must be 1 or more");
    }
    if (limit < 1 || limit > MAX_LOG_PAGE) {
      throw ApiException.invalid("limit must be between 1 and " + MAX_LOG_PAGE);
    }
    return raft.node()
        .logEntries(from, (int) limit)
        .thenApply(entries -> entries.stream().map(RaftViews::entry).toList());
  }

  private static long number(String text, String message) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(message);
    }
  }

  @POST
  @Path("/noop")
  @Consumes(MediaType.APPLICATION_JSON)
  @AddsState
  @Requires(Role.ADMIN)
  @Audited
  public CompletionStage<NoopReply> noop(NoopRequest request) {
    String tag = request == null || request.tag() == null ? "" : request.tag();
    if (tag.length() > 256) {
      throw ApiException.invalid("tag must be at most 256 characters");
    }
    return raft.propose(CommandStateMachine.NOOP + tag)
        .thenApply(a -> new NoopReply(a.index(), a.term(), a.leaderId(), tag));
  }

  @POST
  @Path("/leadership/transfer")
  @Requires(Role.ADMIN)
  @Audited
  public CompletionStage<LeaderView> transferLeadership() {
    return raft.handOverLeadership().thenApply(ignored -> leader());
  }

  @POST
  @Path("/members")
  @Consumes(MediaType.APPLICATION_JSON)
  @Requires(Role.ADMIN)
  @Audited
  public CompletionStage<MembersReply> addMember(MemberRequest request) {
    return raft.membership().add(request, true);
  }

  @DELETE
  @Path("/members/{id}")
  @Requires(Role.ADMIN)
  @Audited
  public CompletionStage<MembersReply> removeMember(@PathParam("id") String id) {
    if (raft.node().status().members().stream().noneMatch(m -> m.id().equals(id))) {
      throw new ApiException(ErrorCode.NOT_FOUND, id + " is not a member");
    }
    return raft.membership().remove(id, true);
  }
}
