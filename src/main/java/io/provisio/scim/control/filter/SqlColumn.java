package io.provisio.scim.control.filter;

import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.AttributeType;
import java.util.Objects;

/**
 * A SQL expression holding one attribute value.
 *
 * <p>Expressions of {@link SqlValueTable} sub-attribute columns may contain {@code %s}, replaced by
 * the alias the translator gives the value table. Expressions are trusted SQL from the mapping and
 * must not contain {@code ?}.
 *
 * @param type how literals are bound and compared: text, boolean, number or timestamp
 * @param caseExact false makes string comparisons case-insensitive
 * @param lowerCaseExpression a stored lower-cased copy of the column, so case-insensitive
 *     comparisons can use an index on it; null to compare {@code LOWER(expression)}
 */
public record SqlColumn(
    String expression, AttributeType type, boolean caseExact, String lowerCaseExpression) {

  public SqlColumn {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(type, "type");
    if (type == AttributeType.COMPLEX) {
      throw new IllegalArgumentException("A column holds a simple value, not a complex one");
    }
  }

  /** A column typed as {@code definition} says, without a lower-case shadow column. */
  public static SqlColumn of(String expression, AttributeDefinition definition) {
    return new SqlColumn(expression, definition.type(), definition.caseExact(), null);
  }

  public static SqlColumn of(String expression, AttributeType type) {
    return new SqlColumn(expression, type, true, null);
  }

  /** A case-insensitive string column with a lower-cased shadow column. */
  public static SqlColumn caseInsensitive(String expression, String lowerCaseExpression) {
    return new SqlColumn(expression, AttributeType.STRING, false, lowerCaseExpression);
  }

  SqlColumn withAlias(String alias) {
    return new SqlColumn(
        expression.replace("%s", alias),
        type,
        caseExact,
        lowerCaseExpression == null ? null : lowerCaseExpression.replace("%s", alias));
  }
}
