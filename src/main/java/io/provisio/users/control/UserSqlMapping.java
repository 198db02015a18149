package io.provisio.users.control;

import io.provisio.scim.control.filter.SqlColumn;
import io.provisio.scim.control.filter.SqlMapping;
import io.provisio.scim.control.filter.SqlValueTable;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.ResolvedAttribute;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where the users table keeps each filterable attribute; the outer table alias is {@code u}. */
public final class UserSqlMapping implements SqlMapping {

  /** Every column of the users' own tables; the "groups" attribute is not filterable here. */
  public static final UserSqlMapping INSTANCE = new UserSqlMapping(null);

  private static final List<String> VALUE_ATTRIBUTES =
      List.of("emails", "phoneNumbers", "ims", "photos", "entitlements", "roles", "x509Certificates");

  private final Map<String, SqlColumn> columns = new HashMap<>();
  private final SqlValueTable groups;

  /** This mapping with the "groups" attribute filterable in the memberships' table. */
  public UserSqlMapping with(SqlValueTable groupsOfUser) {
    return new UserSqlMapping(groupsOfUser);
  }

  private UserSqlMapping(SqlValueTable groups) {
    this.groups = groups;
    String core = UserSchemas.USER_URN;
    String enterprise = UserSchemas.ENTERPRISE_USER_URN;
    put(core, "id", new SqlColumn("u.id", AttributeType.STRING, true, null));
    put(core, "userName", SqlColumn.caseInsensitive("u.user_name", "u.user_name_lower"));
    put(core, "externalId", new SqlColumn("u.external_id", AttributeType.STRING, true, null));
    put(core, "displayName", text("u.display_name"));
    put(core, "name.givenName", text("u.given_name"));
    put(core, "name.familyName", text("u.family_name"));
    put(core, "nickName", text("u.nick_name"));
    put(core, "title", text("u.title"));
    put(core, "userType", text("u.user_type"));
    put(core, "preferredLanguage", text("u.preferred_language"));
    put(core, "locale", text("u.locale"));
    put(core, "timezone", text("u.timezone"));
    put(core, "active", SqlColumn.of("u.active", AttributeType.BOOLEAN));
    put(core, "meta.created", SqlColumn.of("u.created_at", AttributeType.DATE_TIME));
    put(core, "meta.lastModified", SqlColumn.of("u.last_modified", AttributeType.DATE_TIME));
    put(enterprise, "employeeNumber", text("u.employee_number"));
    put(enterprise, "costCenter", text("u.cost_center"));
    put(enterprise, "organization", text("u.organization"));
    put(enterprise, "division", text("u.division"));
    put(enterprise, "department", text("u.department"));
    put(enterprise, "manager.value", new SqlColumn("u.manager_id", AttributeType.STRING, true, null));
    put(ProvisioUserSchema.URN, "userPrincipalName", text("u.user_principal_name"));
  }

  private static SqlColumn text(String expression) {
    return new SqlColumn(expression, AttributeType.STRING, false, null);
  }

  private void put(String schema, String path, SqlColumn column) {
    columns.put(key(schema, path), column);
  }

  private static String key(String schema, String path) {
    return (schema + ":" + path).toLowerCase(Locale.ROOT);
  }

  private static String path(ResolvedAttribute attribute) {
    return attribute.attribute().name()
        + (attribute.subAttribute() == null ? "" : "." + attribute.subAttribute().name());
  }

  @Override
  public Optional<SqlColumn> column(ResolvedAttribute attribute) {
    String schema = attribute.schema().id();
    String path = path(attribute);
    // meta and id are common attributes: whatever schema they resolve in, they are the same column
    if (path.toLowerCase(Locale.ROOT).startsWith("meta.") || path.equalsIgnoreCase("id")) {
      schema = UserSchemas.USER_URN;
    }
    return Optional.ofNullable(columns.get(key(schema, path)));
  }

  @Override
  public Optional<SqlValueTable> valueTable(ResolvedAttribute attribute) {
    String name = attribute.attribute().name();
    if (name.equalsIgnoreCase("groups") && attribute.schema().id().equals(UserSchemas.USER_URN)) {
      // a group's members, paged through /Users?filter=groups.value eq "<group id>": the groups
      // component says where memberships are (Memberships), or groups cannot be filtered on
      return Optional.ofNullable(groups);
    }
    if (name.equalsIgnoreCase("addresses") && attribute.schema().id().equals(UserSchemas.USER_URN)) {
      return Optional.of(
          new SqlValueTable(
              "scim_user_value",
              "%s.user_id = u.id AND %s.attribute = 'addresses'",
              Map.of(
                  "formatted", text("%s.item_value"),
                  "type", SqlColumn.caseInsensitive("%s.item_type", "%s.item_type_lower"),
                  "primary", SqlColumn.of("%s.primary_flag", AttributeType.BOOLEAN),
                  "streetAddress", text("%s.street_address"),
                  "locality", text("%s.locality"),
                  "region", text("%s.region"),
                  "postalCode", text("%s.postal_code"),
                  "country", text("%s.country"))));
    }
    for (String multi : VALUE_ATTRIBUTES) {
      if (multi.equalsIgnoreCase(name) && attribute.schema().id().equals(UserSchemas.USER_URN)) {
        return Optional.of(
            new SqlValueTable(
                "scim_user_value",
                "%s.user_id = u.id AND %s.attribute = '" + multi + "'",
                Map.of(
                    "value", SqlColumn.caseInsensitive("%s.item_value", "%s.item_value_lower"),
                    "type", SqlColumn.caseInsensitive("%s.item_type", "%s.item_type_lower"),
                    "primary", SqlColumn.of("%s.primary_flag", AttributeType.BOOLEAN),
                    "display", text("%s.display"))));
      }
    }
    return Optional.empty();
  }

  /** A multi-valued attribute sorts by its primary (account) value, RFC 7644 §3.4.2.3: emails only. */
  @Override
  public Optional<String> primaryValueSort(ResolvedAttribute attribute) {
    return attribute.attribute().name().equalsIgnoreCase("emails") ? Optional.of("u.email_lower") : Optional.empty();
  }
}
