package io.provisio.scim.control.quirks;

import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.filter.FilterText;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft Entra ID removes group members by listing them in a value: {@code {"op":"Remove",
 * "path":"members","value":[{"value":"id1"},{"value":"id2"}]}} (Microsoft Learn, "Tutorial: Develop
 * and plan provisioning for a SCIM endpoint", Update Group [Remove Members]). In RFC 7644 §3.5.2.2 a
 * remove names its target with a value filter; each listed value becomes {@code members[value eq
 * "id1"]}. An empty list removes nothing. (Read as the RFC, the path alone would remove every member.)
 */
final class RemoveWithValue implements PatchQuirk {

  @Override
  public List<JsonObject> rewrite(JsonObject operation, ResourceSchema schema) {
    String path = Operations.path(operation);
    JsonValue value = Operations.value(operation);
    if (!"remove".equalsIgnoreCase(Operations.op(operation)) || path == null || value == null
        || value.getValueType() == JsonValue.ValueType.NULL || path.contains("[")) {
      return List.of(operation);
    }
    boolean multiValuedComplex = Operations.resolve(path, schema)
        .map(r -> !r.hasSubAttribute() && r.attribute().multiValued() && r.attribute().isComplex()).orElse(false);
    if (!multiValuedComplex) return List.of(operation);
    JsonArray listed = value instanceof JsonArray array ? array : ScimJson.arrayBuilder().add(value).build();
    List<JsonObject> removes = new ArrayList<>();
    for (JsonValue item : listed) {
      JsonValue id = item instanceof JsonObject object ? ScimJson.get(object, "value") : item;
      if (!(id instanceof JsonString text)) {
        return List.of(operation); // not a list of values: the engine says what is wrong
      }
      removes.add(Operations.operation("remove", path + "[value eq " + FilterText.literal(text.getString()) + "]", null));
    }
    return removes;
  }
}
