package io.distsync.cluster.channel;

import io.distsync.cluster.ClusterConfig;
import io.distsync.cluster.ClusterSecretFilter;
import io.distsync.security.ClusterTls;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The channel's handshake needs the cluster secret, as every {@code /internal/} endpoint does: a
 * handshake without it is answered 401 with the contract's error body and never upgraded.
 */
@WebFilter(urlPatterns = PeerChannels.PATH)
public class ChannelHandshakeFilter implements Filter {

  @Inject ClusterConfig config;
  @Inject ClusterTls tls;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String given = ((HttpServletRequest) request).getHeader(ClusterSecretFilter.HEADER);
    byte[] expected = config.clusterSecret().getBytes(StandardCharsets.UTF_8);
    // Constant-time comparison, so the secret cannot be guessed byte by byte from timings.
    // With TLS on, the channel opens on the peer port only, where the handshake required a member's
    // certificate (mutual TLS), and with the secret.
    if (!tls.onPeerPort(request.getLocalPort())
        || given == null
        || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setStatus(401);
      http.setContentType("application/json");
      http.getWriter()
          .write(
              "{\"error\":\"UNAUTHORIZED\",\"message\":\"The peer channel needs the cluster"
                  + " secret, on the peer port when TLS is on.\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
