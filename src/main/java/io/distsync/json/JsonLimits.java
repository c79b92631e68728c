package io.distsync.json;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The bounds of a request body's JSON, from MicroProfile Config (contract, Payload limits). */
@ApplicationScoped
public class JsonLimits {
  @Inject
  @ConfigProperty(name = "JSON_MAX_DEPTH", defaultValue = "64")
  int maxDepth;

  @Inject
  @ConfigProperty(name = "JSON_MAX_STRING_LENGTH", defaultValue = "262144")
  int maxStringLength;

  @Inject
  @ConfigProperty(name = "JSON_MAX_MEMBERS", defaultValue = "10000")
  int maxMembers;

  /** The limits as the checker takes them (each at least 1; depth at least 2, for an envelope). */
  public StrictJson.Limits limits() {
    return new StrictJson.Limits(
        Math.max(2, maxDepth), Math.max(1, maxStringLength), Math.max(1, maxMembers));
  }
}
