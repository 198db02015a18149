package io.provisio.scim.control.quirks;

import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Okta renames a group with a path-less replace that carries the group's {@code id} along:
 * {@code {"op":"replace","value":{"id":"…","displayName":"New name"}}} (Okta Developer, "SCIM 2.0
 * protocol reference", Update a specific group name). A read-only attribute in a path-less value
 * is dropped here; the PatchEngine answers a read-only path with mutability.
 */
final class ReadOnlyPathlessKeys implements PatchQuirk {

  @Override
  public List<JsonObject> rewrite(JsonObject operation, ResourceSchema schema) {
    if (Operations.path(operation) != null || !(Operations.value(operation) instanceof JsonObject value)) {
      return List.of(operation);
    }
    var kept = ScimJson.objectBuilder();
    boolean dropped = false;
    for (var entry : value.entrySet()) {
      boolean readOnly = !entry.getKey().equalsIgnoreCase("schemas") && Operations.resolve(entry.getKey(), schema)
          .map(resolved -> !resolved.isSchemaRoot() && resolved.target().isReadOnly()).orElse(false);
      if (readOnly) {
        dropped = true;
      } else {
        kept.add(entry.getKey(), entry.getValue());
      }
    }
    return dropped ? List.of(Operations.with(operation, "value", kept.build())) : List.of(operation);
  }
}
