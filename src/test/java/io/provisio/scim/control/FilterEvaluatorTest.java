package io.provisio.scim.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.scim.control.filter.FilterParser;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.users.control.UserSchemas;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterEvaluatorTest {

  static Stream<Arguments> filters() {
    return SampleUsers.filters();
  }

  @ParameterizedTest
  @MethodSource("filters")
  void agreesWithTheSqlTranslation(String filter, List<String> expected) {
    List<String> ids =
        SampleUsers.USERS.stream()
            .filter(
                user ->
                    FilterEvaluator.matches(FilterParser.parse(filter), user, UserSchemas.RESOURCE))
            .map(user -> user.getString("id"))
            .toList();
    assertThat(ids).containsExactlyElementsOf(expected);
  }

  static final AttributeDefinition EMAILS = UserSchemas.USER.attribute("emails").orElseThrow();

  static boolean item(String filter, String json) {
    return FilterEvaluator.matchesItem(FilterParser.parse(filter), Json.object(json), EMAILS);
  }

  @Test
  void matchesItemsOfAMultiValuedAttribute() {
    String work = "{'type':'work','value':'Bo@Example.com','primary':true}";
    assertThat(item("type eq \"work\"", work)).isTrue();
    assertThat(item("TYPE eq \"WORK\"", work)).isTrue();
    assertThat(item("type eq \"work\" and primary eq true", work)).isTrue();
    assertThat(item("type eq \"home\" or value co \"example\"", work)).isTrue();
    assertThat(item("not (primary eq true)", work)).isFalse();
    assertThat(item("display pr", work)).isFalse();
    assertThat(item("display eq null", work)).isTrue();
    assertThat(item("display ne \"x\"", work)).isTrue();
    assertThat(item("value sw \"bo@\"", work)).isTrue();
    assertThat(item("value ew \".COM\"", work)).isTrue();
  }

  @Test
  void toleratesStringlyTypedData() {
    assertThat(item("primary eq true", "{'primary':'True'}")).isTrue();
    assertThat(item("primary eq false", "{'primary':'nope'}")).isFalse();
    assertThat(item("primary ne false", "{'primary':'nope'}")).isTrue();
    assertThat(
            FilterEvaluator.matchesItem(
                FilterParser.parse("n gt 5"), Json.object("{'n':'7'}"), null))
        .isTrue();
    assertThat(
            FilterEvaluator.matchesItem(
                FilterParser.parse("n gt 5"), Json.object("{'n':{'a':1}}"), null))
        .isFalse();
  }

  @Test
  void caseExactComesFromTheSchema() {
    JsonObject user = Json.object("{'id':'AbC','userName':'AbC'}");
    assertThat(
            FilterEvaluator.matches(
                FilterParser.parse("id eq \"abc\""), user, UserSchemas.RESOURCE))
        .isFalse();
    assertThat(
            FilterEvaluator.matches(
                FilterParser.parse("userName eq \"abc\""), user, UserSchemas.RESOURCE))
        .isTrue();
    // Without a schema everything compares case-insensitively.
    assertThat(FilterEvaluator.matches(FilterParser.parse("id eq \"abc\""), user, null)).isTrue();
  }

  @Test
  void comparesDateTimesAsInstants() {
    JsonObject user = Json.object("{'meta':{'lastModified':'2011-05-13T06:42:34+02:00'}}");
    assertThat(
            FilterEvaluator.matches(
                FilterParser.parse("meta.lastModified eq \"2011-05-13T04:42:34Z\""),
                user,
                UserSchemas.RESOURCE))
        .isTrue();
  }
}
