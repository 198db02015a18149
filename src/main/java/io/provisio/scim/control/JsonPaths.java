package io.provisio.scim.control;

import io.provisio.scim.control.filter.AttributePath;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads values out of a raw SCIM JSON body by attribute path, without needing a schema, e.g. to
 * classify a user from the body an IdP sent. Lenient where IdPs differ:
 *
 * <ul>
 *   <li>member names match case-insensitively;
 *   <li>a URN-prefixed path reads the nested extension object ({@code {"urn:...:User":
 *       {"department": ...}}}), a flat member carrying the whole prefixed name ({@code
 *       "urn:...:User:department": ...}), and for a core URN the top level;
 *   <li>an unprefixed path such as {@code department} that is absent at the top level is looked up
 *       in every extension object and flat URN-prefixed member, in document order, because IdPs
 *       disagree on where enterprise attributes go;
 *   <li>a bare extension URN returns the extension object;
 *   <li>arrays are flattened and JSON nulls skipped, so a caller can test "any value matches";
 *   <li>a value filter ({@code addresses[type eq "work"].country}) keeps only matching items,
 *       comparing case-insensitively as the attribute types are unknown.
 * </ul>
 *
 * <p>A complex value is returned as its object; {@code emails} yields the email objects, {@code
 * emails.value} the addresses.
 */
public final class JsonPaths {

  private static final String CORE_URN_PREFIX = "urn:ietf:params:scim:schemas:core:";

  private JsonPaths() {}

  /** Parses {@code path} (invalidPath on a syntax error) and returns its values. */
  public static List<JsonValue> values(JsonObject resource, String path) {
    return values(resource, AttributePath.parse(path));
  }

  public static List<JsonValue> values(JsonObject resource, AttributePath path) {
    List<JsonValue> result = new ArrayList<>();
    if (resource == null) {
      return result;
    }
    for (JsonValue found : attributeValues(resource, path)) {
      for (JsonValue item : flatten(found)) {
        if (path.hasFilter()
            && !(item instanceof JsonObject object
                && FilterEvaluator.matchesItem(path.valueFilter(), object, null))) {
          continue;
        }
        if (path.subAttribute() == null) {
          result.add(item);
        } else if (item instanceof JsonObject object) {
          result.addAll(flatten(ScimJson.get(object, path.subAttribute())));
        }
      }
    }
    return result;
  }

  /** The raw values of {@code [urn:]attribute}, before flattening and sub-attribute selection. */
  private static List<JsonValue> attributeValues(JsonObject resource, AttributePath path) {
    List<JsonValue> found = new ArrayList<>();
    String urn = path.schemaUrn();
    String attribute = path.attribute();
    if (urn == null) {
      addIfPresent(found, ScimJson.get(resource, attribute));
      if (found.isEmpty()) {
        String suffix = ":" + attribute.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, JsonValue> member : resource.entrySet()) {
          String key = member.getKey().toLowerCase(Locale.ROOT);
          if (!key.startsWith("urn:")) {
            continue;
          }
          if (member.getValue() instanceof JsonObject extension) {
            addIfPresent(found, ScimJson.get(extension, attribute));
          } else if (key.endsWith(suffix)) {
            addIfPresent(found, member.getValue());
          }
        }
      }
      return found;
    }
    String fullName = urn + ":" + attribute;
    if (path.subAttribute() == null
        && !path.hasFilter()
        && ScimJson.get(resource, fullName) instanceof JsonObject extension) {
      found.add(extension);
      return found;
    }
    if (ScimJson.get(resource, urn) instanceof JsonObject extension) {
      addIfPresent(found, ScimJson.get(extension, attribute));
    }
    addIfPresent(found, ScimJson.get(resource, fullName));
    if (found.isEmpty() && isCoreUrn(resource, urn)) {
      addIfPresent(found, ScimJson.get(resource, attribute));
    }
    return found;
  }

  /** A core schema's attributes sit at the top level: the RFC core URNs, or the first schema. */
  private static boolean isCoreUrn(JsonObject resource, String urn) {
    if (urn.regionMatches(true, 0, CORE_URN_PREFIX, 0, CORE_URN_PREFIX.length())) {
      return true;
    }
    if (ScimJson.get(resource, "schemas") instanceof JsonArray schemas
        && !schemas.isEmpty()
        && schemas.get(0) instanceof JsonString first) {
      return first.getString().equalsIgnoreCase(urn);
    }
    return false;
  }

  private static void addIfPresent(List<JsonValue> found, JsonValue value) {
    if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
      found.add(value);
    }
  }

  private static List<JsonValue> flatten(JsonValue value) {
    List<JsonValue> items = new ArrayList<>();
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return items;
    }
    if (value instanceof JsonArray array) {
      for (JsonValue item : array) {
        if (item.getValueType() != JsonValue.ValueType.NULL) {
          items.add(item);
        }
      }
    } else {
      items.add(value);
    }
    return items;
  }
}
