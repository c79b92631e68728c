/**
 * Strict JSON at the door: every request body of the public API is checked before any parser of the
 * features sees it. One UTF-8 JSON object and nothing after it, no lone surrogate, no duplicate
 * member name, and bounded nesting depth, string length and members per container ({@link
 * io.distsync.json.JsonLimits}); anything else is 400 {@code INVALID_REQUEST} with the contract's
 * body, never an exception that reaches the 500 mapper.
 */
package io.distsync.json;
