/**
 * Refusing new work before the heap runs out: when the old generation is still nearly full right
 * after a collection, requests that would add state (an acquire, a produce, a consume that may
 * wait, a cache write) are refused with 503 {@code OVERLOADED} and {@code Retry-After}, while
 * reads, releases, acks and deletes, which free memory, go on.
 */
package io.distsync.overload;
