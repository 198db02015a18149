package io.provisio.scim.control.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimType;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.SchemaDefinition;
import io.provisio.users.control.UserSchemas;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlFilterTranslatorTest {

  static final SqlFilterTranslator TRANSLATOR =
      new SqlFilterTranslator(UserSchemas.RESOURCE, new UserTableMapping());

  static final String EMAILS =
      "EXISTS (SELECT 1 FROM user_values %1$s WHERE %1$s.user_id = u.id"
          + " AND %1$s.attribute = 'emails'";

  static String emails(String alias) {
    return String.format(EMAILS, alias);
  }

  static SqlWhere translate(String filter) {
    return TRANSLATOR.translate(FilterParser.parse(filter));
  }

  static Stream<Arguments> translations() {
    Timestamp lastModified = Timestamp.from(Instant.parse("2011-05-13T04:42:34Z"));
    return Stream.of(
        Arguments.of("userName Eq \"John\"", "u.user_name_lower = ?", List.of("john")),
        Arguments.of(
            "name.familyName co \"O'Malley\"",
            "LOWER(u.family_name) LIKE ? ESCAPE '\\'",
            List.of("%o'malley%")),
        Arguments.of("userName sw \"J\"", "u.user_name_lower LIKE ? ESCAPE '\\'", List.of("j%")),
        Arguments.of(
            "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
            "u.user_name_lower LIKE ? ESCAPE '\\'",
            List.of("j%")),
        Arguments.of(
            "userName ew \"50%_\\\\\"",
            "u.user_name_lower LIKE ? ESCAPE '\\'", List.of("%50\\%\\_\\\\")),
        Arguments.of("title pr", "(u.title IS NOT NULL AND u.title <> '')", List.of()),
        Arguments.of(
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            "u.last_modified > ?",
            List.of(lastModified)),
        Arguments.of(
            "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
            "u.last_modified >= ?",
            List.of(lastModified)),
        Arguments.of(
            "meta.lastModified lt \"2011-05-13T06:42:34+02:00\"",
            "u.last_modified < ?",
            List.of(lastModified)),
        Arguments.of(
            "meta.lastModified le \"2011-05-13T04:42:34Z\"",
            "u.last_modified <= ?",
            List.of(lastModified)),
        Arguments.of(
            "title pr and userType eq \"Employee\"",
            "((u.title IS NOT NULL AND u.title <> '') AND LOWER(u.user_type) = ?)",
            List.of("employee")),
        Arguments.of(
            "title pr or userType eq \"Intern\"",
            "((u.title IS NOT NULL AND u.title <> '') OR LOWER(u.user_type) = ?)",
            List.of("intern")),
        Arguments.of(
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co"
                + " \"example.org\")",
            "(LOWER(u.user_type) = ? AND ("
                + emails("mv1")
                + " AND mv1.val_lower LIKE ? ESCAPE"
                + " '\\') OR "
                + emails("mv2")
                + " AND mv2.val_lower LIKE ? ESCAPE '\\')))",
            List.of("employee", "%example.com%", "%example.org%")),
        Arguments.of(
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value"
                + " co \"example.org\")",
            "((LOWER(u.user_type) <> ? OR u.user_type IS NULL) AND ((("
                + emails("mv1")
                + " AND mv1.val_lower LIKE ? ESCAPE '\\') OR "
                + emails("mv2")
                + " AND mv2.val_lower LIKE ? ESCAPE '\\'))) IS NOT TRUE))",
            List.of("employee", "%example.com%", "%example.org%")),
        Arguments.of(
            "userType eq \"Employee\" and (emails.type eq \"work\")",
            "(LOWER(u.user_type) = ? AND " + emails("mv1") + " AND LOWER(mv1.type) = ?))",
            List.of("employee", "work")),
        Arguments.of(
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq"
                + " \"xmpp\" and value co \"@foo.com\"]",
            "("
                + emails("mv1")
                + " AND (LOWER(mv1.type) = ? AND mv1.val_lower LIKE ? ESCAPE"
                + " '\\')) OR EXISTS (SELECT 1 FROM user_values mv2 WHERE mv2.user_id = u.id AND"
                + " mv2.attribute = 'ims' AND (LOWER(mv2.type) = ? AND mv2.val_lower LIKE ?"
                + " ESCAPE '\\')))",
            List.of("work", "%@example.com%", "xmpp", "%@foo.com%")),
        Arguments.of(
            "emails[type eq \"work\" and primary eq true].value eq \"X@Y\"",
            emails("mv1")
                + " AND (LOWER(mv1.type) = ? AND mv1.is_primary = ?) AND"
                + " mv1.val_lower = ?)",
            List.of("work", true, "x@y")),
        Arguments.of("emails pr", emails("mv1") + ")", List.of()),
        Arguments.of(
            "emails.type pr",
            emails("mv1") + " AND (mv1.type IS NOT NULL AND mv1.type <> ''))",
            List.of()),
        Arguments.of("emails[type eq null]", emails("mv1") + " AND mv1.type IS NULL)", List.of()),
        Arguments.of(
            "title eq null", "(((u.title IS NOT NULL AND u.title <> '')) IS NOT TRUE)", List.of()),
        Arguments.of("title ne null", "(u.title IS NOT NULL AND u.title <> '')", List.of()),
        Arguments.of("active eq \"True\"", "u.active = ?", List.of(true)),
        Arguments.of("active ne true", "(u.active <> ? OR u.active IS NULL)", List.of(true)),
        Arguments.of("id eq \"AbC\"", "u.id = ?", List.of("AbC")),
        Arguments.of("department eq \"Sales\"", "LOWER(u.department) = ?", List.of("sales")),
        Arguments.of(
            UserTableMapping.ENTERPRISE + ":department eq \"Sales\"",
            "LOWER(u.department) = ?",
            List.of("sales")),
        Arguments.of(
            UserTableMapping.ENTERPRISE + " pr",
            "((u.department IS NOT NULL AND u.department <> '') OR ((u.manager_id IS NOT NULL"
                + " AND u.manager_id <> '')))",
            List.of()),
        Arguments.of("name pr", "((u.family_name IS NOT NULL AND u.family_name <> ''))", List.of()),
        Arguments.of("userName gt \"M\"", "u.user_name_lower > ?", List.of("m")));
  }

  @ParameterizedTest
  @MethodSource("translations")
  void translates(String filter, String sql, List<Object> parameters) {
    SqlWhere where = translate(filter);
    assertThat(where.sql()).isEqualTo(sql);
    assertThat(where.parameters()).containsExactlyElementsOf(parameters);
  }

  @Test
  void neverPutsLiteralsIntoTheSql() {
    SqlWhere where = translate("userName eq \"x' OR '1'='1\" or title co \"--\"");
    assertThat(where.sql()).doesNotContain("'1'").doesNotContain("--");
    assertThat(where.parameters()).containsExactly("x' or '1'='1", "%--%");
  }

  @Test
  void bindsNumbersAsNumbers() {
    var schema =
        new ResourceSchema(
            "Thing",
            "/Things",
            "",
            SchemaDefinition.of(
                "urn:x:Thing",
                "Thing",
                "",
                AttributeDefinition.integer("count"),
                AttributeDefinition.decimal("score")),
            List.of());
    SqlMapping mapping =
        attribute -> Optional.of(SqlColumn.of("t." + attribute.fullName(), attribute.target()));
    SqlFilterTranslator translator = new SqlFilterTranslator(schema, mapping);
    SqlWhere where = translator.translate(FilterParser.parse("count ge 2 and score lt 2.5"));
    assertThat(where.sql()).isEqualTo("(t.count >= ? AND t.score < ?)");
    assertThat(where.parameters()).containsExactly(2L, new BigDecimal("2.5"));
    assertThatThrownBy(() -> translator.translate(FilterParser.parse("count eq 2.5")))
        .hasMessageContaining("expects an integer");
  }

  static Stream<Arguments> unusable() {
    return Stream.of(
        Arguments.of("nickName eq \"x\"", "Attribute \"nickName\" cannot be used in a filter"),
        Arguments.of("schemas eq \"urn:x\"", "Attribute \"schemas\" cannot be used in a filter"),
        Arguments.of(
            "emails.display eq \"x\"", "Attribute \"emails.display\" cannot be used in a filter"),
        Arguments.of(
            "emails[display eq \"x\"]", "Attribute \"emails.display\" cannot be used in a filter"),
        Arguments.of("phoneNumbers pr", "Attribute \"phoneNumbers\" cannot be used in a filter"),
        Arguments.of("nope eq \"x\"", "Unknown attribute \"nope\" in filter"),
        Arguments.of("active gt true", "is a boolean"),
        Arguments.of("addresses pr", "cannot be used in a filter"));
  }

  @ParameterizedTest
  @MethodSource("unusable")
  void rejectsWhatTheMappingCannotServe(String filter, String detail) {
    assertThatThrownBy(() -> translate(filter))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
              assertThat(e.detail()).contains(detail);
            });
  }
}
