/**
 * Tests of the Java client: the jar's boundary (unit), and the client against real clusters
 * (integration: locks through a leader kill, retried acquires, lost leases, subscribers through a
 * node kill, exactly-once and at-least-once consumption).
 */
package io.distsync.client;
