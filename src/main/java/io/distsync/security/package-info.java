/**
 * Who may call what: bearer tokens (RS256 JWTs in the MicroProfile JWT format) verified once per
 * token and cached, the three roles and the name scopes a token may carry, the audit log of
 * security-relevant events, and the TLS context this node's outbound calls (peer channel, peer REST
 * clients, Redis) use to verify the cluster's certificates.
 */
package io.distsync.security;
