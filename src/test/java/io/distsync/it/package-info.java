/**
 * Integration tests against the single Liberty server the build starts ({@code it}), through
 * MicroShed Testing in its manual environment (no Docker) and plain HTTP, plus the Arquillian test
 * that runs inside its own Liberty server.
 */
package io.distsync.it;
