package io.provisio.scim.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a request body into a {@link JsonObject} through the streaming parser, so that limits apply
 * before anything large or deep is built: nesting depth and the total number of values are bounded.
 * The body must be UTF-8 (a leading byte order mark is skipped). Every failure is a {@link
 * ScimException} 400 invalidSyntax with a short detail that names the line and column but nothing
 * of the parser.
 */
public final class ScimJsonReader {

  public static final int DEFAULT_MAX_DEPTH = 64;
  public static final int DEFAULT_MAX_VALUES = 100_000;

  private static final ScimJsonReader DEFAULT =
      new ScimJsonReader(DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES);

  private final int maxDepth;
  private final int maxValues;

  public ScimJsonReader(int maxDepth, int maxValues) {
    if (maxDepth < 1 || maxValues < 1) {
      throw new IllegalArgumentException("Limits must be positive");
    }
    this.maxDepth = maxDepth;
    this.maxValues = maxValues;
  }

  public static JsonObject read(InputStream in) {
    return DEFAULT.readObject(in);
  }

  /** A request body as JAX-RS hands it over: bytes, decoded here strictly as UTF-8. */
  public static JsonObject read(byte[] body) {
    return DEFAULT.readObject(new java.io.ByteArrayInputStream(body == null ? new byte[0] : body));
  }

  public static JsonObject read(String body) {
    return DEFAULT.readObject(body);
  }

  public JsonObject readObject(String body) {
    String text = body != null && body.startsWith("\uFEFF") ? body.substring(1) : body;
    if (text == null || text.isBlank()) {
      throw ScimException.invalidSyntax("The request body is empty");
    }
    return parse(new StringReader(text));
  }

  public JsonObject readObject(InputStream in) {
    if (in == null) {
      throw ScimException.invalidSyntax("The request body is empty");
    }
    Reader reader;
    try {
      PushbackInputStream pushback = new PushbackInputStream(in, 3);
      byte[] head = new byte[3];
      int read = pushback.readNBytes(head, 0, 3);
      boolean bom =
          read == 3
              && (head[0] & 0xff) == 0xef
              && (head[1] & 0xff) == 0xbb
              && (head[2] & 0xff) == 0xbf;
      if (!bom && read > 0) {
        pushback.unread(head, 0, read);
      }
      int first = pushback.read();
      while (first == ' ' || first == '\t' || first == '\r' || first == '\n') {
        first = pushback.read();
      }
      if (first < 0) {
        throw ScimException.invalidSyntax("The request body is empty");
      }
      pushback.unread(first);
      // A strict decoder: malformed UTF-8 must be rejected, not turned into U+FFFD.
      reader =
          new InputStreamReader(
              pushback,
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));
    } catch (IOException e) {
      throw ScimException.invalidSyntax("The request body could not be read");
    }
    return parse(reader);
  }

  private JsonObject parse(Reader reader) {
    JsonParser parser = null;
    try {
      parser = ScimJson.provider().createParser(reader);
      return build(parser);
    } catch (ScimException e) {
      throw e;
    } catch (JsonParsingException e) {
      throw syntaxError(e, e.getLocation());
    } catch (JsonException e) {
      throw syntaxError(e, null);
    } catch (RuntimeException e) {
      // Parsers may fail in other ways on hostile input; none of them is the client's business.
      throw ScimException.invalidSyntax("The request body is not valid JSON");
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (RuntimeException e) {
          // the failure that matters has been reported already
        }
      }
    }
  }

  private static ScimException syntaxError(Exception e, JsonLocation location) {
    if (hasCause(e, CharacterCodingException.class)) {
      return ScimException.invalidSyntax("The request body is not valid UTF-8");
    }
    if (location != null && location.getLineNumber() > 0) {
      return ScimException.invalidSyntax(
          "The request body is not valid JSON: unexpected input at"
              + " line "
              + location.getLineNumber()
              + ", column "
              + location.getColumnNumber());
    }
    return ScimException.invalidSyntax("The request body is not valid JSON");
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** Builds the object with an explicit stack, so depth costs no recursion. */
  private JsonObject build(JsonParser parser) {
    if (!parser.hasNext()) {
      throw ScimException.invalidSyntax("The request body is empty");
    }
    if (parser.next() != JsonParser.Event.START_OBJECT) {
      throw ScimException.invalidSyntax("The request body must be a JSON object");
    }
    Deque<Object> builders = new ArrayDeque<>();
    Deque<String> keys = new ArrayDeque<>();
    builders.push(ScimJson.objectBuilder());
    int values = 1;
    String key = null;
    JsonObject result = null;
    while (result == null) {
      JsonParser.Event event = parser.next();
      switch (event) {
        case KEY_NAME -> key = parser.getString();
        case START_OBJECT, START_ARRAY -> {
          values = count(values);
          if (builders.size() >= maxDepth) {
            throw ScimException.invalidSyntax(
                "The request body nests deeper than " + maxDepth + " levels");
          }
          keys.push(key == null ? "" : key);
          key = null;
          builders.push(
              event == JsonParser.Event.START_OBJECT
                  ? ScimJson.objectBuilder()
                  : ScimJson.arrayBuilder());
        }
        case END_OBJECT, END_ARRAY -> {
          Object finished = builders.pop();
          JsonValue value =
              finished instanceof JsonObjectBuilder object
                  ? object.build()
                  : ((JsonArrayBuilder) finished).build();
          if (builders.isEmpty()) {
            result = (JsonObject) value;
          } else {
            add(builders.peek(), keys.pop(), value);
          }
        }
        default -> {
          values = count(values);
          add(builders.peek(), key, parser.getValue());
          key = null;
        }
      }
    }
    if (parser.hasNext()) {
      throw ScimException.invalidSyntax("The request body has content after the JSON object");
    }
    return result;
  }

  private int count(int values) {
    if (values >= maxValues) {
      throw ScimException.invalidSyntax("The request body has more than " + maxValues + " values");
    }
    return values + 1;
  }

  private static void add(Object builder, String key, JsonValue value) {
    if (builder instanceof JsonObjectBuilder object) {
      object.add(key, value);
    } else {
      ((JsonArrayBuilder) builder).add(value);
    }
  }
}
