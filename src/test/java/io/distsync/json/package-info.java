/** Tests of the strict JSON check of request bodies. */
package io.distsync.json;
