/**
 * Tests of who may call what: token verification, roles and scopes, and, against a real node with
 * TLS and tokens on, every operation of the served OpenAPI document with every kind of token, the
 * TLS handshakes a member and an outsider get, and the audit log.
 */
package io.distsync.security;
