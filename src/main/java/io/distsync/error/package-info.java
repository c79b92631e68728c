/**
 * The error contract: every failure leaves the server as {@code {"error": CODE, "message": ...}}
 * with a 4xx or 5xx status, never a stack trace. Features throw {@link
 * io.distsync.error.ApiException} subclasses; the mappers here turn those and the container's own
 * exceptions into that body.
 */
package io.distsync.error;
