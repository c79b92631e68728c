package io.distsync.lock.model;

/** One request waiting in line for a lock; {@code since} is when it joined (leader's clock). */
public record WaiterView(String owner, String mode, long since) {}
