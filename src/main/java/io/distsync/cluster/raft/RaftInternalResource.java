package io.distsync.cluster.raft;

import io.distsync.cluster.raft.model.MemberRequest;
import io.distsync.cluster.raft.model.MembersReply;
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

/**
 * Node-to-node Raft endpoints of the control plane (the server side of {@link RaftPeerApi}):
 * membership changes forwarded to the leader. Raft's own messages and forwarded proposals travel on
 * the peer channel ({@link RaftChannelService}). The cluster secret guards them ({@link
 * io.distsync.cluster.ClusterSecretFilter}) and they are not in the public OpenAPI.
 */
@Path("/internal/raft")
@ApplicationScoped
public class RaftInternalResource {
  @Inject RaftService raft;

  @POST
  @Path("/members")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<MembersReply> addMember(MemberRequest request) {
    return raft.membership().add(request, false);
  }

  @DELETE
  @Path("/members/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<MembersReply> removeMember(@PathParam("id") String id) {
    return raft.membership().remove(id, false);
  }
}
