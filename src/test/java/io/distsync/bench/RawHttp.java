package io.distsync.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLHandshakeException;

/**
 * A minimal HTTP/1.1 client on one keep-alive socket, for benchmarks: far less CPU per request than
 * {@code java.net.http.HttpClient}, which matters when client and servers share two cores. Not
 * thread-safe: one per benchmark thread. Handles Content-Length and chunked responses. An {@code
 * https://} node is reached over TLS 1.3 (one handshake per connection), with the bearer token of
 * {@link BenchSecurity} in every request.
 */
final class RawHttp implements AutoCloseable {
  /** Status and body of a response. */
  record Reply(int status, String body) {}

  private final URI base;
  private final int timeoutMs;
  private final BenchSecurity security;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  RawHttp(URI base, int timeoutMs) {
    this(base, timeoutMs, BenchSecurity.get());
  }

  RawHttp(URI base, int timeoutMs, BenchSecurity security) {
    this.base = base;
    this.timeoutMs = timeoutMs;
    this.security = security;
  }

  Reply post(String path, String json) {
    return exchange(
        RawHttpConnection.request(
            security, "POST", base, path, "Accept: application/json\r\n", json));
  }

  /** A GET of {@code path} (any media type accepted, e.g. the Prometheus text of /metrics). */
  Reply get(String path) {
    return exchange(
        RawHttpConnection.request(security, "GET", base, path, "Accept: */*\r\n", null));
  }

  private Reply exchange(byte[] all) {
    for (int attempt = 0; ; attempt++) {
      try {
        connect();
        out.write(all);
        out.flush();
        return read();
      } catch (SSLHandshakeException e) {
        // a server this does not trust: another connection would not be trusted either
        close();
        throw new UncheckedIOException(e);
      } catch (IOException e) {
        close();
        if (attempt > 0) {
          throw new UncheckedIOException(e);
        }
        // the server closed the idle connection: one new one
      }
    }
  }

  private void connect() throws IOException {
    if (socket != null) {
      return;
    }
    socket = security.connect(base, 2000, timeoutMs);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 65536);
  }

  private Reply read() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("connection closed");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    String h;
    while ((h = line()) != null && !h.isEmpty()) {
      String lower = h.toLowerCase();
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        closeAfter = true;
      }
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream(Math.max(length, 256));
    if (chunked) {
      int size;
      while ((size = Integer.parseInt(line().trim().split(";")[0], 16)) > 0) {
        b.write(in.readNBytes(size));
        line();
      }
      line();
    } else if (length >= 0) {
      b.write(in.readNBytes(length));
    }
    if (closeAfter) {
      close();
    }
    return new Reply(code, b.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int n = s.length();
        return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
      }
      s.append((char) c);
    }
    return s.length() == 0 ? null : s.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
