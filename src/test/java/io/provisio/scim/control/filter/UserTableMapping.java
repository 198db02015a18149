package io.provisio.scim.control.filter;

import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.ResolvedAttribute;
import java.util.Map;
import java.util.Optional;

/** A mapping of users onto a users table and a value table, as a real one would look. */
final class UserTableMapping implements SqlMapping {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static final Map<String, SqlColumn> COLUMNS =
      Map.of(
          "id",
          SqlColumn.of("u.id", AttributeType.STRING),
          "userName",
          SqlColumn.caseInsensitive("u.user_name", "u.user_name_lower"),
          "name.familyName",
          new SqlColumn("u.family_name", AttributeType.STRING, false, null),
          "title",
          new SqlColumn("u.title", AttributeType.STRING, false, null),
          "userType",
          new SqlColumn("u.user_type", AttributeType.STRING, false, null),
          "active",
          SqlColumn.of("u.active", AttributeType.BOOLEAN),
          "meta.lastModified",
          SqlColumn.of("u.last_modified", AttributeType.DATE_TIME),
          ENTERPRISE + ":department",
          new SqlColumn("u.department", AttributeType.STRING, false, null),
          ENTERPRISE + ":manager.value",
          SqlColumn.of("u.manager_id", AttributeType.STRING));

  private static SqlValueTable values(String attribute) {
    return new SqlValueTable(
        "user_values",
        "%s.user_id = u.id AND %s.attribute = '" + attribute + "'",
        Map.of(
            "value", SqlColumn.caseInsensitive("%s.val", "%s.val_lower"),
            "TYPE", new SqlColumn("%s.type", AttributeType.STRING, false, null),
            "primary", SqlColumn.of("%s.is_primary", AttributeType.BOOLEAN)));
  }

  @Override
  public Optional<SqlColumn> column(ResolvedAttribute attribute) {
    return Optional.ofNullable(COLUMNS.get(attribute.fullName()));
  }

  @Override
  public Optional<SqlValueTable> valueTable(ResolvedAttribute attribute) {
    return switch (attribute.fullName()) {
      case "emails", "ims" -> Optional.of(values(attribute.fullName()));
      default -> Optional.empty();
    };
  }
}
