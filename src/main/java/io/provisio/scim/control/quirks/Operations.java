package io.provisio.scim.control.quirks;

import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.schema.ResolvedAttribute;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/** Reading the members of one PATCH operation the way the quirks need them. */
final class Operations {

  private Operations() {}

  static String op(JsonObject operation) {
    return ScimJson.get(operation, "op") instanceof JsonString s ? s.getString().strip() : null;
  }

  static String path(JsonObject operation) {
    return ScimJson.get(operation, "path") instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
  }

  static JsonValue value(JsonObject operation) {
    return ScimJson.get(operation, "value");
  }

  /** The operation with one member set (its key as the request spelled it, else lower case). */
  static JsonObject with(JsonObject operation, String member, JsonValue value) {
    var copy = ScimJson.objectBuilder();
    boolean replaced = false;
    for (var entry : operation.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(member)) {
        copy.add(entry.getKey(), value);
        replaced = true;
      } else {
        copy.add(entry.getKey(), entry.getValue());
      }
    }
    if (!replaced) copy.add(member, value);
    return copy.build();
  }

  static JsonObject operation(String op, String path, JsonValue value) {
    var operation = ScimJson.objectBuilder().add("op", op);
    if (path != null) operation.add("path", path);
    if (value != null) operation.add("value", value);
    return operation.build();
  }

  /** The attribute a path names in this schema, if the path parses and resolves. */
  static Optional<ResolvedAttribute> resolve(String path, ResourceSchema schema) {
    try {
      return schema.resolve(AttributePath.parsePatchPath(path).withoutFilter());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
