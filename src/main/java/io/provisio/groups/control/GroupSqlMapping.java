package io.provisio.groups.control;

import io.provisio.scim.control.filter.SqlColumn;
import io.provisio.scim.control.filter.SqlMapping;
import io.provisio.scim.control.filter.SqlValueTable;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.ResolvedAttribute;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where the groups table keeps each filterable attribute; the outer table alias is {@code g}. */
public final class GroupSqlMapping implements SqlMapping {

  public static final GroupSqlMapping INSTANCE = new GroupSqlMapping();

  private static final Map<String, SqlColumn> COLUMNS =
      Map.of(
          "id", new SqlColumn("g.id", AttributeType.STRING, true, null),
          "displayname", SqlColumn.caseInsensitive("g.display_name", "g.display_name_lower"),
          "externalid", new SqlColumn("g.external_id", AttributeType.STRING, true, null),
          "meta.created", SqlColumn.of("g.created_at", AttributeType.DATE_TIME),
          "meta.lastmodified", SqlColumn.of("g.last_modified", AttributeType.DATE_TIME));

  private GroupSqlMapping() {}

  @Override
  public Optional<SqlColumn> column(ResolvedAttribute attribute) {
    String path = attribute.attribute().name()
        + (attribute.subAttribute() == null ? "" : "." + attribute.subAttribute().name());
    return Optional.ofNullable(COLUMNS.get(path.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Optional<SqlValueTable> valueTable(ResolvedAttribute attribute) {
    if (!attribute.attribute().name().equalsIgnoreCase("members")) {
      return Optional.empty();
    }
    return Optional.of(new SqlValueTable("group_member", "%s.group_id = g.id",
        Map.of("value", new SqlColumn("%s.user_id", AttributeType.STRING, true, null))));
  }
}
