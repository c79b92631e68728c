package io.distsync.testing;

import static io.distsync.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.testing.RaftApi.Member;
import io.distsync.testing.RaftApi.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Membership changes on a {@link TestCluster} with the steps of {@code liberty/cluster add} and
 * {@code remove} (liberty/membership.sh): the request goes to the leader, and {@code GET
 * /raft/status} says when the change is done, since a follower that forwards it gives up after
 * {@code PEER_READ_TIMEOUT} with a 503 while the leader goes on.
 */
public final class MemberChanges {
  private static final Logger LOG = Logger.getLogger(MemberChanges.class.getName());

  /** The leader allows a learner 120 s to catch up before it answers. */
  private static final Duration ADD_CALL = Duration.ofSeconds(150);

  private static final Duration REMOVE_CALL = Duration.ofSeconds(30);

  private final TestCluster cluster;

  public MemberChanges(TestCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Adds {@code node} (made by {@link TestCluster#addNode()} and started) through the leader, and
   * waits until every running member lists it as a voter and it is ready.
   */
  public void join(LibertyNode node, Duration within) {
    int n = number(node.id());
    eventually(within, node.id() + " answers /raft/status", () -> answers(node));
    eventually(
        within,
        () -> {
          LibertyNode leader = leader();
          if (!RaftApi.of(leader).status().memberIds().contains(node.id())) {
            Outcome added = RaftApi.of(leader).addMember(node.id(), cluster.memberUrl(n), ADD_CALL);
            LOG.info(() -> "[" + node.id() + "] POST /raft/members on " + leader + ": " + added);
          }
          assertThat(isVoterForLeader(node.id()))
              .as("%s a voter for the leader", node.id())
              .isTrue();
        });
    for (LibertyNode other : members()) {
      eventually(
          within,
          () ->
              assertThat(RaftApi.of(other).status().members())
                  .as("members seen by %s", other.id())
                  .anyMatch(m -> m.id().equals(node.id()) && m.voter()));
    }
    node.awaitReady(within);
  }

  /**
   * Takes node {@code i} out: leadership moves first if it leads, then {@code DELETE
   * /raft/members/node<i>} on the leader until no other running member lists it; then it stops.
   */
  public void remove(int i, Duration within) {
    String id = "node" + i;
    eventually(
        within,
        () -> {
          LibertyNode leader = leader();
          if (leader.id().equals(id)) {
            Outcome moved = RaftApi.of(leader).transferLeadership(REMOVE_CALL);
            LOG.info(() -> "[" + id + "] leads; leadership transfer: " + moved);
            throw new AssertionError(id + " still leads");
          }
          if (RaftApi.of(leader).status().memberIds().contains(id)) {
            Outcome removed = RaftApi.of(leader).removeMember(id, REMOVE_CALL);
            LOG.info(() -> "[" + id + "] DELETE /raft/members on " + leader + ": " + removed);
          }
          for (LibertyNode other : members()) {
            if (!other.id().equals(id)) {
              assertThat(RaftApi.of(other).status().memberIds())
                  .as("members seen by %s", other.id())
                  .doesNotContain(id);
            }
          }
        });
    cluster.node(i).stop();
  }

  /** The running nodes that are members, as the leader sees them. */
  public List<LibertyNode> members() {
    List<LibertyNode> out = new ArrayList<>();
    List<String> ids = RaftApi.of(leader()).status().memberIds();
    for (LibertyNode node : cluster.nodes()) {
      if (node.isRunning() && ids.contains(node.id())) {
        out.add(node);
      }
    }
    return out;
  }

  /** The node that reports itself as leader (an assertion error while none does). */
  public LibertyNode leader() {
    for (LibertyNode node : cluster.nodes()) {
      if (node.isRunning()) {
        try {
          String leaderId = RaftApi.of(node).leader().leaderId();
          if (leaderId != null) {
            LibertyNode leader = cluster.node(number(leaderId));
            if (RaftApi.of(leader).leader().isLeader()) {
              return leader;
            }
          }
        } catch (RuntimeException | AssertionError e) {
          // this node does not answer now; ask the next one
        }
      }
    }
    throw new AssertionError("no node knows a leader that answers as leader");
  }

  private boolean isVoterForLeader(String id) {
    // A learner that the leader promotes is a voter in the leader's status first.
    for (Member m : RaftApi.of(leader()).status().members()) {
      if (m.id().equals(id)) {
        return m.voter();
      }
    }
    return false;
  }

  private static boolean answers(LibertyNode node) {
    try {
      RaftApi.of(node).status();
      return true;
    } catch (RuntimeException | AssertionError e) {
      return false;
    }
  }

  private static int number(String nodeId) {
    return Integer.parseInt(nodeId.substring("node".length()));
  }
}
