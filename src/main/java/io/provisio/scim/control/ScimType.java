package io.provisio.scim.control;

/** The {@code scimType} error keywords of RFC 7644 §3.12. */
public enum ScimType {
  INVALID_FILTER("invalidFilter"),
  TOO_MANY("tooMany"),
  UNIQUENESS("uniqueness"),
  MUTABILITY("mutability"),
  INVALID_SYNTAX("invalidSyntax"),
  INVALID_PATH("invalidPath"),
  NO_TARGET("noTarget"),
  INVALID_VALUE("invalidValue"),
  INVALID_VERS("invalidVers"),
  SENSITIVE("sensitive");

  private final String wireName;

  ScimType(String wireName) {
    this.wireName = wireName;
  }

  /** The keyword as it appears in the {@code scimType} member of an error response. */
  public String wireName() {
    return wireName;
  }
}
