package io.distsync.security;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Writes into the OpenAPI document the role each operation needs, from the same {@link Requires}
 * the filter enforces, so the two cannot disagree: each operation gets the {@code bearer} security
 * requirement with its role (OpenAPI 3.1 lets a non-OAuth scheme list roles) and the 401 and 403
 * answers. Operations are matched by their {@code operationId} ({@code Class_method}).
 */
public class SecurityDocument implements OASFilter {
  /** The resources whose operations are public (also the list the tests check). */
  static final List<Class<?>> RESOURCES =
      List.of(
          io.distsync.lock.LockResource.class,
          io.distsync.queue.QueueResource.class,
          io.distsync.cache.CacheResource.class,
          io.distsync.cluster.raft.RaftResource.class,
          io.distsync.cluster.StatusResource.class);

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null) {
      return;
    }
    for (PathItem item : openAPI.getPaths().getPathItems().values()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
        Role role = roleOf(e.getValue().getOperationId());
        if (role != null) {
          secure(e.getValue(), role);
        }
      }
    }
  }

  private static void secure(Operation op, Role role) {
    op.setSecurity(
        List.of(OASFactory.createSecurityRequirement().addScheme("bearer", role.claim())));
    APIResponses responses = op.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      op.setResponses(responses);
    }
    if (!responses.hasAPIResponse("401")) {
      responses.addAPIResponse(
          "401", OASFactory.createAPIResponse().ref("#/components/responses/Unauthenticated"));
    }
    if (!responses.hasAPIResponse("403")) {
      responses.addAPIResponse(
          "403", OASFactory.createAPIResponse().ref("#/components/responses/Forbidden"));
    }
    String note = "Needs the " + role.claim() + " role.";
    String d = op.getDescription();
    op.setDescription(d == null || d.isBlank() ? note : d + " " + note);
  }

  /** The role of the operation {@code Class_method}, or null when it is none of ours. */
  static Role roleOf(String operationId) {
    if (operationId == null || !operationId.contains("_")) {
      return null;
    }
    String type = operationId.substring(0, operationId.indexOf('_'));
    String method = operationId.substring(operationId.indexOf('_') + 1);
    for (Class<?> c : RESOURCES) {
      if (!c.getSimpleName().equals(type)) {
        continue;
      }
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(method)) {
          return BearerAuthFilter.needed(m);
        }
      }
    }
    return null;
  }
}
