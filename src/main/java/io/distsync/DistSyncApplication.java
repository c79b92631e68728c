package io.distsync;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application, served at the context root {@code /}. */
@ApplicationPath("/")
public class DistSyncApplication extends Application {}
