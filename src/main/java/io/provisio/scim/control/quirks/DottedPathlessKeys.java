package io.provisio.scim.control.quirks;

import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft Entra ID sends a path-less add/replace whose keys are attribute paths rather than
 * attributes: {@code {"op":"Add","value":{"name.givenName":"Bo",
 * "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}}} (Microsoft
 * Learn, "Tutorial: Develop and plan provisioning for a SCIM endpoint", the PATCH examples). RFC
 * 7644 §3.5.2.1 expects attributes there; each such key becomes an operation with that path, the
 * plain attributes stay together in one path-less operation.
 */
final class DottedPathlessKeys implements PatchQuirk {

  @Override
  public List<JsonObject> rewrite(JsonObject operation, ResourceSchema schema) {
    if (Operations.path(operation) != null || !(Operations.value(operation) instanceof JsonObject value)) {
      return List.of(operation);
    }
    var plain = ScimJson.objectBuilder();
    List<JsonObject> paths = new ArrayList<>();
    boolean split = false;
    for (var entry : value.entrySet()) {
      if (isAttributePath(entry.getKey(), schema)) {
        paths.add(Operations.operation(Operations.op(operation), entry.getKey(), entry.getValue()));
        split = true;
      } else {
        plain.add(entry.getKey(), entry.getValue());
      }
    }
    if (!split) return List.of(operation);
    JsonObject rest = plain.build();
    List<JsonObject> rewritten = new ArrayList<>();
    if (!rest.isEmpty()) rewritten.add(Operations.with(operation, "value", rest));
    rewritten.addAll(paths);
    return rewritten;
  }

  /** "name.givenName" or "urn:…:User:department": a sub-attribute or an attribute under its schema. */
  private static boolean isAttributePath(String key, ResourceSchema schema) {
    return Operations.resolve(key, schema)
        .filter(resolved -> !resolved.isSchemaRoot())
        .map(resolved -> resolved.hasSubAttribute() || key.indexOf(':') >= 0)
        .orElse(false);
  }
}
