/**
 * Request and response bodies of the queue API ({@code /queues/...}), as JSON-B records. Field
 * names are the contract's (camelCase).
 */
package io.distsync.queue.model;
