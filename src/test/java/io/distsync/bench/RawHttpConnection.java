package io.distsync.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection with the least client work per request (a load generator on
 * the same two cores as the servers must not be the bottleneck): requests are prebuilt bytes, the
 * answer's status is parsed and its body read (Content-Length or chunked) and kept only on demand.
 */
final class RawHttpConnection implements Closeable {
  private final URI base;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  RawHttpConnection(URI base) {
    this.base = base;
  }

  /** A GET request's bytes, with extra header lines (each ending in \r\n). */
  static byte[] get(URI base, String path, String extraHeaders) {
    return ("GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\nAccept: application/json\r\n"
            + extraHeaders
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** A PUT request's bytes with a JSON body. */
  static byte[] put(URI base, String path, String json) {
    return withBody("PUT", base, path, json);
  }

  /** A POST request's bytes with a JSON body. */
  static byte[] post(URI base, String path, String json) {
    return withBody("POST", base, path, json);
  }

  private static byte[] withBody(String method, URI base, String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  private void open() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(30_000);
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000);
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
    } catch (EOFException | java.net.SocketException e) {
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
