package io.distsync.client;

import java.util.List;

/**
 * A queue's dead letters: how many there are, and the oldest ones asked for.
 *
 * @param total every dead letter of the queue
 * @param messages the oldest ones, up to the limit asked (their receipts are null)
 */
public record DeadLetters(long total, List<Delivery> messages) {}
