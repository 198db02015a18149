package io.provisio.scim.control.quirks;

import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Some clients (SCIM SDKs that serialise an extension as a resource of its own) send an extension
 * object with its own {@code "schemas"} array: {@code {"op":"add","value":{"urn:…:enterprise:2.0:User":
 * {"schemas":["urn:…"],"department":"D"}}}}. RFC 7643 §3 puts "schemas" only at the resource's top
 * level; the nested one is dropped, as POST and PUT drop it.
 */
final class ExtensionSchemasKey implements PatchQuirk {

  @Override
  public List<JsonObject> rewrite(JsonObject operation, ResourceSchema schema) {
    JsonValue value = Operations.value(operation);
    if (!(value instanceof JsonObject object)) return List.of(operation);
    String path = Operations.path(operation);
    if (path != null && isExtension(path, schema)) {
      return List.of(Operations.with(operation, "value", withoutSchemas(object)));
    }
    if (path != null) return List.of(operation);
    var copy = ScimJson.objectBuilder();
    boolean changed = false;
    for (var entry : object.entrySet()) {
      if (isExtension(entry.getKey(), schema) && entry.getValue() instanceof JsonObject extension
          && ScimJson.get(extension, "schemas") != null) {
        copy.add(entry.getKey(), withoutSchemas(extension));
        changed = true;
      } else {
        copy.add(entry.getKey(), entry.getValue());
      }
    }
    return changed ? List.of(Operations.with(operation, "value", copy.build())) : List.of(operation);
  }

  private static boolean isExtension(String name, ResourceSchema schema) {
    return schema.extension(name).isPresent();
  }

  private static JsonObject withoutSchemas(JsonObject object) {
    var copy = ScimJson.objectBuilder();
    object.forEach((key, v) -> {
      if (!key.equalsIgnoreCase("schemas")) copy.add(key, v);
    });
    return copy.build();
  }
}
