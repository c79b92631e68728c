package io.distsync.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;

/**
 * One keep-alive HTTP/1.1 connection with the least client work per request (a load generator on
 * the same two cores as the servers must not be the bottleneck): requests are prebuilt bytes, the
 * answer's status is parsed and its body read (Content-Length or chunked) and kept only on demand.
 * An {@code https://} node is reached over TLS 1.3 with one handshake per connection; the bearer
 * token of {@link BenchSecurity} is in every request built here.
 */
final class RawHttpConnection implements Closeable {
  private final URI base;
  private final BenchSecurity security;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  RawHttpConnection(URI base) {
    this(base, BenchSecurity.get());
  }

  RawHttpConnection(URI base, BenchSecurity security) {
    this.base = base;
    this.security = security;
  }

  /** A GET request's bytes, with extra header lines (each ending in \r\n). */
  static byte[] get(URI base, String path, String extraHeaders) {
    return request(
        BenchSecurity.get(),
        "GET",
        base,
        path,
        "Accept: application/json\r\n" + extraHeaders,
        null);
  }

  /** A PUT request's bytes with a JSON body. */
  static byte[] put(URI base, String path, String json) {
    return request(BenchSecurity.get(), "PUT", base, path, "", json);
  }

  /** A POST request's bytes with a JSON body. */
  static byte[] post(URI base, String path, String json) {
    return request(BenchSecurity.get(), "POST", base, path, "", json);
  }

  /**
   * A request's bytes: the request line, Host, {@code extraHeaders} (lines ending in \r\n), the
   * Authorization line of {@code security} (copied from its prebuilt bytes) and, when {@code json}
   * is not null, the JSON body with its Content-Type and Content-Length.
   */
  static byte[] request(
      BenchSecurity security,
      String method,
      URI base,
      String path,
      String extraHeaders,
      String json) {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        (method
                + " "
                + path
                + " HTTP/1.1\r\nHost: "
                + base.getHost()
                + ":"
                + BenchSecurity.port(base)
                + "\r\n"
                + extraHeaders)
            .getBytes(StandardCharsets.US_ASCII);
    byte[] auth = security.authorizationLine();
    byte[] end =
        (json == null
                ? "\r\n"
                : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + auth.length + end.length + body.length];
    int at = 0;
    for (byte[] part : new byte[][] {head, auth, end, body}) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private void open() throws IOException {
    socket = security.connect(base, 2000, 30_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  /** Sends one request and reads its answer; the status. Reconnects once if the server closed. */
  int send(byte[] request, ByteArrayOutputStream body) throws IOException {
    if (socket == null) {
      open();
    }
    try {
      return exchange(request, body);
    } catch (EOFException | SocketException | SSLException e) {
      // The server closed the idle connection (a TLS one may say so with an SSLException): one new
      // connection. open() does the handshake, so a server that is not trusted is not retried.
      close();
      open();
      return exchange(request, body);
    }
  }

  private int exchange(byte[] request, ByteArrayOutputStream body) throws IOException {
    out.write(request);
    out.flush();
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon).trim();
      String value = h.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
        close = true;
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
          size > 0;
          size = Long.parseLong(line().split(";")[0].trim(), 16)) {
        skip(size, body);
        line();
      }
      line();
    } else if (length > 0) {
      skip(length, body);
    }
    if (close) {
      close();
    }
    return code;
  }

  private void skip(long n, ByteArrayOutputStream body) throws IOException {
    for (long i = 0; i < n; i++) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      if (body != null) {
        body.write(b);
      }
    }
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException();
      }
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
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
