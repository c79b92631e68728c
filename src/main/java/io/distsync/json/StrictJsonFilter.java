package io.distsync.json;

import io.distsync.cluster.ClusterSecretFilter;
import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every public request body with {@link StrictJson} after the request has matched an
 * operation and passed authentication (a default-priority filter runs after those), then hands the
 * same bytes on. Bodies between nodes are the nodes' own and are not checked here.
 */
@Provider
public class StrictJsonFilter implements ContainerRequestFilter {
  private static final Map<Method, Boolean> TAKES_BODY = new ConcurrentHashMap<>();

  @Inject JsonLimits limits;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(ClusterSecretFilter.NODE_TO_NODE) != null
        || !request.hasEntity()
        || !takesBody(resource.getResourceMethod())) {
      return; // a body sent to an operation without one is never read
    }
    MediaType type = request.getMediaType();
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    // RFC 8259 §8.1: JSON is UTF-8; a body declared in another charset is not read as one.
    if (charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
      throw new ApiException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "JSON bodies are UTF-8, not " + charset + ".");
    }
    byte[] body;
    try {
      body = request.getEntityStream().readAllBytes(); // at most 1 MiB: PayloadLimitFilter
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (body.length > 0 && !blank(body)) {
      StrictJson.check(body, limits.limits());
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  /** Whether the method has an entity parameter: one without any annotation. */
  private static boolean takesBody(Method method) {
    if (method == null) {
      return false;
    }
    return TAKES_BODY.computeIfAbsent(
        method, m -> Arrays.stream(m.getParameterAnnotations()).anyMatch(a -> a.length == 0));
  }

  private static boolean blank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
