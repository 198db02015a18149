package io.provisio.scim.control.schema;

/** The attribute data types of RFC 7643 §2.3. */
public enum AttributeType {
  STRING("string"),
  BOOLEAN("boolean"),
  DECIMAL("decimal"),
  INTEGER("integer"),
  DATE_TIME("dateTime"),
  BINARY("binary"),
  REFERENCE("reference"),
  COMPLEX("complex");

  private final String wireName;

  AttributeType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in schema representations. */
  public String wireName() {
    return wireName;
  }
}
