package io.distsync.queue.model;

import java.util.List;

/**
 * Optional body of {@code POST /queues/{queue}/dead-letters/redrive}.
 *
 * @param ids the dead letters to move back; absent or empty: all of them
 */
public record RedriveRequest(List<String> ids) {}
