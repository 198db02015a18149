package io.provisio.scim.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/** JSON conventions shared by the SCIM core: case-insensitive member names and dateTime values. */
public final class ScimJson {

  // Json.createXxx() looks the provider up on every call; one lookup is enough.
  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private ScimJson() {}

  public static JsonProvider provider() {
    return PROVIDER;
  }

  public static JsonObjectBuilder objectBuilder() {
    return PROVIDER.createObjectBuilder();
  }

  public static JsonObjectBuilder objectBuilder(JsonObject copyOf) {
    return PROVIDER.createObjectBuilder(copyOf);
  }

  public static JsonArrayBuilder arrayBuilder() {
    return PROVIDER.createArrayBuilder();
  }

  public static JsonString string(String value) {
    return PROVIDER.createValue(value);
  }

  public static JsonNumber number(long value) {
    return PROVIDER.createValue(value);
  }

  public static JsonNumber number(BigDecimal value) {
    return PROVIDER.createValue(value);
  }

  /**
   * A boolean as IdPs send it: JSON true/false, or the strings "true"/"false" in any case (Entra ID
   * sends "True"/"False", quirks.StringBooleans); null for anything else. The one place that
   * reads booleans leniently: request bodies, PATCH values (through the quirk) and filters.
   */
  public static Boolean lenientBoolean(JsonValue value) {
    if (value == null) return null;
    return switch (value.getValueType()) {
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case STRING -> lenientBoolean(((JsonString) value).getString());
      default -> null;
    };
  }

  /** The strings "true"/"false" in any case, surrounding blanks ignored; null for anything else. */
  public static Boolean lenientBoolean(String text) {
    String trimmed = text.strip();
    if (trimmed.equalsIgnoreCase("true")) return Boolean.TRUE;
    if (trimmed.equalsIgnoreCase("false")) return Boolean.FALSE;
    return null;
  }

  public static JsonValue bool(boolean value) {
    return value ? JsonValue.TRUE : JsonValue.FALSE;
  }

  /**
   * The member name in {@code object} that matches {@code name} case-insensitively (RFC 7643 §2.1),
   * preferring an exact match, or null.
   */
  public static String findKey(JsonObject object, String name) {
    if (object == null || name == null) {
      return null;
    }
    if (object.containsKey(name)) {
      return name;
    }
    for (String key : object.keySet()) {
      if (key.equalsIgnoreCase(name)) {
        return key;
      }
    }
    return null;
  }

  /** The member matching {@code name} case-insensitively, or null when absent. */
  public static JsonValue get(JsonObject object, String name) {
    String key = findKey(object, name);
    return key == null ? null : object.get(key);
  }

  /** True for JSON null, absent values, empty strings, empty arrays and empty objects. */
  public static boolean isEmpty(JsonValue value) {
    if (value == null) {
      return true;
    }
    return switch (value.getValueType()) {
      case NULL -> true;
      case STRING -> ((JsonString) value).getString().isEmpty();
      case ARRAY -> value.asJsonArray().isEmpty();
      case OBJECT -> value.asJsonObject().values().stream().allMatch(ScimJson::isEmpty);
      default -> false;
    };
  }

  /** "a string", "an object" and so on, for error details. */
  public static String describe(JsonValue value) {
    if (value == null) {
      return "nothing";
    }
    return switch (value.getValueType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
    };
  }

  /**
   * Parses an xsd:dateTime as SCIM uses it (RFC 7643 §2.3.5). A value without an offset is taken as
   * UTC rather than rejected, because several IdPs omit the "Z".
   */
  public static Optional<Instant> parseDateTime(String text) {
    if (text == null || text.length() > 64) {
      return Optional.empty();
    }
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text.trim());
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return Optional.of(OffsetDateTime.from(parsed).toInstant());
      }
      return Optional.of(LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
