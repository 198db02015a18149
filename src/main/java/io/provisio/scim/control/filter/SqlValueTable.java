package io.provisio.scim.control.filter;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The table holding the values of one multi-valued attribute, one row per value. A filter on the
 * attribute becomes {@code EXISTS (SELECT 1 FROM table alias WHERE correlation AND ...)}.
 *
 * @param table the table name, trusted SQL
 * @param correlation ties a row to the outer resource row, e.g. {@code "%s.user_id = u.id AND
 *     %s.attribute = 'emails'"}; every {@code %s} becomes the generated alias
 * @param subAttributeColumns columns by sub-attribute name (case-insensitive); "value" also serves
 *     comparisons on the bare attribute ({@code emails co "x"}) and on simple multi-valued
 *     attributes
 */
public record SqlValueTable(
    String table, String correlation, Map<String, SqlColumn> subAttributeColumns) {

  public SqlValueTable {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(correlation, "correlation");
    Map<String, SqlColumn> lowerCased = new LinkedHashMap<>();
    subAttributeColumns.forEach(
        (name, column) -> lowerCased.put(name.toLowerCase(Locale.ROOT), column));
    subAttributeColumns = Map.copyOf(lowerCased);
  }

  public Optional<SqlColumn> subAttributeColumn(String name) {
    return Optional.ofNullable(subAttributeColumns.get(name.toLowerCase(Locale.ROOT)));
  }
}
