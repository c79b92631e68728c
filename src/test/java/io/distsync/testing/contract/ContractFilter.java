package io.distsync.testing.contract;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@link Contract} check for JAX-RS clients (MicroShed's {@code RestClientBuilder}, a
 * MicroProfile REST client): reads the answer's body, checks the answer, and puts the body back for
 * the client to read.
 */
public final class ContractFilter implements ClientResponseFilter {

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response)
      throws IOException {
    byte[] body = response.hasEntity() ? response.getEntityStream().readAllBytes() : new byte[0];
    response.setEntityStream(new ByteArrayInputStream(body));
    Map<String, List<String>> headers =
        response.getHeaders().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    Contract.check(
        new ResponseContract.Answer(
            request.getMethod(),
            request.getUri(),
            response.getStatus(),
            headers,
            new String(body, StandardCharsets.UTF_8)));
  }
}
