package io.distsync.cluster;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A logger whose every line starts with this node's id, so that the logs of several nodes can be
 * read side by side. Goes through java.util.logging into Liberty's messages.log and console.
 */
public final class NodeLog {
  private static volatile String nodeId;
  private final Logger logger;

  private NodeLog(Logger logger) {
    this.logger = logger;
  }

  public static NodeLog of(Class<?> type) {
    return new NodeLog(Logger.getLogger(type.getName()));
  }

  public void info(String message) {
    log(Level.INFO, null, message);
  }

  public void warn(String message) {
    log(Level.WARNING, null, message);
  }

  public void warn(Throwable cause, String message) {
    log(Level.WARNING, cause, message);
  }

  public void error(Throwable cause, String message) {
    log(Level.SEVERE, cause, message);
  }

  public void debug(String message) {
    log(Level.FINE, null, message);
  }

  public boolean isDebug() {
    return logger.isLoggable(Level.FINE);
  }

  private void log(Level level, Throwable cause, String message) {
    if (logger.isLoggable(level)) {
      logger.log(level, "[" + nodeId() + "] " + message, cause);
    }
  }

  private static String nodeId() {
    String id = nodeId;
    if (id == null) {
      try {
        id = ConfigProvider.getConfig().getOptionalValue("NODE_ID", String.class).orElse("node1");
      } catch (RuntimeException | LinkageError e) {
        id = "node?";
      }
      nodeId = id;
    }
    return id;
  }
}
