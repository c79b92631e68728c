package io.distsync.json;

import io.distsync.error.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a request body is one strict JSON object within the limits, streaming it once with
 * Parsson's parser and keeping nothing but a stack as deep as the body. Plain Java: every method is
 * thread-safe and never blocks.
 */
public final class StrictJson {
  /** A number's text is at most this long: enough for any long or double, not for a 1 MB one. */
  static final int MAX_NUMBER_LENGTH = 100;

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  /** Bounds of a body: nesting depth, characters per string or name, members per container. */
  public record Limits(int maxDepth, int maxStringLength, int maxMembers) {}

  private StrictJson() {}

  /**
   * The body as text, once checked; 400 {@code INVALID_REQUEST} naming the first rule it breaks.
   */
  public static String check(byte[] body, Limits limits) {
    String text = utf8(body);
    try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
      walk(parser, limits);
    } catch (JsonException
        | IllegalStateException
        | ArithmeticException
        | java.util.NoSuchElementException e) {
      throw ApiException.invalid("Malformed JSON body: " + firstLine(e.getMessage()));
    }
    return text;
  }

  /** RFC 8259 §8.1: JSON exchanged between systems is UTF-8; bytes that are not are refused. */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.invalid("The body is not valid UTF-8.");
    }
  }

  private static void walk(JsonParser parser, Limits limits) {
    if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
      throw ApiException.invalid("The body must be one JSON object.");
    }
    // One frame per open container: its member count and, for an object, the names seen.
    Deque<Frame> open = new ArrayDeque<>();
    open.push(new Frame(true));
    while (!open.isEmpty()) {
      JsonParser.Event event = parser.next();
      Frame top = open.peek();
      switch (event) {
        case KEY_NAME -> {
          String name = string(parser.getString(), limits, "A member name");
          if (!top.names.add(name)) {
            throw ApiException.invalid("The member name \"" + shorten(name) + "\" appears twice.");
          }
          count(top, limits);
        }
        case START_OBJECT, START_ARRAY -> {
          if (!top.object) {
            count(top, limits);
          }
          if (open.size() >= limits.maxDepth()) {
            throw ApiException.invalid(
                "The body is nested deeper than " + limits.maxDepth() + " levels.");
          }
          open.push(new Frame(event == JsonParser.Event.START_OBJECT));
        }
        case END_OBJECT, END_ARRAY -> open.pop();
        case VALUE_STRING -> {
          string(parser.getString(), limits, "A string");
          arrayItem(top, limits);
        }
        case VALUE_NUMBER -> {
          if (parser.getString().length() > MAX_NUMBER_LENGTH) {
            throw ApiException.invalid(
                "A number is longer than " + MAX_NUMBER_LENGTH + " characters.");
          }
          arrayItem(top, limits);
        }
        default -> arrayItem(top, limits); // true, false, null
      }
    }
    // RFC 8259 §2: a JSON text is one value; only whitespace may follow it.
    boolean more;
    try {
      more = parser.hasNext();
    } catch (JsonException e) {
      more = true; // the parser refuses what follows the value as it reads it
    }
    if (more) {
      throw ApiException.invalid("The body has more after its JSON value.");
    }
  }

  private static void arrayItem(Frame top, Limits limits) {
    if (!top.object) {
      count(top, limits);
    }
  }

  private static void count(Frame frame, Limits limits) {
    if (++frame.members > limits.maxMembers()) {
      throw ApiException.invalid(
          "An object or array has more than " + limits.maxMembers() + " members.");
    }
  }

  /** Bounded, and whole Unicode: a lone surrogate would reach storage as "?" (RFC 8259 §8.2). */
  private static String string(String s, Limits limits, String what) {
    if (s.length() > limits.maxStringLength()) {
      throw ApiException.invalid(
          what + " is longer than " + limits.maxStringLength() + " characters.");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ApiException.invalid(
            what + " holds an unpaired surrogate (\\u" + Integer.toHexString(c) + ").");
      }
    }
    return s;
  }

  private static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "not JSON";
    }
    String line = message.lines().findFirst().orElse(message);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  /** An open object or array. */
  private static final class Frame {
    final boolean object;
    final Set<String> names;
    int members;

    Frame(boolean object) {
      this.object = object;
      this.names = object ? new HashSet<>() : Set.of();
    }
  }
}
