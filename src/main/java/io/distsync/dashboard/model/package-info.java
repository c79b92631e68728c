/** The records of the dashboard's snapshot, serialized as JSON. */
package io.distsync.dashboard.model;
