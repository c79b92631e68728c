package io.distsync.it.arquillian;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A test-only resource that reads a JSON body, to exercise the error contract on bad bodies. */
@Path("/echo")
@RequestScoped
public class EchoResource {

  /** A small JSON body. */
  public static class Item {
    public String name;
    public int qty;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Item echo(Item item) {
    return item;
  }

  @GET
  @Path("/boom")
  @Produces(MediaType.APPLICATION_JSON)
  public Item boom() {
    throw new IllegalStateException("internal detail that must not leak");
  }
}
