package io.provisio.scim.control.schema;

/** When an attribute may be written (RFC 7643 §7 "mutability"). */
public enum Mutability {
  READ_ONLY("readOnly"),
  READ_WRITE("readWrite"),
  IMMUTABLE("immutable"),
  WRITE_ONLY("writeOnly");

  private final String wireName;

  Mutability(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in schema representations. */
  public String wireName() {
    return wireName;
  }
}
