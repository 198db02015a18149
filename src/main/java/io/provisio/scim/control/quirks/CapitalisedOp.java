package io.provisio.scim.control.quirks;

import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Microsoft Entra ID sends {@code "op": "Add"}, {@code "Replace"}, {@code "Remove"} (Microsoft
 * Learn, "Known issues and resolutions with SCIM 2.0 protocol compliance of the Microsoft Entra
 * user provisioning service": PATCH operation names are capitalised unless the {@code
 * aadOptscim062020} flag is set); RFC 7644 §3.5.2 names them in lower case.
 */
final class CapitalisedOp implements PatchQuirk {

  @Override
  public List<JsonObject> rewrite(JsonObject operation, ResourceSchema schema) {
    String op = Operations.op(operation);
    if (op == null) return List.of(operation);
    String lower = op.toLowerCase(Locale.ROOT);
    if (lower.equals(op) || !List.of("add", "replace", "remove").contains(lower)) return List.of(operation);
    return List.of(Operations.with(operation, "op", Json.createValue(lower)));
  }
}
