package io.distsync.cache.model;

/**
 * {@code PUT /cache/{key}}'s answer.
 *
 * @param version the version the write created; every write of a key gets a greater one
 * @param state the writer's line afterwards: EXCLUSIVE (write-through), MODIFIED (write-back)
 */
public record PutReply(String key, long version, String state) {}
