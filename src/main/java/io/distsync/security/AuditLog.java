package io.distsync.security;

import io.distsync.cluster.NodeLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The audit log: one JSON line per security-relevant event (a refused token, a refused right, an
 * administrative action and its outcome) in a file of its own, rotated by size by the JDK's {@link
 * FileHandler}. A line never holds a token. Fields: {@code time}, {@code node}, {@code event}
 * ({@code authentication}, {@code authorization} or {@code admin}), {@code subject}, {@code action}
 * (method and path), {@code name}, {@code from} (the client's address), {@code outcome} ({@code
 * success}, {@code failure}, {@code denied}), {@code status}, {@code reason}.
 */
@ApplicationScoped
public class AuditLog {
  private static final NodeLog LOG = NodeLog.of(AuditLog.class);

  @Inject SecuritySettings settings;

  @Inject
  @ConfigProperty(name = "NODE_ID", defaultValue = "node1")
  String nodeId;

  private Logger logger;
  private FileHandler handler;
  private Path file;

  @PostConstruct
  void open() {
    file = Path.of(settings.auditLog().orElseGet(AuditLog::defaultFile));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      handler =
          new FileHandler(
              file.toString().replace("%", "%%"),
              settings.auditMaxBytes(),
              settings.auditFiles(),
              true);
      handler.setFormatter(new LineFormatter());
      handler.setLevel(Level.ALL);
      logger = Logger.getLogger("io.distsync.audit." + nodeId);
      logger.setUseParentHandlers(false); // its own file only, not messages.log
      logger.setLevel(Level.INFO);
      logger.addHandler(handler);
      LOG.info("audit log in " + file);
    } catch (IOException | RuntimeException e) {
      LOG.error(e, "the audit log " + file + " cannot be opened: " + e.getMessage());
    }
  }

  /** Where the audit file goes by default: next to the server's messages.log. */
  static String defaultFile() {
    String out = System.getenv("WLP_OUTPUT_DIR");
    if (out != null && !out.isBlank()) {
      return out + "/distsync/logs/audit.log";
    }
    return System.getProperty("user.dir", ".") + "/logs/audit.log";
  }

  public Path file() {
    return file;
  }

  /** Writes one event. */
  public void write(
      String event,
      String subject,
      String action,
      String name,
      String from,
      String outcome,
      int status,
      String reason) {
    Logger l = logger;
    if (l == null) {
      return;
    }
    JsonObjectBuilder line =
        Json.createObjectBuilder()
            .add("time", Instant.now().toString())
            .add("node", nodeId)
            .add("event", event)
            .add("outcome", outcome)
            .add("status", status)
            .add("action", action);
    addIfSet(line, "subject", subject);
    addIfSet(line, "name", name);
    addIfSet(line, "from", from);
    addIfSet(line, "reason", reason);
    l.info(line.build().toString());
  }

  private static void addIfSet(JsonObjectBuilder b, String key, String value) {
    if (value != null) {
      b.add(key, value);
    }
  }

  @PreDestroy
  void close() {
    if (handler != null) {
      logger.removeHandler(handler);
      handler.close();
    }
  }

  /** The message as it is: each record is already one JSON object. */
  private static final class LineFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
      return r.getMessage() + System.lineSeparator();
    }
  }
}
