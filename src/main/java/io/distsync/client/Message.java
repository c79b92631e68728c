package io.distsync.client;

/**
 * A message to send: a payload (any value Jackson maps to JSON) and the optional fields of {@code
 * POST /queues/{queue}/messages}. Without a {@code deduplicationId} the client gives the message a
 * random one when it is sent, so a retried send stores it once.
 */
public final class Message {
  final Object payload;
  final String key;
  final Integer priority;
  final String deduplicationId;
  final Long delayMs;

  private Message(Builder b) {
    this.payload = b.payload;
    this.key = b.key;
    this.priority = b.priority;
    this.deduplicationId = b.deduplicationId;
    this.delayMs = b.delayMs;
  }

  /** A message of {@code payload} with no other field. */
  public static Message of(Object payload) {
    return builder(payload).build();
  }

  /** A builder for a message of {@code payload}. */
  public static Builder builder(Object payload) {
    return new Builder(payload);
  }

  /** The optional fields of a message. */
  public static final class Builder {
    private final Object payload;
    private String key;
    private Integer priority;
    private String deduplicationId;
    private Long delayMs;

    private Builder(Object payload) {
      this.payload = payload;
    }

    /** Picks the partition: messages of one key keep their order. */
    public Builder key(String key) {
      this.key = key;
      return this;
    }

    /** 0 to 255, higher first. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** The id the server deduplicates on for 5 minutes (default: a random one per message). */
    public Builder deduplicationId(String id) {
      this.deduplicationId = id;
      return this;
    }

    /** Deliverable only after this many milliseconds (0 to 24 h). */
    public Builder delayMs(long delayMs) {
      this.delayMs = delayMs;
      return this;
    }

    /** The message. */
    public Message build() {
      return new Message(this);
    }
  }
}
