package io.provisio.scim.control.schema;

/** When an attribute is returned in responses (RFC 7643 §7 "returned"). */
public enum Returned {
  ALWAYS("always"),
  NEVER("never"),
  DEFAULT("default"),
  REQUEST("request");

  private final String wireName;

  Returned(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in schema representations. */
  public String wireName() {
    return wireName;
  }
}
