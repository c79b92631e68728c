package io.distsync.overload;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that adds state to the node or to Redis (an acquire, a produce, a consume that
 * may wait, a cache write): {@link MemoryPressureFilter} refuses it while the node is short of
 * memory. Operations that free state (release, ack, delete) are never marked.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AddsState {}
