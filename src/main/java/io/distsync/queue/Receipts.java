package io.distsync.queue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message ids ({@code <partition>-<seq>}) and receipts ({@code <partition>-<seq>.<token>}). The
 * token is random per delivery, so a receipt names one delivery of one message: a stale receipt
 * from an earlier delivery cannot ack a redelivered message.
 */
final class Receipts {
  private static final Pattern ID = Pattern.compile("(\\d{1,4})-(\\d{1,18})");
  private static final Pattern RECEIPT =
      Pattern.compile("(\\d{1,4})-(\\d{1,18}\\.[0-9a-z_]{1,40})");

  private Receipts() {}

  /** A receipt or id split into its partition and its partition-local part. */
  record Local(int partition, String local) {}

  static String id(int partition, long seq) {
    return partition + "-" + seq;
  }

  static String receipt(int partition, String localReceipt) {
    return partition + "-" + localReceipt;
  }

  /** The partition and local form ({@code seq.token}) of a receipt, or null if malformed. */
  static Local parseReceipt(String receipt) {
    return receipt == null ? null : split(RECEIPT.matcher(receipt));
  }

  /** The partition and seq of a message id, or null if malformed. */
  static Local parseId(String id) {
    return id == null ? null : split(ID.matcher(id));
  }

  private static Local split(Matcher m) {
    return m.matches() ? new Local(Integer.parseInt(m.group(1)), m.group(2)) : null;
  }

  /** A fresh random token for one consume call; the script appends {@code _<n>} per message. */
  static String token() {
    return Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36);
  }
}
