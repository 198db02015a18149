package io.provisio.scim.control.filter;

import io.provisio.scim.control.schema.ResolvedAttribute;
import java.util.Optional;

/** Tells {@link SqlFilterTranslator} where a resource type keeps its attributes. */
public interface SqlMapping {

  /**
   * The column of a single-valued attribute or of a sub-attribute of a single-valued complex
   * attribute ({@code name.givenName}); empty when multi-valued or not filterable.
   */
  Optional<SqlColumn> column(ResolvedAttribute attribute);

  /**
   * The table of a multi-valued attribute (called without sub-attribute); empty when the attribute
   * is not filterable.
   */
  default Optional<SqlValueTable> valueTable(ResolvedAttribute attribute) {
    return Optional.empty();
  }
}
