package io.distsync.cluster.raft;

import io.distsync.cluster.raft.model.Applied;
import io.distsync.cluster.raft.model.ForwardedProposal;
import io.distsync.cluster.raft.model.MemberRequest;
import io.distsync.cluster.raft.model.MembersReply;
import io.distsync.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Node-to-node Raft endpoints (the server side of {@link RaftPeerApi}); the cluster secret guards
 * them ({@link io.distsync.cluster.ClusterSecretFilter}) and they are not in the public OpenAPI.
 */
@Path("/internal/raft")
@ApplicationScoped
public class RaftInternalResource {
  private final RaftWire wire = new RaftWire();

  @Inject RaftService raft;

  @POST
  @Path("/messages/{type}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public void deliver(@PathParam("type") String type, String json) {
    if (!raft.isReplayed()) {
      throw new NoQuorumException("This node is still replaying its log.");
    }
    raft.node().handle(wire.decode(type, json));
  }

  @POST
  @Path("/propose")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public CompletionStage<Applied> propose(ForwardedProposal proposal) {
    if (proposal == null || proposal.command() == null) {
      throw ApiException.invalid("command is required");
    }
    return raft.proposeHere(proposal.command());
  }

  @POST
  @Path("/members")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public CompletionStage<MembersReply> addMember(MemberRequest request) {
    return raft.membership().add(request, false);
  }

  @DELETE
  @Path("/members/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public CompletionStage<MembersReply> removeMember(@PathParam("id") String id) {
    return raft.membership().remove(id, false);
  }
}
