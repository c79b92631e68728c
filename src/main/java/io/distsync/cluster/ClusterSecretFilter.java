package io.distsync.cluster;

import io.distsync.error.ApiException;
import io.distsync.error.ErrorCode;
import io.distsync.security.ClusterTls;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Node-to-node endpoints under {@code /internal/} answer 401 without the cluster secret. */
@Provider
@PreMatching
public class ClusterSecretFilter implements ContainerRequestFilter {
  /** The request header that carries the secret. */
  public static final String HEADER = "X-Cluster-Secret";

  /** The request property set on a node-to-node request that passed this filter. */
  public static final String NODE_TO_NODE = "io.distsync.cluster.nodeToNode";

  @Inject ClusterConfig config;
  @Inject ClusterTls tls;
  @Context HttpServletRequest http;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!isInternal(request)) {
      return;
    }
    // With TLS on, node-to-node endpoints answer on the peer port only, where the handshake
    // required a certificate signed by the cluster's CA (mutual TLS): the secret alone is not
    // enough.
    if (!tls.onPeerPort(http.getLocalPort())) {
      throw new ApiException(
          ErrorCode.UNAUTHORIZED, "Node-to-node endpoints are served on the peer port only.");
    }
    String given = request.getHeaderString(HEADER);
    byte[] expected = config.clusterSecret().getBytes(StandardCharsets.UTF_8);
    // Constant-time comparison, so the secret cannot be guessed byte by byte from timings.
    if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(
          ErrorCode.UNAUTHORIZED, "Node-to-node endpoints need the cluster secret.");
    }
    request.setProperty(NODE_TO_NODE, Boolean.TRUE);
  }

  /**
   * Whether the request is for {@code /internal/...}, judged by the first path segment without its
   * matrix parameters (JAX-RS matches {@code /internal;x=1/ping} to {@code /internal/ping}, so a
   * plain prefix test of the path would let that spelling through) and ignoring empty and "."
   * segments.
   */
  private static boolean isInternal(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.equals("internal") || trimmed.startsWith("internal/")) {
      return true;
    }
    for (PathSegment segment : request.getUriInfo().getPathSegments()) {
      String s = segment.getPath();
      if (!s.isEmpty() && !s.equals(".")) {
        return s.equals("internal");
      }
    }
    return false;
  }
}
