package io.provisio.scim.control.schema;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.filter.AttributePath;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Refuses, as invalidValue naming the attribute, a string longer than its schema's {@code
 * maxLength} (the width of the column that stores it), instead of failing in the database. The
 * lengths are declared once, in the resource type's schema.
 */
public final class MaxLengths {

  private MaxLengths() {}

  public static void check(JsonObject resource, ResourceSchema schema) {
    for (Map.Entry<String, JsonValue> member : resource.entrySet()) {
      var extension = schema.extension(member.getKey());
      if (extension.isPresent() && member.getValue() instanceof JsonObject object) {
        for (Map.Entry<String, JsonValue> inner : object.entrySet()) {
          schema.attribute(extension.get(), inner.getKey())
              .ifPresent(definition -> check(definition, definition.name(), inner.getValue()));
        }
        continue;
      }
      if (member.getKey().indexOf(':') >= 0) continue;
      schema.resolve(AttributePath.of(member.getKey()))
          .filter(resolved -> !resolved.isSchemaRoot())
          .ifPresent(resolved -> check(resolved.attribute(), resolved.attribute().name(), member.getValue()));
    }
  }

  private static void check(AttributeDefinition definition, String name, JsonValue value) {
    if (value instanceof JsonArray array) {
      array.forEach(item -> check(definition, name, item));
    } else if (value instanceof JsonObject object && definition.isComplex()) {
      for (Map.Entry<String, JsonValue> sub : object.entrySet()) {
        definition.subAttribute(sub.getKey())
            .ifPresent(subDefinition -> check(subDefinition, name + "." + subDefinition.name(), sub.getValue()));
      }
    } else if (value instanceof JsonString text && definition.maxLength() > 0) {
      ScimException.requireMaxLength(name, text.getString(), definition.maxLength());
    }
  }
}
