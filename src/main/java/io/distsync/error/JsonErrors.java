package io.distsync.error;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;

/** Finds out whether a failure was caused by a body that is not the JSON we expect. */
final class JsonErrors {
  private JsonErrors() {}

  /** The innermost {@link ApiException} in the cause chain, or null. */
  static ApiException apiCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApiException api) {
        return api;
      }
    }
    return null;
  }

  static boolean isJsonProblem(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof JsonbException
          || c instanceof JsonParsingException
          || c instanceof jakarta.json.JsonException) {
        return true;
      }
    }
    return false;
  }

  /** A short, safe description: the first line of the deepest JSON error, never a stack trace. */
  static String describe(Throwable t) {
    String detail = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null
          && (c instanceof JsonbException || c instanceof JsonParsingException)) {
        detail = c.getMessage();
      }
    }
    if (detail == null) {
      return "The request is not valid.";
    }
    String firstLine = detail.lines().findFirst().orElse(detail);
    return "Malformed JSON body: "
        + (firstLine.length() > 200 ? firstLine.substring(0, 200) : firstLine);
  }
}
