package io.provisio.scim.control.quirks;

import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Microsoft Entra ID adds group members as {@code [{"$ref":null,"value":"…"}]} (Microsoft Learn,
 * "Tutorial: Develop and plan provisioning for a SCIM endpoint", Update Group [Add Members]). A
 * null sub-attribute inside an added or replaced value means "no value" (RFC 7643 §2.5): it is
 * left out, so the engine never sees a null where a reference is expected.
 */
final class NullSubAttributes implements PatchQuirk {

  @Override
  public List<JsonObject> rewrite(JsonObject operation, ResourceSchema schema) {
    JsonValue value = Operations.value(operation);
    if (value instanceof JsonArray array && array.stream().anyMatch(NullSubAttributes::hasNull)) {
      var items = ScimJson.arrayBuilder();
      array.forEach(item -> items.add(item instanceof JsonObject object ? withoutNulls(object) : item));
      return List.of(Operations.with(operation, "value", items.build()));
    }
    return List.of(operation);
  }

  private static boolean hasNull(JsonValue item) {
    return item instanceof JsonObject object
        && object.values().stream().anyMatch(v -> v.getValueType() == JsonValue.ValueType.NULL);
  }

  private static JsonObject withoutNulls(JsonObject object) {
    var copy = ScimJson.objectBuilder();
    object.forEach((key, v) -> {
      if (v.getValueType() != JsonValue.ValueType.NULL) copy.add(key, v);
    });
    return copy.build();
  }
}
