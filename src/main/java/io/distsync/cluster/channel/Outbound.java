package io.distsync.cluster.channel;

/**
 * The body of a message to send on the channel, encoded only when the peer's writer builds the
 * frame (never on the sender's thread).
 *
 * <p><b>Threading.</b> {@link #writeBody} and {@link #mergeWith} run on the writer of one
 * connection, one call at a time; the object must not change after it is handed to the channel.
 */
public interface Outbound {

  /** Writes the body; the channel adds the length in front. */
  void writeBody(WireOut out);

  /** A guess of the encoded size in bytes, for the bound on queued bytes. */
  default int sizeHint() {
    return 64;
  }

  /**
   * One message that says what this message and {@code later} (queued right after it for the same
   * peer and service) say together, or null when both must go. Lets a writer coalesce, for
   * instance, successive acknowledgements into the latest.
   */
  default Outbound mergeWith(Outbound later) {
    return null;
  }

  /** A body of a few bytes written by a lambda. */
  static Outbound of(java.util.function.Consumer<WireOut> writer) {
    return writer::accept;
  }

  /** A body written by a lambda, of about {@code size} bytes. */
  static Outbound of(java.util.function.Consumer<WireOut> writer, int size) {
    return new Outbound() {
      @Override
      public void writeBody(WireOut out) {
        writer.accept(out);
      }

      @Override
      public int sizeHint() {
        return size;
      }
    };
  }
}
