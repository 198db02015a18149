package io.provisio.scim.control.filter;

import io.provisio.scim.control.schema.AttributeType;
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

  /**
   * The ORDER BY expression for sortBy (RFC 7644 §3.4.2.3), or empty when the attribute cannot be
   * sorted on: the column, lower-cased where comparisons ignore case; a multi-valued attribute sorts
   * only where the type says by which value ({@link #primaryValueSort}).
   */
  default Optional<String> sortExpression(ResolvedAttribute attribute) {
    if (valueTable(attribute).isPresent()) {
      return primaryValueSort(attribute);
    }
    return column(attribute)
        .map(c -> c.lowerCaseExpression() != null ? c.lowerCaseExpression()
            : (!c.caseExact() && c.type() == AttributeType.STRING ? "LOWER(" + c.expression() + ")" : c.expression()));
  }

  /** The expression a multi-valued attribute sorts by (its primary value), if it can be sorted. */
  default Optional<String> primaryValueSort(ResolvedAttribute attribute) {
    return Optional.empty();
  }
}
