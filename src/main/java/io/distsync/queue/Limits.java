package io.distsync.queue;

/** The bounds the contract puts on queue requests; past them a request is 400 INVALID_REQUEST. */
final class Limits {
  private Limits() {}

  /** Names of queues and message keys: 1..256 characters of this set. */
  static final String NAME_PATTERN = "[A-Za-z0-9._:/-]{1,256}";

  static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(NAME_PATTERN);

  static final int MAX_BATCH = 1000;
  static final int MAX_PAYLOAD_BYTES = 256 * 1024;
  static final int MIN_PRIORITY = 0;

  /** AMQP's range: priorities are unsigned bytes. */
  static final int MAX_PRIORITY = 255;

  static final long MAX_DELAY_MS = 86_400_000L;
  static final int MAX_DEDUP_ID_LENGTH = 256;
  static final long DEDUP_WINDOW_MS = 300_000L;
  static final int MAX_CONSUME = 1000;
  static final long MAX_WAIT_MS = 20_000L;
  static final long MIN_VISIBILITY_MS = 100L;
  static final long MAX_VISIBILITY_MS = 43_200_000L;
  static final int MAX_CONSUMER_LENGTH = 256;
  static final int MAX_RECEIPT_LENGTH = 128;
  static final int MAX_LIST = 1000;
}
