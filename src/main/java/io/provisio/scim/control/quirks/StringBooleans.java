package io.provisio.scim.control.quirks;

import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Microsoft Entra ID sends booleans as strings, {@code {"op":"Replace","path":"active",
 * "value":"False"}} (Microsoft Learn, "Known issues and resolutions with SCIM 2.0 protocol
 * compliance of the Microsoft Entra user provisioning service": "active" and other booleans as
 * "True"/"False" unless {@code aadOptscim062020} is set). Where the schema says boolean, the
 * strings "true" and "false" (any case) become JSON booleans; anything else is left for the engine
 * to refuse.
 */
final class StringBooleans implements PatchQuirk {

  @Override
  public List<JsonObject> rewrite(JsonObject operation, ResourceSchema schema) {
    String path = Operations.path(operation);
    JsonValue value = Operations.value(operation);
    if (path != null) {
      boolean isBoolean = Operations.resolve(path, schema)
          .map(resolved -> resolved.target().type() == AttributeType.BOOLEAN).orElse(false);
      JsonValue converted = isBoolean ? bool(value) : null;
      return converted == null ? List.of(operation) : List.of(Operations.with(operation, "value", converted));
    }
    if (!(value instanceof JsonObject object)) return List.of(operation);
    var copy = ScimJson.objectBuilder();
    boolean changed = false;
    for (var entry : object.entrySet()) {
      boolean isBoolean = Operations.resolve(entry.getKey(), schema)
          .map(resolved -> !resolved.isSchemaRoot() && resolved.target().type() == AttributeType.BOOLEAN).orElse(false);
      JsonValue converted = isBoolean ? bool(entry.getValue()) : null;
      copy.add(entry.getKey(), converted == null ? entry.getValue() : converted);
      changed |= converted != null;
    }
    return changed ? List.of(Operations.with(operation, "value", copy.build())) : List.of(operation);
  }

  /** JSON true/false for the strings "true"/"false"; null for anything else. */
  static JsonValue bool(JsonValue value) {
    Boolean bool = value instanceof JsonString ? ScimJson.lenientBoolean(value) : null;
    return bool == null ? null : ScimJson.bool(bool);
  }
}
