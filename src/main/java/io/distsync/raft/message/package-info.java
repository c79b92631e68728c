/**
 * The messages Raft members exchange: immutable records of a sealed {@link
 * io.distsync.raft.message.RaftMessage} interface with simple field types, ready for JSON-B.
 */
package io.distsync.raft.message;
