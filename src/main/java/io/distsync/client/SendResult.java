package io.distsync.client;

import java.util.List;

/**
 * The server's answer to a send: one message id per message, in order (a duplicate answers the
 * first message's id), and the partition of the first one.
 *
 * @param ids the message ids
 * @param partition the partition of the first message
 */
public record SendResult(List<String> ids, int partition) {}
