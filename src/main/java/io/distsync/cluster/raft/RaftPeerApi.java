package io.distsync.cluster.raft;

import io.distsync.cluster.raft.model.Applied;
import io.distsync.cluster.raft.model.ForwardedProposal;
import io.distsync.cluster.raft.model.MemberRequest;
import io.distsync.cluster.raft.model.MembersReply;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * Node-to-node Raft calls (MicroProfile Rest Client); the server side is {@link
 * RaftInternalResource}.
 */
@Path("/internal/raft")
public interface RaftPeerApi {

  /** One Raft message, JSON of its record; answered 204 once handed to the node. */
  @POST
  @Path("/messages/{type}")
  @Consumes(MediaType.APPLICATION_JSON)
  CompletionStage<Response> deliver(@PathParam("type") String type, String json);

  /** A proposal forwarded to the leader; answers once applied there. */
  @POST
  @Path("/propose")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  CompletionStage<Applied> propose(ForwardedProposal proposal);

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
