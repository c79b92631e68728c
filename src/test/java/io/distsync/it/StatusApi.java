package io.distsync.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The client-side view of {@code GET /status}, for MicroShed's REST client. */
@Path("/status")
public interface StatusApi {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  Map<String, Object> status();
}
