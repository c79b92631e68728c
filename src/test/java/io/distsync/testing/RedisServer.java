package io.distsync.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process with AOF on, owned by the test. The binary is {@code
 * REDIS_SERVER}, else {@code redis-server} on PATH, else the one the build unpacked from the
 * embedded-redis jar (system property {@code distsync.redis.binary}). AOF fsync policy: {@code
 * REDIS_APPENDFSYNC} ({@code everysec} by default, {@code always} for no loss window).
 */
public final class RedisServer implements AutoCloseable {
  private final int port;
  private final Path dir;
  private Process process;
  private List<String> extra = List.of();

  public RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** Extra redis-server arguments for the next starts (for example {@code --replicaof}). */
  public RedisServer withArgs(String... args) {
    this.extra = List.of(args);
    return this;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://localhost:" + port + "/0";
  }

  public static String binary() {
    String env = System.getenv("REDIS_SERVER");
    if (env != null && !env.isBlank()) {
      return env;
    }
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(p, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    String shipped = System.getProperty("distsync.redis.binary", "target/redis/redis-server");
    File f = new File(shipped);
    if (!f.isFile()) {
      throw new IllegalStateException("no redis-server: none on PATH and " + shipped + " missing");
    }
    f.setExecutable(true);
    return f.getAbsolutePath();
  }

  /** Starts the server (data kept in the same folder across restarts) and waits for PING. */
  public RedisServer start() {
    try {
      Files.createDirectories(dir);
      List<String> cmd = new java.util.ArrayList<>();
      cmd.addAll(
          List.of(
              binary(),
              "--port",
              String.valueOf(port),
              "--bind",
              "127.0.0.1",
              "--dir",
              dir.toAbsolutePath().toString(),
              "--appendonly",
              "yes",
              "--appendfsync",
              System.getenv().getOrDefault("REDIS_APPENDFSYNC", "everysec"),
              "--save",
              ""));
      cmd.addAll(extra);
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Eventually.eventually(Duration.ofSeconds(20), "redis answers PING on " + port, this::ping);
    return this;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Sends one command in inline form and returns the first reply line. */
  public String command(String inline) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }
  }

  public boolean ping() {
    try {
      return "+PONG".equals(command("PING"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Graceful stop: SHUTDOWN flushes the AOF, then the process ends. */
  public void stop() {
    if (!isRunning()) {
      return;
    }
    try {
      command("SHUTDOWN");
    } catch (IOException expected) {
      // the server closes the connection as it exits
    }
    awaitExit();
  }

  /** kill -9: whatever the AOF had not yet written is lost, as in a real crash. */
  public void kill() {
    if (isRunning()) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
