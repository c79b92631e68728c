/** JSON records of the cache endpoints, public and node-to-node. */
package io.distsync.cache.model;
