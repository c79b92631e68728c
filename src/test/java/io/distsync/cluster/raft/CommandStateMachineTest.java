package io.distsync.cluster.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.cluster.raft.CommandStateMachine.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state machine hands each kind to its handler, with the log's time, and snapshots them. */
class CommandStateMachineTest {

  /** Records what it was given; its state is the list of bodies. */
  static final class Recorder implements CommandHandler {
    final List<String> seen = new ArrayList<>();

    @Override
    public String kind() {
      return "rec";
    }

    @Override
    public String apply(long index, long time, String body) {
      seen.add(index + "@" + time + ":" + body);
      return "ok " + body;
    }

    @Override
    public byte[] snapshot() {
      return String.join("\n", seen).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void restore(byte[] snapshot) {
      seen.clear();
      String text = new String(snapshot, StandardCharsets.UTF_8);
      if (!text.isEmpty()) {
        seen.addAll(List.of(text.split("\n")));
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void when_entriesCarryTheLeadersClock_then_handlersSeeItNeverGoingBack() {
    Recorder rec = new Recorder();
    CommandStateMachine sm = new CommandStateMachine(List.of(rec));
    CommandResult first =
        (CommandResult) sm.apply(1, bytes(CommandStateMachine.stamp("rec:a", 1000)));
    assertThat(first.index()).isEqualTo(1);
    assertThat(first.value()).isEqualTo("ok a");
    sm.apply(2, bytes(CommandStateMachine.stamp("rec:b", 900)));
    sm.apply(3, bytes("rec:c"));
    assertThat(sm.apply(4, bytes(CommandStateMachine.stamp("noop:x", 2000))))
        .isEqualTo(new CommandResult(4, "4"));
    sm.apply(5, bytes("@bad rec:d"));
    assertThat(rec.seen).containsExactly("1@1000:a", "2@1000:b", "3@1000:c", "5@2000:d");
    assertThat(((CommandResult) sm.apply(6, bytes("other:x"))).value()).contains("unknown command");
  }

  @Test
  void when_restoredFromSnapshot_then_handlerStateAndClockComeBack() {
    Recorder rec = new Recorder();
    CommandStateMachine sm = new CommandStateMachine(List.of(rec));
    sm.apply(1, bytes(CommandStateMachine.stamp("rec:a", 1000)));
    byte[] snapshot = sm.takeSnapshot();

    Recorder fresh = new Recorder();
    CommandStateMachine restored = new CommandStateMachine(List.of(fresh));
    restored.restore(snapshot);
    restored.apply(2, bytes("rec:b"));
    assertThat(fresh.seen).containsExactly("1@1000:a", "2@1000:b");

    restored.restore(new byte[0]);
    assertThat(fresh.seen).isEmpty();
  }
}
