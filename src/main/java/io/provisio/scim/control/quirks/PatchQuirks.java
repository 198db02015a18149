package io.provisio.scim.control.quirks;

import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Every known IdP PATCH quirk, in the order they are applied to each operation. */
public final class PatchQuirks {

  private static final List<PatchQuirk> ALL = List.of(
      new CapitalisedOp(),
      new DottedPathlessKeys(),
      new ReadOnlyPathlessKeys(),
      new ExtensionSchemasKey(),
      new NullSubAttributes(),
      new StringBooleans(),
      new RemoveWithValue());

  private PatchQuirks() {}

  /**
   * The operation rewritten by every quirk in turn. What is not an object with a string "op" is left
   * as it is, for the engine to refuse with the reason.
   */
  public static List<Object> rewrite(Object operation, ResourceSchema schema) {
    if (!(operation instanceof JsonObject object) || Operations.op(object) == null) {
      return List.of(operation);
    }
    List<JsonObject> current = List.of(object);
    for (PatchQuirk quirk : ALL) {
      List<JsonObject> next = new ArrayList<>();
      for (JsonObject each : current) {
        next.addAll(quirk.rewrite(each, schema));
      }
      current = next;
    }
    return List.copyOf(current);
  }
}
