package io.distsync.cluster.raft.model;

/**
 * A log entry as {@code GET /raft/log} shows it.
 *
 * @param index its index
 * @param term its term
 * @param type NOOP, COMMAND or CONFIGURATION
 * @param command the command as text (the members, for a configuration)
 */
public record LogEntryView(long index, long term, String type, String command) {}
