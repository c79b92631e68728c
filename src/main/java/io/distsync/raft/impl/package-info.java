/**
 * Engine internals, MicroRaft style: {@code RaftNodeImpl} owns the state and runs everything on its
 * serial executor; one {@code *Handler} per message type; one self-rescheduling {@code *Task} per
 * timer; small collaborators for the log, replication, commit/apply, proposals, reads, membership
 * and leadership transfer. Not API: only {@link io.distsync.raft} is.
 */
package io.distsync.raft.impl;
