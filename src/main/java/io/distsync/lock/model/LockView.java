package io.distsync.lock.model;

import java.util.List;

/**
 * One lock: its mode (null when free), holders and waiters in line order.
 *
 * @param mode {@code shared} or {@code exclusive} while held, else null
 */
public record LockView(
    String resource, String mode, List<HolderView> holders, List<WaiterView> waiters) {}
