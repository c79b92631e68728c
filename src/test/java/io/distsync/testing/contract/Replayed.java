package io.distsync.testing.contract;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * An answer's status, headers and request from {@code raw}, with a body read or replaced by the
 * caller.
 */
public record Replayed<T>(HttpResponse<?> raw, T body) implements HttpResponse<T> {
  @Override
  public int statusCode() {
    return raw.statusCode();
  }

  @Override
  public HttpRequest request() {
    return raw.request();
  }

  @Override
  public Optional<HttpResponse<T>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return raw.headers();
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return raw.sslSession();
  }

  @Override
  public java.net.URI uri() {
    return raw.uri();
  }

  @Override
  public java.net.http.HttpClient.Version version() {
    return raw.version();
  }
}
