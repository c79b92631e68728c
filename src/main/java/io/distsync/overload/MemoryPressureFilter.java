package io.distsync.overload;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses {@link AddsState} operations with 503 {@code OVERLOADED} and {@code Retry-After: 1} while
 * {@link MemoryGuard} says the node is short of memory: a node under memory pressure turns new work
 * away before it dies, and takes it again once a collection freed enough.
 */
@Provider
@AddsState
public class MemoryPressureFilter implements ContainerRequestFilter {
  @Inject MemoryGuard guard;

  @Override
  public void filter(ContainerRequestContext request) {
    if (guard.isShort()) {
      throw new OverloadedException(
          "This node is short of memory and refuses new work for now; try again, or another node.");
    }
  }
}
