package io.distsync;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The JAX-RS application, served at the context root {@code /}. */
@ApplicationPath("/")
@OpenAPIDefinition(
    info =
        @Info(
            title = "DistSync",
            version = "1",
            description = "Distributed locks, queues and a coherent cache for Java services"))
public class DistSyncApplication extends Application {}
