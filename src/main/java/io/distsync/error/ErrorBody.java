package io.distsync.error;

/**
 * The JSON body of every error response.
 *
 * @param error a stable, machine-readable code such as {@code INVALID_REQUEST}
 * @param message a human sentence
 */
public record ErrorBody(String error, String message) {}
