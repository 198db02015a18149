package io.provisio.scim.control.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributePathTest {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @Test
  void parsesPlainAndDottedPaths() {
    assertThat(AttributePath.parsePatchPath("members"))
        .isEqualTo(new AttributePath(null, "members", null, null));
    assertThat(AttributePath.parsePatchPath("name.givenName"))
        .isEqualTo(new AttributePath(null, "name", "givenName", null));
    assertThat(AttributePath.parsePatchPath(" displayName "))
        .isEqualTo(AttributePath.of("displayName"));
  }

  @Test
  void parsesUrnPrefixedPaths() {
    assertThat(
            AttributePath.parsePatchPath(
                "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName"))
        .isEqualTo(
            AttributePath.of("urn:ietf:params:scim:schemas:core:2.0:User", "name", "givenName"));
    assertThat(AttributePath.parsePatchPath(ENTERPRISE + ":department"))
        .isEqualTo(AttributePath.of(ENTERPRISE, "department", null));
    assertThat(AttributePath.parsePatchPath(ENTERPRISE + ":manager.value"))
        .isEqualTo(AttributePath.of(ENTERPRISE, "manager", "value"));
    assertThat(AttributePath.parsePatchPath(ENTERPRISE).toString()).isEqualTo(ENTERPRISE);
  }

  @Test
  void parsesValueFilters() {
    AttributePath path = AttributePath.parsePatchPath("emails[type eq \"work\"].value");
    assertThat(path.attribute()).isEqualTo("emails");
    assertThat(path.subAttribute()).isEqualTo("value");
    assertThat(path.valueFilter())
        .isEqualTo(new Filter.Comparison(AttributePath.of("type"), Operator.EQ, "work"));
    assertThat(path.toString()).isEqualTo("emails[type eq \"work\"].value");
    assertThat(path.withoutFilter()).isEqualTo(AttributePath.of(null, "emails", "value"));

    AttributePath members = AttributePath.parsePatchPath("members[value eq \"2819c223\"]");
    assertThat(members.subAttribute()).isNull();
    assertThat(members.hasFilter()).isTrue();
    assertThat(
            AttributePath.parsePatchPath(
                    "addresses[type eq \"work\" and (primary eq true or country pr)].country")
                .toString())
        .isEqualTo("addresses[type eq \"work\" and (primary eq true or country pr)].country");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "emails[type eq \"work\"",
        "name.",
        "emails[type eq \"work\"]x",
        "a b",
        "emails[]",
        "emails[type eq]",
        "urn:x:",
        ".value",
        "a..b",
        "a[b pr][c pr]",
        "emails[type eq \"work\"].",
        "a.b.c",
        "members[value eq \"x\"] "
      })
  void rejectsMalformedPathsAsInvalidPath(String text) {
    if (text.equals("members[value eq \"x\"] ")) {
      assertThat(AttributePath.parsePatchPath(text).hasFilter()).isTrue();
      return;
    }
    assertThatThrownBy(() -> AttributePath.parsePatchPath(text))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.scimType()).isEqualTo(ScimType.INVALID_PATH);
              assertThat(e.detail()).contains("path").doesNotContain(" in filter");
            });
  }

  @Test
  void errorsPointAtTheProblem() {
    assertThatThrownBy(() -> AttributePath.parsePatchPath("emails[type eq \"work\"]x"))
        .hasMessage("Unexpected \"x\" at position 23 in path");
  }
}
