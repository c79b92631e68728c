package io.distsync.cluster.raft;

import io.distsync.cluster.raft.model.MemberRequest;
import io.distsync.cluster.raft.model.MembersReply;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/**
 * Node-to-node Raft calls of the control plane (MicroProfile Rest Client): membership changes
 * forwarded to the leader; the server side is {@link RaftInternalResource}.
 */
@Path("/internal/raft")
public interface RaftPeerApi {

  @POST
  @Path("/members")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  CompletionStage<MembersReply> addMember(MemberRequest member);

  @DELETE
  @Path("/members/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  CompletionStage<MembersReply> removeMember(@PathParam("id") String id);
}
