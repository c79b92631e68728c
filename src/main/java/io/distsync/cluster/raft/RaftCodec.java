package io.distsync.cluster.raft;

import io.distsync.cluster.channel.MalformedFrameException;
import io.distsync.cluster.channel.WireIn;
import io.distsync.cluster.channel.WireOut;
import io.distsync.raft.EntryType;
import io.distsync.raft.LogEntry;
import io.distsync.raft.message.AppendEntriesRequest;
import io.distsync.raft.message.AppendEntriesResponse;
import io.distsync.raft.message.InstallSnapshotRequest;
import io.distsync.raft.message.InstallSnapshotResponse;
import io.distsync.raft.message.PreVoteRequest;
import io.distsync.raft.message.PreVoteResponse;
import io.distsync.raft.message.RaftMessage;
import io.distsync.raft.message.ReadIndexRequest;
import io.distsync.raft.message.ReadIndexResponse;
import io.distsync.raft.message.TimeoutNow;
import io.distsync.raft.message.VoteRequest;
import io.distsync.raft.message.VoteResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary encoding of Raft messages on the peer channel: a type byte, then the record's fields
 * in order (integers variable-length, byte arrays length-prefixed, no JSON, no base64). The type
 * numbers are part of the wire format: never renumber.
 */
final class RaftCodec {
  private static final int PRE_VOTE_REQUEST = 1;
  private static final int PRE_VOTE_RESPONSE = 2;
  private static final int VOTE_REQUEST = 3;
  private static final int VOTE_RESPONSE = 4;
  private static final int APPEND_REQUEST = 5;
  private static final int APPEND_RESPONSE = 6;
  private static final int SNAPSHOT_REQUEST = 7;
  private static final int SNAPSHOT_RESPONSE = 8;
  private static final int TIMEOUT_NOW = 9;
  private static final int READ_INDEX_REQUEST = 10;
  private static final int READ_INDEX_RESPONSE = 11;

  private RaftCodec() {}

  /** A guess of the encoded size, for the channel's bound on queued bytes. */
  static int sizeHint(RaftMessage m) {
    if (m instanceof AppendEntriesRequest a) {
      int size = 48;
      for (LogEntry e : a.entries()) {
        size += e.payload().length + 12;
      }
      return size;
    }
    if (m instanceof InstallSnapshotRequest s) {
      return 64 + s.data().length + s.membership().length;
    }
    return 40;
  }

  static void encode(RaftMessage message, WireOut out) {
    if (message instanceof AppendEntriesRequest m) {
      head(out, APPEND_REQUEST, m)
          .putVarLong(m.prevLogIndex())
          .putVarLong(m.prevLogTerm())
          .putVarLong(m.leaderCommit())
          .putVarLong(m.round())
          .putVarLong(m.entries().size());
      for (LogEntry e : m.entries()) {
        out.putVarLong(e.term()).putByte(e.type().code()).putBytes(e.payload());
      }
      if (!m.entries().isEmpty()) {
        // Entries of one append are consecutive: only the first index is written.
        out.putVarLong(m.entries().get(0).index());
      }
    } else if (message instanceof AppendEntriesResponse m) {
      head(out, APPEND_RESPONSE, m)
          .putBoolean(m.success())
          .putVarLong(m.matchIndex())
          .putVarLong(m.conflictIndex())
          .putVarLong(m.conflictTerm())
          .putVarLong(m.round());
    } else if (message instanceof PreVoteRequest m) {
      head(out, PRE_VOTE_REQUEST, m).putVarLong(m.lastLogIndex()).putVarLong(m.lastLogTerm());
    } else if (message instanceof PreVoteResponse m) {
      head(out, PRE_VOTE_RESPONSE, m).putBoolean(m.granted());
    } else if (message instanceof VoteRequest m) {
      head(out, VOTE_REQUEST, m)
          .putVarLong(m.lastLogIndex())
          .putVarLong(m.lastLogTerm())
          .putBoolean(m.leadershipTransfer());
    } else if (message instanceof VoteResponse m) {
      head(out, VOTE_RESPONSE, m).putBoolean(m.granted());
    } else if (message instanceof InstallSnapshotRequest m) {
      head(out, SNAPSHOT_REQUEST, m)
          .putVarLong(m.lastIncludedIndex())
          .putVarLong(m.lastIncludedTerm())
          .putBytes(m.membership())
          .putVarLong(m.offset())
          .putBytes(m.data())
          .putBoolean(m.done())
          .putVarLong(m.round());
    } else if (message instanceof InstallSnapshotResponse m) {
      head(out, SNAPSHOT_RESPONSE, m)
          .putVarLong(m.lastIncludedIndex())
          .putVarLong(m.nextOffset())
          .putBoolean(m.success())
          .putBoolean(m.done())
          .putVarLong(m.round());
    } else if (message instanceof TimeoutNow m) {
      head(out, TIMEOUT_NOW, m);
    } else if (message instanceof ReadIndexRequest m) {
      head(out, READ_INDEX_REQUEST, m).putVarLong(m.requestId());
    } else if (message instanceof ReadIndexResponse m) {
      head(out, READ_INDEX_RESPONSE, m)
          .putVarLong(m.requestId())
          .putBoolean(m.success())
          .putVarLong(m.readIndex())
          .putString(m.leaderId());
    } else {
      throw new IllegalArgumentException("no encoding for " + message.getClass());
    }
  }

  private static WireOut head(WireOut out, int type, RaftMessage m) {
    return out.putByte(type).putVarLong(m.term()).putString(m.from());
  }

  /** Decodes one message; throws {@link MalformedFrameException} on anything that does not fit. */
  static RaftMessage decode(WireIn in) {
    int type = in.getByte();
    long term = in.getVarLong();
    String from = in.getString();
    if (from == null) {
      throw new MalformedFrameException("a Raft message without a sender");
    }
    try {
      RaftMessage m =
          switch (type) {
            case PRE_VOTE_REQUEST ->
                new PreVoteRequest(term, from, in.getVarLong(), in.getVarLong());
            case PRE_VOTE_RESPONSE -> new PreVoteResponse(term, from, in.getBoolean());
            case VOTE_REQUEST ->
                new VoteRequest(term, from, in.getVarLong(), in.getVarLong(), in.getBoolean());
            case VOTE_RESPONSE -> new VoteResponse(term, from, in.getBoolean());
            case APPEND_REQUEST -> appendRequest(term, from, in);
            case APPEND_RESPONSE ->
                new AppendEntriesResponse(
                    term,
                    from,
                    in.getBoolean(),
                    in.getVarLong(),
                    in.getVarLong(),
                    in.getVarLong(),
                    in.getVarLong());
            case SNAPSHOT_REQUEST ->
                new InstallSnapshotRequest(
                    term,
                    from,
                    in.getVarLong(),
                    in.getVarLong(),
                    nonNull(in.getBytes()),
                    in.getVarLong(),
                    nonNull(in.getBytes()),
                    in.getBoolean(),
                    in.getVarLong());
            case SNAPSHOT_RESPONSE ->
                new InstallSnapshotResponse(
                    term,
                    from,
                    in.getVarLong(),
                    in.getVarLong(),
                    in.getBoolean(),
                    in.getBoolean(),
                    in.getVarLong());
            case TIMEOUT_NOW -> new TimeoutNow(term, from);
            case READ_INDEX_REQUEST -> new ReadIndexRequest(term, from, in.getVarLong());
            case READ_INDEX_RESPONSE ->
                new ReadIndexResponse(
                    term, from, in.getVarLong(), in.getBoolean(), in.getVarLong(), in.getString());
            default -> throw new MalformedFrameException("unknown Raft message type " + type);
          };
      in.expectEnd();
      return m;
    } catch (IllegalArgumentException e) {
      throw new MalformedFrameException("a Raft message out of range: " + e.getMessage());
    }
  }

  private static AppendEntriesRequest appendRequest(long term, String from, WireIn in) {
    long prevIndex = in.getVarLong();
    long prevTerm = in.getVarLong();
    long commit = in.getVarLong();
    long round = in.getVarLong();
    int n = in.getCount();
    long[] terms = new long[n];
    EntryType[] types = new EntryType[n];
    byte[][] payloads = new byte[n][];
    for (int i = 0; i < n; i++) {
      terms[i] = in.getVarLong();
      types[i] = EntryType.fromCode(in.getByte());
      payloads[i] = nonNull(in.getBytes());
    }
    List<LogEntry> entries = new ArrayList<>(n);
    if (n > 0) {
      long first = in.getVarLong();
      for (int i = 0; i < n; i++) {
        entries.add(new LogEntry(first + i, terms[i], types[i], payloads[i]));
      }
    }
    return new AppendEntriesRequest(term, from, prevIndex, prevTerm, entries, commit, round);
  }

  private static byte[] nonNull(byte[] b) {
    return b == null ? new byte[0] : b;
  }
}
