package io.distsync.raft;

import io.distsync.raft.message.RaftMessage;

/**
 * Sends Raft messages to other members.
 *
 * <p><b>Threading and blocking.</b> {@link #send} is called on the sending node's executor; it must
 * not block (queue the message and return) and must never throw: a message that cannot be delivered
 * is dropped, which Raft tolerates (it retries). On the receiving side the transport delivers by
 * calling that node's {@link RaftNode#handle(RaftMessage)}, from any thread.
 */
public interface Transport {

  /** Sends {@code message} to member {@code targetId}; best effort, non-blocking, never throws. */
  void send(String targetId, RaftMessage message);
}
