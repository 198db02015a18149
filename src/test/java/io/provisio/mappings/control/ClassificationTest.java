package io.provisio.mappings.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.mappings.entity.Mapping.Criterion;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationTest {

  private static JsonObject user(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  private static Classification.Rule rule(String name, String attribute, String... values) {
    return new Classification.Rule(name, name, attribute == null ? Criterion.ALL_USERS : new Criterion(false, attribute, List.of(values)));
  }

  private static String classify(JsonObject user, Classification.Rule... rules) {
    return Classification.classify(user, List.of(rules)).matched().map(Classification.Rule::name).orElse(null);
  }

  private static final JsonObject ENGINEER = user("""
      {"userName":"ann","title":"Engineer","countryCode":"DE",
       "emails":[{"value":"a@x.example","type":"work"},{"value":"ann@home.example","type":"home"}],
       "addresses":[{"type":"work","country":"DE"},{"type":"home","country":"FR"}],
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Engineering"},
       "urn:acme:params:scim:schemas:extension:2.0:User":{"costCode":"C-7"}}""");

  @Test
  void firstMatchingMappingByPriorityWins() {
    assertThat(classify(ENGINEER, rule("exec", "title", "CEO", "CFO"), rule("eng", "department", "Engineering"), rule("all", null)))
        .isEqualTo("eng");
    assertThat(classify(ENGINEER, rule("all", null), rule("eng", "department", "Engineering"))).isEqualTo("all");
  }

  @Test
  void valuesAreCaseSensitiveAndExactNamesAreNot() {
    assertThat(classify(ENGINEER, rule("eng", "department", "engineering"))).isNull();
    assertThat(classify(ENGINEER, rule("eng", "DEPARTMENT", "Engineering"))).isEqualTo("eng");
    assertThat(classify(ENGINEER, rule("eng", "department", "Engineer"))).isNull();
  }

  @Test
  void enterpriseCustomAndMultiValuedAttributes() {
    assertThat(classify(ENGINEER, rule("ent", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Engineering")))
        .isEqualTo("ent");
    assertThat(classify(ENGINEER, rule("country", "countryCode", "DE"))).isEqualTo("country");
    assertThat(classify(ENGINEER, rule("custom", "urn:acme:params:scim:schemas:extension:2.0:User:costCode", "C-7"))).isEqualTo("custom");
    assertThat(classify(ENGINEER, rule("home", "emails.value", "ann@home.example"))).isEqualTo("home");
    assertThat(classify(ENGINEER, rule("fr", "addresses[type eq \"work\"].country", "FR"))).isNull();
    assertThat(classify(ENGINEER, rule("de", "addresses[type eq \"work\"].country", "DE"))).isEqualTo("de");
  }

  @Test
  void noMatchNamesWhatWasTried() {
    var outcome = Classification.classify(ENGINEER, List.of(rule("sales", "department", "Sales"), rule("us", "countryCode", "US")));
    assertThat(outcome.matched()).isEmpty();
    assertThat(outcome.tried()).hasSize(2);
    assertThat(outcome.tried().get(0)).contains("department", "Sales", "Engineering");
    assertThat(outcome.tried().get(1)).contains("countryCode", "US", "DE");
  }

  @Test
  void allUsersFallbackAndEmptyList() {
    assertThat(classify(user("{\"userName\":\"x\"}"), rule("eng", "department", "Engineering"), rule("all", null))).isEqualTo("all");
    assertThat(Classification.classify(ENGINEER, List.of()).matched()).isEmpty();
  }

  @Test
  void aSecretIsNeverComparedNorEchoed() {
    var withPassword = user("{\"userName\":\"carol\",\"password\":\"Carol-Okta-Password-42!\"}");
    var outcome = Classification.classify(withPassword, List.of(rule("pw", "password", "Carol-Okta-Password-42!")));
    assertThat(outcome.matched()).isEmpty();
    assertThat(String.join(" ", outcome.tried())).contains("password").doesNotContain("Carol-Okta-Password-42!");
  }

  @Test
  void secretAttributesAreRecognisedWhateverTheirSpelling() {
    assertThat(Mappings.isSecret(io.provisio.scim.control.filter.AttributePath.parse("password"))).isTrue();
    assertThat(Mappings.isSecret(io.provisio.scim.control.filter.AttributePath.parse("PassWord"))).isTrue();
    assertThat(Mappings.isSecret(io.provisio.scim.control.filter.AttributePath.parse(
        "urn:ietf:params:scim:schemas:core:2.0:User:password"))).isTrue();
    assertThat(Mappings.isSecret(io.provisio.scim.control.filter.AttributePath.parse("title"))).isFalse();
    assertThat(Mappings.isSecret(io.provisio.scim.control.filter.AttributePath.parse("countryCode"))).isFalse();
  }

  @Test
  void everyMappingIsEvaluatedWithItsReason() {
    var outcome = Classification.classify(ENGINEER, List.of(rule("sales", "department", "Sales"),
        rule("none", "employeeNumber", "7"), rule("eng", "department", "Engineering"), rule("all", null)));
    assertThat(outcome.evaluations()).extracting(Classification.Evaluation::matched).containsExactly(false, false, true, false);
    assertThat(outcome.evaluations().get(0).reason()).contains("department", "[Engineering]", "[Sales]");
    assertThat(outcome.evaluations().get(1).reason()).isEqualTo("The user has no value for employeeNumber.");
    assertThat(outcome.evaluations().get(2).reason()).contains("\"Engineering\"");
    assertThat(outcome.evaluations().get(3).reason()).contains("Not evaluated", "\"eng\"");
  }

  @Test
  void aMappingBelowAllUsersOrTheSameCriterionCanNeverMatch() {
    var rules = List.of(rule("eng", "department", "Engineering", "R&D"), rule("rnd", "DEPARTMENT", "R&D"),
        rule("sales", "department", "Sales"), rule("all", null), rule("late", "title", "CEO"), rule("all2", null));
    var shadowed = Classification.shadowed(rules);
    assertThat(shadowed.keySet()).containsExactly("rnd", "late", "all2");
    assertThat(shadowed.get("rnd").name()).isEqualTo("eng");
    assertThat(shadowed.get("late").name()).isEqualTo("all");
    assertThat(Classification.shadowed(List.of(rule("a", "title", "X"), rule("b", "title", "X", "Y")))).isEmpty();
  }

  @Test
  void aRefusedUserIsReplayedOnTheValuesKeptOfTheTestedAttributes() {
    var refused = Classification.classify(ENGINEER, List.of(rule("sales", "department", "Sales"), rule("us", "countryCode", "US"),
        rule("pw", "password", "x")));
    String kept = Classification.testedValues(refused.tested());
    assertThat(kept).isEqualTo("{\"department\":[\"Engineering\"],\"countryCode\":[\"DE\"]}"); // never the secret
    var proposed = List.of(rule("us", "countryCode", "US"), rule("eng", "Department", "Engineering"));
    assertThat(Classification.classify(Classification.keptValues(kept), proposed).matched().map(Classification.Rule::name))
        .contains("eng");
    // an attribute no mapping tested then is unknown: no value
    assertThat(Classification.kept(kept, "title")).isFalse();
    assertThat(Classification.classify(Classification.keptValues(kept), List.of(rule("t", "title", "Engineer"))).matched()).isEmpty();
  }

  @Test
  void keptValuesStayValidJsonWhateverTheUserSent() {
    var many = new java.util.LinkedHashMap<String, List<String>>();
    for (int i = 0; i < 50; i++) {
      many.put("attribute" + i, java.util.Collections.nCopies(30, "v".repeat(500)));
    }
    String kept = Classification.testedValues(many);
    assertThat(kept.length()).isLessThanOrEqualTo(2000);
    assertThat(Json.createReader(new StringReader(kept)).readObject()).containsKey("attribute0");
  }
}
