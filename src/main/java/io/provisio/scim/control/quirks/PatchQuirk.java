package io.provisio.scim.control.quirks;

import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * One identity provider's deviation from RFC 7644 §3.5.2, rewritten into the RFC's form before the
 * PatchEngine (which accepts only that form) sees the operation. Each quirk names its source in its
 * Javadoc and has its own test; {@link PatchQuirks} applies them in order.
 */
public interface PatchQuirk {

  /**
   * The operation in RFC form: usually the same operation (unchanged when this quirk does not
   * concern it), sometimes several, or none.
   */
  List<JsonObject> rewrite(JsonObject operation, ResourceSchema schema);
}
