package io.provisio.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.groups.control.GroupSchemas;
import io.provisio.groups.control.GroupSqlMapping;
import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.filter.SqlColumn;
import io.provisio.scim.control.filter.SqlMapping;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.CommonAttributes;
import io.provisio.scim.control.schema.ResolvedAttribute;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.SchemaDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lengths the schemas declare (maxLength) are the widths of the columns the migrations create
 * for them, found through each type's SqlMapping: one declaration, checked against the database.
 */
class SchemaColumnsTest {

  private static final Pattern CREATE = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\);", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+) VARCHAR\\((\\d+)\\)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
  private static final Pattern ADD = Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN (\\w+) VARCHAR\\((\\d+)\\)", Pattern.CASE_INSENSITIVE);

  /** table.column → VARCHAR width, from every migration in order. */
  private static Map<String, Integer> widths() throws IOException {
    Map<String, Integer> widths = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        String sql = Files.readString(file);
        var tables = CREATE.matcher(sql);
        while (tables.find()) {
          var columns = COLUMN.matcher(tables.group(2));
          while (columns.find()) {
            widths.put(key(tables.group(1), columns.group(1)), Integer.parseInt(columns.group(2)));
          }
        }
        var added = ADD.matcher(sql);
        while (added.find()) {
          widths.put(key(added.group(1), added.group(2)), Integer.parseInt(added.group(3)));
        }
      }
    }
    return widths;
  }

  private static String key(String table, String column) {
    return (table + "." + column).toLowerCase(Locale.ROOT);
  }

  @Test
  void everyDeclaredLengthIsItsColumnsWidth() throws IOException {
    var widths = widths();
    List<String> checked = new ArrayList<>();
    checked.addAll(check(ProvisioUserSchema.RESOURCE, UserSqlMapping.INSTANCE, "scim_user", widths));
    checked.addAll(check(GroupSchemas.RESOURCE, GroupSqlMapping.INSTANCE, "scim_group", widths));
    assertThat(checked).contains("userName=scim_user.user_name", "name.givenName=scim_user.given_name",
        "emails.value=scim_user_value.item_value", "addresses.postalCode=scim_user_value.postal_code",
        "department=scim_user.department", "externalId=scim_user.external_id", "userPrincipalName=scim_user.user_principal_name",
        "displayName=scim_group.display_name", "externalId=scim_group.external_id");
  }

  private static List<String> check(ResourceSchema schema, SqlMapping mapping, String table, Map<String, Integer> widths) {
    List<String> checked = new ArrayList<>();
    List<SchemaDefinition> schemas = new ArrayList<>(List.of(schema.core()));
    schemas.addAll(schema.extensions());
    // the common attributes (RFC 7643 §3.1) are every type's
    if (CommonAttributes.EXTERNAL_ID.maxLength() > 0) {
      var resolved = schema.resolve(AttributePath.of("externalId")).orElseThrow();
      column(resolved, mapping, table).ifPresent(column -> {
        assertThat(CommonAttributes.EXTERNAL_ID.maxLength()).as("externalId (" + column + ")").isEqualTo(widths.get(column));
        checked.add("externalId=" + column);
      });
    }
    for (SchemaDefinition definition : schemas) {
      for (AttributeDefinition attribute : definition.attributes()) {
        List<AttributeDefinition> parts = attribute.isComplex() ? attribute.subAttributes() : List.of(attribute);
        for (AttributeDefinition part : parts) {
          if (part.maxLength() == 0) continue;
          String path = attribute.isComplex() ? attribute.name() + "." + part.name() : attribute.name();
          var resolved = schema.resolve(AttributePath.parse(definition.id() + ":" + path)).orElseThrow();
          Optional<String> column = column(resolved, mapping, table);
          if (column.isEmpty()) continue; // kept only in the resource's JSON document
          assertThat(widths).as(path + " is stored in " + column.get()).containsKey(column.get());
          assertThat(part.maxLength()).as(path + " (" + column.get() + ")").isEqualTo(widths.get(column.get()));
          checked.add(path + "=" + column.get());
        }
      }
    }
    return checked;
  }

  private static Optional<String> column(ResolvedAttribute resolved, SqlMapping mapping, String table) {
    if (resolved.attribute().multiValued()) {
      return mapping.valueTable(resolved.withoutSubAttribute()).flatMap(values ->
          values.subAttributeColumn(resolved.subAttribute().name())
              .map(c -> key(values.table(), c.expression().replace("%s.", ""))));
    }
    return mapping.column(resolved).map(SqlColumn::expression)
        .map(expression -> key(table, expression.substring(expression.indexOf('.') + 1)));
  }
}
