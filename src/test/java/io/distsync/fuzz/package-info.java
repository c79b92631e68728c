/**
 * The API fuzzer: requests generated from the OpenAPI document, made hostile, sent as raw bytes to
 * a real node, and checked against the contract (never a 5xx, never an error that is not the JSON
 * body, nothing stored changed by an invalid request).
 */
package io.distsync.fuzz;
