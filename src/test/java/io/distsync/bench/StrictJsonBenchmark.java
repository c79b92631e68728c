package io.distsync.bench;

import io.distsync.json.StrictJson;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the strict JSON check costs a request, next to what the request pays anyway: the check
 * ({@code check}) beside a plain Parsson read of the same body ({@code read}), which every body
 * already goes through. Bodies: a lock acquire (about 80 bytes), a 4 KiB message, a 256 KiB
 * message.
 *
 * <pre>mvn -Pbench verify -Dbench.args="StrictJsonBenchmark"</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class StrictJsonBenchmark {
  private static final StrictJson.Limits LIMITS = new StrictJson.Limits(64, 262_144, 10_000);
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  @Param({"acquire", "message4k", "message256k"})
  public String body;

  private byte[] bytes;
  private String text;

  @Setup
  public void setUp() {
    text =
        switch (body) {
          case "acquire" ->
              "{\"resource\":\"orders/42\",\"owner\":\"worker-1\",\"mode\":\"exclusive\",\"ttlMs\":30000}";
          case "message4k" -> message(4 * 1024);
          default -> message(256 * 1024 - 64);
        };
    bytes = text.getBytes(StandardCharsets.UTF_8);
  }

  /** A message whose payload holds items until it is about this many bytes. */
  private static String message(int size) {
    StringBuilder s = new StringBuilder("{\"payload\":{\"items\":[");
    for (int i = 0; s.length() < size - 64; i++) {
      s.append(i == 0 ? "" : ",")
          .append("{\"sku\":\"item-")
          .append(i)
          .append("\",\"qty\":")
          .append(i % 7)
          .append(",\"note\":\"é 😀\"}");
    }
    return s.append("]},\"key\":\"customer-7\"}").toString();
  }

  @Benchmark
  public String check() {
    return StrictJson.check(bytes, LIMITS);
  }

  @Benchmark
  public Object read() {
    try (JsonReader r = READERS.createReader(new StringReader(text))) {
      return r.readValue();
    }
  }
}
