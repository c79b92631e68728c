package io.distsync.client;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * How a {@link Subscription} consumes: handlers at once ({@code concurrency}), the visibility
 * timeout of each delivery, the most messages one poll takes, the nack backoff, and optionally the
 * executor the handlers run on (default: {@code concurrency} daemon threads of the subscription).
 */
public final class SubscribeOptions {
  final int concurrency;
  final Duration visibility;
  final int maxMessages;
  final Duration pollWait;
  final Duration nackBackoff;
  final Duration maxNackBackoff;
  final ExecutorService executor;

  private SubscribeOptions(Builder b) {
    this.concurrency = b.concurrency;
    this.visibility = b.visibility;
    this.maxMessages = b.maxMessages;
    this.pollWait = b.pollWait;
    this.nackBackoff = b.nackBackoff;
    this.maxNackBackoff = b.maxNackBackoff;
    this.executor = b.executor;
  }

  /** The defaults: 1 handler, 30 s visibility, 10 messages a poll, 20 s long poll. */
  public static SubscribeOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a subscription. */
  public static final class Builder {
    private int concurrency = 1;
    private Duration visibility = Duration.ofSeconds(30);
    private int maxMessages = 10;
    private Duration pollWait = Duration.ofSeconds(20);
    private Duration nackBackoff = Duration.ofSeconds(1);
    private Duration maxNackBackoff = Duration.ofMinutes(5);
    private ExecutorService executor;

    private Builder() {}

    /** Handlers running at once (and so messages in flight at most). */
    public Builder concurrency(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1");
      }
      this.concurrency = n;
      return this;
    }

    /** Visibility timeout of a delivery; extended for handlers still running at 2/3 of it. */
    public Builder visibility(Duration d) {
      this.visibility = d;
      return this;
    }

    /** Most messages one poll takes (1 to 1000; fewer when fewer handlers are free). */
    public Builder maxMessages(int n) {
      this.maxMessages = Math.max(1, Math.min(1000, n));
      return this;
    }

    /** Long-poll wait of one consume call (0 to 20 s). */
    public Builder pollWait(Duration d) {
      this.pollWait = d;
      return this;
    }

    /** Nack delay of a first delivery, doubled for each further one up to {@code max}. */
    public Builder nackBackoff(Duration base, Duration max) {
      this.nackBackoff = base;
      this.maxNackBackoff = max;
      return this;
    }

    /**
     * Runs the poll loop and the handlers (a managed executor, with at least {@code concurrency} +
     * 1 threads); the subscription then starts no thread and never shuts the executor down.
     */
    public Builder executor(ExecutorService e) {
      this.executor = e;
      return this;
    }

    /** The options. */
    public SubscribeOptions build() {
      return new SubscribeOptions(this);
    }
  }
}
