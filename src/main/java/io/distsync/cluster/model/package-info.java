/** JSON records of the cluster endpoints. */
package io.distsync.cluster.model;
