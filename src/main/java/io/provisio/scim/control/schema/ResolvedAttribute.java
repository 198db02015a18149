package io.provisio.scim.control.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * An attribute path resolved against a {@link ResourceSchema}.
 *
 * @param schema the schema defining the attribute (the core schema for the common attributes)
 * @param extension whether {@code schema} is an extension, i.e. its attributes live in a nested
 *     object keyed by the schema URN
 * @param attribute the top-level attribute; for a bare extension URN used as a path, a synthetic
 *     complex attribute named after the URN whose sub-attributes are the extension's attributes
 * @param subAttribute the sub-attribute, or null
 */
public record ResolvedAttribute(
    SchemaDefinition schema,
    boolean extension,
    AttributeDefinition attribute,
    AttributeDefinition subAttribute) {

  public ResolvedAttribute {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(attribute, "attribute");
  }

  static ResolvedAttribute schemaRoot(SchemaDefinition schema, boolean extension) {
    AttributeDefinition root =
        new AttributeDefinition(
            schema.id(),
            AttributeType.COMPLEX,
            false,
            schema.description(),
            false,
            false,
            Mutability.READ_WRITE,
            Returned.DEFAULT,
            Uniqueness.NONE,
            null,
            null,
            schema.attributes(),
            0);
    return new ResolvedAttribute(schema, extension, root, null);
  }

  public Optional<AttributeDefinition> optionalSubAttribute() {
    return Optional.ofNullable(subAttribute);
  }

  public boolean hasSubAttribute() {
    return subAttribute != null;
  }

  /** True when the path named a whole schema, e.g. the enterprise extension URN alone. */
  public boolean isSchemaRoot() {
    return attribute.name().equals(schema.id());
  }

  /** The definition the path ends at: the sub-attribute if any, else the attribute. */
  public AttributeDefinition target() {
    return subAttribute != null ? subAttribute : attribute;
  }

  public ResolvedAttribute withoutSubAttribute() {
    return subAttribute == null ? this : new ResolvedAttribute(schema, extension, attribute, null);
  }

  public ResolvedAttribute withSubAttribute(AttributeDefinition sub) {
    return new ResolvedAttribute(schema, extension, attribute, sub);
  }

  /**
   * The canonical spelling, e.g. {@code name.givenName}, or for extension attributes {@code
   * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}. Handy as a key in
   * attribute-to-column mappings.
   */
  public String fullName() {
    if (isSchemaRoot()) {
      return schema.id();
    }
    String name =
        subAttribute == null ? attribute.name() : attribute.name() + "." + subAttribute.name();
    return extension ? schema.id() + ":" + name : name;
  }
}
