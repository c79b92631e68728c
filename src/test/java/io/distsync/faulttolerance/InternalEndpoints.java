package io.distsync.faulttolerance;

import io.distsync.cluster.InternalResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every node-to-node endpoint the server declares, found from the JAX-RS annotations of the
 * application's own classes (resources and Rest Client interfaces alike) whose path starts with
 * {@code /internal}, so a test covers each endpoint as soon as it is written.
 */
final class InternalEndpoints {
  private InternalEndpoints() {}

  /** One endpoint: HTTP method and path template, and the template with its parameters filled. */
  record Endpoint(String method, String path) implements Comparable<Endpoint> {
    String samplePath() {
      return path.replaceAll("\\{[^}]*}", "x");
    }

    @Override
    public int compareTo(Endpoint o) {
      return (path + " " + method).compareTo(o.path + " " + o.method);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static List<Endpoint> discover() throws IOException, URISyntaxException {
    java.nio.file.Path classes =
        java.nio.file.Path.of(
            InternalResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    TreeSet<Endpoint> found = new TreeSet<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(f).toString().replace('/', '.').replace('\\', '.');
        name = name.substring(0, name.length() - ".class".length());
        Class<?> type;
        try {
          type = Class.forName(name, false, InternalEndpoints.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        Path classPath;
        try {
          classPath = type.getAnnotation(Path.class);
        } catch (RuntimeException | LinkageError e) {
          continue;
        }
        if (classPath == null) {
          continue;
        }
        for (Method m : type.getDeclaredMethods()) {
          String http = httpMethod(m);
          if (http == null) {
            continue;
          }
          Path methodPath = m.getAnnotation(Path.class);
          String full = join(classPath.value(), methodPath == null ? "" : methodPath.value());
          if (full.equals("/internal") || full.startsWith("/internal/")) {
            found.add(new Endpoint(http, full));
          }
        }
      }
    }
    return new ArrayList<>(found);
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
      if (h != null) {
        return h.value();
      }
    }
    return null;
  }

  private static String join(String a, String b) {
    String path = ("/" + a + "/" + b).replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
