package io.provisio.scim.control.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimType;
import io.provisio.users.control.UserSchemas;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterValidatorTest {

  static final String ENTERPRISE = UserSchemas.ENTERPRISE_USER_URN;

  static Filter parse(String filter) {
    return FilterParser.parse(filter, UserSchemas.RESOURCE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "USERNAME eq \"x\"",
        "name.GIVENNAME sw \"B\"",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"",
        ENTERPRISE + ":department eq \"Sales\"",
        ENTERPRISE + ":manager.value eq \"m1\"",
        ENTERPRISE + " pr",
        "department eq \"Sales\"",
        "id eq \"2819c223\" and externalId pr and meta.created lt \"2020-01-01T00:00:00Z\"",
        "emails[type eq \"work\" and primary eq true].value co \"@example.com\"",
        "groups[value eq \"g1\"] or groups.display sw \"a\"",
        "active ne false",
        "meta.lastModified gt \"2011-05-13T04:42:34.123+02:00\"",
        "x509Certificates.value eq \"MIIC\"",
        "title eq null and nickName ne null",
        "name pr and emails pr"
      })
  void acceptsValidFilters(String filter) {
    assertThat(parse(filter)).isNotNull();
  }

  static Stream<Arguments> invalidFilters() {
    return Stream.of(
        Arguments.of("foo eq \"x\"", "Unknown attribute \"foo\" at position 1 in filter"),
        Arguments.of(
            "userName eq \"a\" and foo pr", "Unknown attribute \"foo\" at position 21 in filter"),
        Arguments.of("name.foo eq \"x\"", "Unknown attribute \"name.foo\" at position 1"),
        Arguments.of("userName.foo eq \"x\"", "Unknown attribute \"userName.foo\""),
        Arguments.of(ENTERPRISE + ":foo eq \"x\"", "Unknown attribute \"" + ENTERPRISE + ":foo\""),
        Arguments.of(ENTERPRISE + ":id eq \"x\"", "Unknown attribute"),
        Arguments.of("urn:acme:User:foo eq \"x\"", "Unknown attribute \"urn:acme:User:foo\""),
        Arguments.of(
            "emails[foo eq \"x\"]", "Unknown attribute \"emails.foo\" at position 8 in filter"),
        Arguments.of("emails[type eq \"work\"].foo eq \"x\"", "Unknown attribute \"emails.foo\""),
        Arguments.of(
            "userName[value eq \"x\"]",
            "Attribute \"userName\" is not a complex attribute and cannot take a value filter"
                + " at position 1"),
        Arguments.of(
            "active gt true",
            "Attribute \"active\" is a boolean and supports only eq, ne and pr, not gt at"
                + " position 8 in filter"),
        Arguments.of("emails.primary co \"t\"", "is a boolean"),
        Arguments.of(
            "active eq \"yes\"",
            "Attribute \"active\" expects true or false, not \"yes\" at position 11"),
        Arguments.of(
            "meta.lastModified gt \"yesterday\"",
            "Attribute \"meta.lastModified\" expects an ISO-8601 dateTime such as"
                + " \"2011-05-13T04:42:34Z\", not \"yesterday\" at position 22 in filter"),
        Arguments.of("meta.lastModified gt 5", "expects an ISO-8601 dateTime"),
        Arguments.of("meta.created sw \"2011\"", "is a dateTime and does not support sw"),
        Arguments.of(
            "name eq \"x\"",
            "Attribute \"name\" is complex; compare one of its sub-attributes instead"),
        Arguments.of("userName eq true", "Attribute \"userName\" expects a string, not true"),
        Arguments.of("userName gt 1.5", "expects a string, not 1.5"),
        Arguments.of("x509Certificates.value gt \"a\"", "is binary and does not support gt"),
        Arguments.of("userName co null", "Only eq and ne can compare \"userName\" with null"),
        Arguments.of("emails[type eq \"work\" and emails[value pr]]", "Nested value filters"));
  }

  @ParameterizedTest
  @MethodSource("invalidFilters")
  void rejectsInvalidFilters(String filter, String detail) {
    assertThatThrownBy(() -> parse(filter))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
              assertThat(e.detail()).contains(detail);
            });
  }

  @Test
  void coercesLiteralsToTheAttributeType() {
    assertThat(parse("active eq \"True\"")).isEqualTo(FilterParser.parse("active eq true"));
    assertThat(parse("emails[primary eq \"false\"]"))
        .isEqualTo(FilterParser.parse("emails[primary eq false]"));
    assertThat(parse("employeeNumber eq 42"))
        .isEqualTo(FilterParser.parse("employeeNumber eq \"42\""));
  }

  @Test
  void validatesFiltersBuiltInCode() {
    Filter filter = new Filter.Comparison(AttributePath.of("active"), Operator.EQ, "false");
    assertThat(FilterValidator.validate(filter, UserSchemas.RESOURCE))
        .isEqualTo(new Filter.Comparison(AttributePath.of("active"), Operator.EQ, false));
    assertThatThrownBy(
            () -> FilterValidator.validate(FilterParser.parse("nope pr"), UserSchemas.RESOURCE))
        .hasMessage("Unknown attribute \"nope\" in filter");
  }
}
