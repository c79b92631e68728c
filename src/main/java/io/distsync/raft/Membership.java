package io.distsync.raft;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The set of members in force from the log index of the entry that carried it.
 *
 * @param members voters and learners, in a stable order
 */
public record Membership(List<RaftMember> members) {

  public Membership {
    members = List.copyOf(members);
    long distinct = members.stream().map(RaftMember::id).distinct().count();
    if (distinct != members.size()) {
      throw new IllegalArgumentException("duplicate member id in " + members);
    }
  }

  public List<RaftMember> voters() {
    return members.stream().filter(RaftMember::voter).toList();
  }

  public Optional<RaftMember> member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public boolean isVoter(String id) {
    return member(id).map(RaftMember::voter).orElse(false);
  }

  /** Votes needed for a majority of the voters. */
  public int quorum() {
    return voters().size() / 2 + 1;
  }

  /** Stable binary encoding, used in CONFIGURATION entries and snapshot files. */
  public byte[] encode() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(members.size());
      for (RaftMember m : members) {
        out.writeUTF(m.id());
        out.writeUTF(m.address());
        out.writeBoolean(m.voter());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Membership decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int n = in.readInt();
      if (n < 0 || n > 10_000) {
        throw new IllegalArgumentException("corrupt membership: " + n + " members");
      }
      List<RaftMember> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(new RaftMember(in.readUTF(), in.readUTF(), in.readBoolean()));
      }
      return new Membership(list);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt membership encoding", e);
    }
  }
}
