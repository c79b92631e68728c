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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public view of the Raft group: leader, status, log, membership, and a no-op proposal. */
@Path("/raft")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Raft", description = "The consensus group behind the locks")
public class RaftResource {
  private static final int MAX_LOG_PAGE = 1000;

  @Inject RaftService raft;

  @GET
  @Path("/leader")
  @Operation(summary = "The leader this node knows of, and this node's role and term")
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
  @Operation(
      summary = "This node's Raft state and, on the leader, each member's replication progress")
  @Requires(Role.READER)
  public StatusView status() {
    return RaftViews.status(raft.node().status());
  }

  @GET
  @Path("/log")
  @Operation(summary = "Entries of this node's log, from an index")
  @Requires(Role.ADMIN)
  @Audited
  public CompletionStage<List<LogEntryView>> log(
      @QueryParam("from") @DefaultValue("1") long from,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (from < 1) {
      throw ApiException.invalid("from must be 1 or more");
    }
    if (limit < 1 || limit > MAX_LOG_PAGE) {
      throw ApiException.invalid("limit must be between 1 and " + MAX_LOG_PAGE);
    }
    return raft.node()
        .logEntries(from, limit)
        .thenApply(entries -> entries.stream().map(RaftViews::entry).toList());
  }

  @POST
  @Path("/noop")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Commits a no-op command carrying a tag; answers once it is applied")
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
  @Operation(
      summary =
          "If this node leads, hands leadership to the most caught-up voter (before stopping it)")
  @Requires(Role.ADMIN)
  @Audited
  public CompletionStage<LeaderView> transferLeadership() {
    return raft.handOverLeadership().thenApply(ignored -> leader());
  }

  @POST
  @Path("/members")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Adds a member: a learner first, a voter once it has caught up")
  @Requires(Role.ADMIN)
  @Audited
  public CompletionStage<MembersReply> addMember(MemberRequest request) {
    return raft.membership().add(request, true);
  }

  @DELETE
  @Path("/members/{id}")
  @Operation(summary = "Removes a member; a leader that removes itself steps down")
  @Requires(Role.ADMIN)
  @Audited
  public CompletionStage<MembersReply> removeMember(@PathParam("id") String id) {
    if (raft.node().status().members().stream().noneMatch(m -> m.id().equals(id))) {
      throw new ApiException(ErrorCode.NOT_FOUND, id + " is not a member");
    }
    return raft.membership().remove(id, true);
  }
}
