package io.distsync.error;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over 1 MiB with 413 {@code PAYLOAD_TOO_LARGE}: at once when Content-Length says
 * so, and while reading when the body is chunked.
 */
@Provider
@PreMatching
public class PayloadLimitFilter implements ContainerRequestFilter {
  /** The contract's limit on a request body. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    if (request.hasEntity()) {
      request.setEntityStream(new LimitedStream(request.getEntityStream()));
    }
  }

  static ApiException tooLarge() {
    return new ApiException(
        ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than 1 MiB (1048576 bytes).");
  }

  /** Counts bytes as they are read and fails past the limit. */
  private static final class LimitedStream extends FilterInputStream {
    private long count;

    LimitedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(int n) {
      count += n;
      if (count > MAX_BODY_BYTES) {
        throw tooLarge();
      }
    }
  }
}
