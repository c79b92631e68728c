/** Request and response records of the lock API (JSON-B), and the views of the lock table. */
package io.distsync.lock.model;
