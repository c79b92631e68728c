package io.distsync.testing.contract;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that checks every answer against the OpenAPI document ({@link Contract})
 * before handing it to the caller's body handler: for code that builds its own client from a {@link
 * HttpClient.Builder}, such as the client generated from the document. Bodies are read whole, then
 * replayed to the caller's handler. Only {@link #send} is supported.
 */
public final class CheckedHttpClient extends HttpClient {
  private final HttpClient delegate;

  private CheckedHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  /** A builder whose {@code build()} wraps what {@code builder} builds. */
  public static HttpClient.Builder wrapping(HttpClient.Builder builder) {
    return new Wrapper(builder);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> raw = delegate.send(request, HttpResponse.BodyHandlers.ofByteArray());
    byte[] bytes = raw.body() == null ? new byte[0] : raw.body();
    Contract.check(
        new ResponseContract.Answer(
            request.method(),
            request.uri(),
            raw.statusCode(),
            raw.headers().map(),
            new String(bytes, StandardCharsets.UTF_8)));
    return new Replayed<>(raw, replay(raw, bytes, handler));
  }

  /** Feeds the bytes to the handler's subscriber, as the network would have. */
  private static <T> T replay(
      HttpResponse<byte[]> raw, byte[] bytes, HttpResponse.BodyHandler<T> handler) {
    HttpResponse.ResponseInfo info =
        new HttpResponse.ResponseInfo() {
          @Override
          public int statusCode() {
            return raw.statusCode();
          }

          @Override
          public HttpHeaders headers() {
            return raw.headers();
          }

          @Override
          public Version version() {
            return raw.version();
          }
        };
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
    subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
    subscriber.onComplete();
    return subscriber.getBody().toCompletableFuture().join();
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    throw new UnsupportedOperationException("CheckedHttpClient checks blocking sends only");
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    throw new UnsupportedOperationException("CheckedHttpClient checks blocking sends only");
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  /** Delegates every setting; {@code build()} wraps the result. */
  private record Wrapper(HttpClient.Builder builder) implements HttpClient.Builder {
    @Override
    public Builder cookieHandler(CookieHandler cookieHandler) {
      builder.cookieHandler(cookieHandler);
      return this;
    }

    @Override
    public Builder connectTimeout(Duration duration) {
      builder.connectTimeout(duration);
      return this;
    }

    @Override
    public Builder sslContext(SSLContext sslContext) {
      builder.sslContext(sslContext);
      return this;
    }

    @Override
    public Builder sslParameters(SSLParameters sslParameters) {
      builder.sslParameters(sslParameters);
      return this;
    }

    @Override
    public Builder executor(Executor executor) {
      builder.executor(executor);
      return this;
    }

    @Override
    public Builder followRedirects(Redirect policy) {
      builder.followRedirects(policy);
      return this;
    }

    @Override
    public Builder version(Version version) {
      builder.version(version);
      return this;
    }

    @Override
    public Builder priority(int priority) {
      builder.priority(priority);
      return this;
    }

    @Override
    public Builder proxy(ProxySelector proxySelector) {
      builder.proxy(proxySelector);
      return this;
    }

    @Override
    public Builder authenticator(Authenticator authenticator) {
      builder.authenticator(authenticator);
      return this;
    }

    @Override
    public HttpClient build() {
      return new CheckedHttpClient(builder.build());
    }
  }
}
