/**
 * The OpenAPI document against the code: every public operation is in it with the role the code
 * enforces, and every error it lists is one of the contract's codes with that code's status.
 */
package io.distsync.openapi;
