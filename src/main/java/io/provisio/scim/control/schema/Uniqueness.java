package io.provisio.scim.control.schema;

/** How the service provider enforces uniqueness (RFC 7643 §7 "uniqueness"). */
public enum Uniqueness {
  NONE("none"),
  SERVER("server"),
  GLOBAL("global");

  private final String wireName;

  Uniqueness(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in schema representations. */
  public String wireName() {
    return wireName;
  }
}
