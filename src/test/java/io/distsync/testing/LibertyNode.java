package io.distsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One DistSync node: the build's {@code distsync} Liberty server run in the foreground as a process
 * of its own, with its own output folder ({@code WLP_OUTPUT_DIR}), data folder and environment.
 */
public final class LibertyNode implements AutoCloseable {
  private final String id;
  private final int httpPort;
  private final Path home;
  private final Path wlp;
  private final Map<String, String> env;
  private Process process;
  private volatile boolean paused;
  private volatile boolean diskLimited;

  LibertyNode(String id, int httpPort, Path home, Path wlp, Map<String, String> env) {
    this.id = id;
    this.httpPort = httpPort;
    this.home = home;
    this.wlp = wlp;
    this.env = new LinkedHashMap<>(env);
  }

  public String id() {
    return id;
  }

  public int port() {
    return httpPort;
  }

  /**
   * The port other nodes call: {@code PEER_PORT} (mutual TLS) when TLS is on, the API port when it
   * is off.
   */
  public int peerPort() {
    String peer = env.get("PEER_PORT");
    return "http".equals(scheme(env)) || peer == null ? httpPort : Integer.parseInt(peer);
  }

  /** {@code https://localhost:<port>}, or {@code http://} when the node runs with TLS=off. */
  public String url() {
    return scheme(env) + "://localhost:" + httpPort;
  }

  /** The scheme a node with this environment serves: TLS is on unless {@code TLS=off}. */
  static String scheme(Map<String, String> env) {
    return "off".equalsIgnoreCase(env.getOrDefault("TLS", "on")) ? "http" : "https";
  }

  public Path dataDir() {
    return home.resolve("raft");
  }

  public Path messagesLog() {
    return home.resolve("liberty/distsync/logs/messages.log");
  }

  /** Sets an environment variable for the next start. */
  public void env(String name, String value) {
    env.put(name, value);
  }

  /** Starts the server process; it keeps its data folder across restarts. */
  public LibertyNode start() {
    if (isRunning()) {
      throw new IllegalStateException(id + " is already running");
    }
    try {
      Files.createDirectories(dataDir());
      ProcessBuilder pb =
          new ProcessBuilder(List.of(wlp.resolve("bin/server").toString(), "run", "distsync"))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
      pb.environment().putAll(env);
      pb.environment().put("NODE_ID", id);
      pb.environment().put("HTTP_PORT", String.valueOf(httpPort));
      pb.environment().put("DATA_DIR", dataDir().toString());
      pb.environment().put("WLP_OUTPUT_DIR", home.resolve("liberty").toString());
      process = pb.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A thread dump of the node's JVM ({@code jcmd <pid> Thread.print}), for a test to explain a
   * failure; a line of explanation instead when it cannot be taken.
   */
  public String threadDump() {
    if (!isRunning()) {
      return id + " is not running";
    }
    java.util.Optional<ProcessHandle> jvm = jvm();
    if (jvm.isEmpty()) {
      return "no java process under " + id;
    }
    try {
      Process jcmd =
          new ProcessBuilder("jcmd", String.valueOf(jvm.get().pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      byte[] out = jcmd.getInputStream().readAllBytes();
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "jcmd failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private java.util.Optional<ProcessHandle> jvm() {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(process.toHandle()), process.descendants())
        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .findFirst();
  }

  /**
   * SIGSTOP of the node's JVM: it stops dead, as in a long GC pause, with its sockets open (peers
   * and clients see silence, not a refusal). {@link #resume()} sends SIGCONT.
   */
  public void pause() {
    signal("STOP");
    paused = true;
  }

  /** SIGCONT of a JVM stopped by {@link #pause()}. */
  public void resume() {
    if (paused) {
      signal("CONT");
      paused = false;
    }
  }

  public boolean isPaused() {
    return paused;
  }

  private void signal(String name) {
    if (!isRunning()) {
      throw new IllegalStateException(id + " is not running");
    }
    long pid =
        jvm().orElseThrow(() -> new IllegalStateException("no java process under " + id)).pid();
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid + " failed for " + id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Puts the data folder on a file system of its own of {@code bytes} (a tmpfs, mounted before the
   * first start), so that {@link #fillDisk()} fills this node's disk and no other's. Needs root;
   * answers false (and changes nothing) where mounting is not allowed.
   */
  public boolean limitDisk(long bytes) {
    try {
      Files.createDirectories(dataDir());
      Process mount =
          new ProcessBuilder(
                  "mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dataDir().toString())
              .redirectErrorStream(true)
              .start();
      mount.getInputStream().readAllBytes();
      diskLimited = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
      return diskLimited;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Fills the data folder's file system until a write fails (no space left); answers the bytes. */
  public long fillDisk() {
    java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate(1 << 20);
    long written = 0;
    try (java.nio.channels.FileChannel f =
        java.nio.channels.FileChannel.open(
            dataDir().resolve("filler"),
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE,
            java.nio.file.StandardOpenOption.APPEND)) {
      while (true) {
        zeros.clear();
        written += f.write(zeros);
      }
    } catch (IOException full) {
      return written; // no space left on the device
    }
  }

  /** Deletes what {@link #fillDisk()} wrote. */
  public void freeDisk() {
    try {
      Files.deleteIfExists(dataDir().resolve("filler"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void unmountDisk() {
    if (!diskLimited) {
      return;
    }
    try {
      Process umount = new ProcessBuilder("umount", "-l", dataDir().toString()).start();
      umount.waitFor(10, TimeUnit.SECONDS);
      diskLimited = false;
    } catch (IOException e) {
      // left mounted: the next clean of target/ reports it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  public boolean isReady() {
    return Http.statusOf(url() + "/health/ready") == 200;
  }

  public LibertyNode awaitReady(Duration within) {
    Eventually.eventually(within, id + " is ready (" + messagesLog() + ")", this::isReady);
    return this;
  }

  /** kill -9 of the JVM and anything it started: no shutdown hooks, nothing flushed. */
  public void kill() {
    if (process == null) {
      return;
    }
    paused = false; // SIGKILL ends a stopped process too
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    await(Duration.ofSeconds(20));
  }

  /** A clean stop (SIGTERM: Liberty runs its shutdown). */
  public void stop() {
    if (!isRunning()) {
      return;
    }
    resume(); // a stopped JVM would not run its shutdown until continued
    process.destroy();
    if (!await(Duration.ofSeconds(30))) {
      kill();
    }
  }

  private boolean await(Duration within) {
    try {
      return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    stop();
    unmountDisk();
  }

  @Override
  public String toString() {
    return id + "@" + httpPort;
  }
}
