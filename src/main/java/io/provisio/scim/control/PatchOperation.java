package io.provisio.scim.control;

import io.provisio.scim.control.filter.AttributePath;
import jakarta.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation of a PATCH request (RFC 7644 §3.5.2).
 *
 * @param path the target, empty when the value names the attributes
 * @param value the "value" member; null when the request had none (remove), {@link JsonValue#NULL}
 *     when it was an explicit null
 */
public record PatchOperation(Op op, Optional<AttributePath> path, JsonValue value) {

  public PatchOperation {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(path, "path");
  }

  public enum Op {
    ADD("add"),
    REPLACE("replace"),
    REMOVE("remove");

    private final String wireName;

    Op(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** "add", "replace" or "remove" (Entra's "Add" is rewritten before: quirks.CapitalisedOp). */
    public static Optional<Op> fromWireName(String name) {
      for (Op op : values()) {
        if (op.wireName.equals(name)) {
          return Optional.of(op);
        }
      }
      return Optional.empty();
    }
  }
}
