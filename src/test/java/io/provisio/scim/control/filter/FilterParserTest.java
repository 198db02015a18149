package io.provisio.scim.control.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimType;
import io.provisio.scim.control.filter.Filter.And;
import io.provisio.scim.control.filter.Filter.Comparison;
import io.provisio.scim.control.filter.Filter.Not;
import io.provisio.scim.control.filter.Filter.Or;
import io.provisio.scim.control.filter.Filter.Present;
import io.provisio.scim.control.filter.Filter.ValuePath;
import io.provisio.users.control.UserSchemas;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

  static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static AttributePath p(String name) {
    int dot = name.indexOf('.');
    return dot < 0
        ? AttributePath.of(name)
        : AttributePath.of(null, name.substring(0, dot), name.substring(dot + 1));
  }

  static Comparison cmp(String path, Operator op, Object literal) {
    return new Comparison(p(path), op, literal);
  }

  static Present pr(String path) {
    return new Present(p(path));
  }

  /** Every example filter of RFC 7644 §3.4.2.2 with the tree it must produce. */
  static Stream<Arguments> rfcExamples() {
    return Stream.of(
        Arguments.of("userName Eq \"john\"", cmp("userName", Operator.EQ, "john")),
        Arguments.of("userName eq \"bjensen\"", cmp("userName", Operator.EQ, "bjensen")),
        Arguments.of(
            "name.familyName co \"O'Malley\"", cmp("name.familyName", Operator.CO, "O'Malley")),
        Arguments.of("userName sw \"J\"", cmp("userName", Operator.SW, "J")),
        Arguments.of(
            CORE + ":userName sw \"J\"",
            new Comparison(AttributePath.of(CORE, "userName", null), Operator.SW, "J")),
        Arguments.of(
            CORE + ":name.familyName sw \"J\"",
            new Comparison(AttributePath.of(CORE, "name", "familyName"), Operator.SW, "J")),
        Arguments.of("title pr", pr("title")),
        Arguments.of(
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", Operator.GT, "2011-05-13T04:42:34Z")),
        Arguments.of(
            "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", Operator.GE, "2011-05-13T04:42:34Z")),
        Arguments.of(
            "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", Operator.LT, "2011-05-13T04:42:34Z")),
        Arguments.of(
            "meta.lastModified le \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", Operator.LE, "2011-05-13T04:42:34Z")),
        Arguments.of(
            "title pr and userType eq \"Employee\"",
            new And(pr("title"), cmp("userType", Operator.EQ, "Employee"))),
        Arguments.of(
            "title pr or userType eq \"Intern\"",
            new Or(pr("title"), cmp("userType", Operator.EQ, "Intern"))),
        Arguments.of("schemas eq \"" + ENTERPRISE + "\"", cmp("schemas", Operator.EQ, ENTERPRISE)),
        Arguments.of(
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co"
                + " \"example.org\")",
            new And(
                cmp("userType", Operator.EQ, "Employee"),
                new Or(
                    cmp("emails", Operator.CO, "example.com"),
                    cmp("emails.value", Operator.CO, "example.org")))),
        Arguments.of(
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co"
                + " \"example.org\")",
            new And(
                cmp("userType", Operator.NE, "Employee"),
                new Not(
                    new Or(
                        cmp("emails", Operator.CO, "example.com"),
                        cmp("emails.value", Operator.CO, "example.org"))))),
        Arguments.of(
            "userType eq \"Employee\" and (emails.type eq \"work\")",
            new And(
                cmp("userType", Operator.EQ, "Employee"), cmp("emails.type", Operator.EQ, "work"))),
        Arguments.of(
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            new And(
                cmp("userType", Operator.EQ, "Employee"),
                new ValuePath(
                    p("emails"),
                    new And(
                        cmp("type", Operator.EQ, "work"),
                        cmp("value", Operator.CO, "@example.com"))))),
        Arguments.of(
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and"
                + " value co \"@foo.com\"]",
            new Or(
                new ValuePath(
                    p("emails"),
                    new And(
                        cmp("type", Operator.EQ, "work"),
                        cmp("value", Operator.CO, "@example.com"))),
                new ValuePath(
                    p("ims"),
                    new And(
                        cmp("type", Operator.EQ, "xmpp"),
                        cmp("value", Operator.CO, "@foo.com"))))));
  }

  @ParameterizedTest
  @MethodSource("rfcExamples")
  void parsesTheRfcExamples(String text, Filter expected) {
    assertThat(FilterParser.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("rfcExamples")
  void rfcExamplesValidateAgainstTheUserSchema(String text, Filter expected) {
    assertThat(FilterParser.parse(text, UserSchemas.RESOURCE)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("rfcExamples")
  void renderingParsesBackToTheSameTree(String text, Filter expected) {
    assertThat(FilterParser.parse(expected.toString())).isEqualTo(expected);
  }

  @Test
  void operatorsKeywordsAndConstantsAreCaseInsensitive() {
    assertThat(FilterParser.parse("TITLE PR AND userType EQ \"x\" OR NOT (active Eq TRUE)"))
        .isEqualTo(
            new Or(
                new And(pr("TITLE"), cmp("userType", Operator.EQ, "x")),
                new Not(cmp("active", Operator.EQ, true))));
    assertThat(FilterParser.parse("active eq False")).isEqualTo(cmp("active", Operator.EQ, false));
    assertThat(FilterParser.parse("title eq NULL")).isEqualTo(cmp("title", Operator.EQ, null));
    for (Operator op : Operator.values()) {
      assertThat(FilterParser.parse("a " + op.wireName().toUpperCase() + " 1"))
          .isEqualTo(cmp("a", op, 1L));
    }
  }

  @Test
  void notBindsTighterThanAndWhichBindsTighterThanOr() {
    assertThat(FilterParser.parse("a pr or b pr and c pr"))
        .isEqualTo(new Or(pr("a"), new And(pr("b"), pr("c"))));
    assertThat(FilterParser.parse("a pr and b pr or c pr"))
        .isEqualTo(new Or(new And(pr("a"), pr("b")), pr("c")));
    assertThat(FilterParser.parse("not (a pr) and b pr"))
        .isEqualTo(new And(new Not(pr("a")), pr("b")));
    assertThat(FilterParser.parse("a pr and b pr and c pr"))
        .isEqualTo(new And(new And(pr("a"), pr("b")), pr("c")));
    assertThat(FilterParser.parse("(a pr or b pr) and c pr"))
        .isEqualTo(new And(new Or(pr("a"), pr("b")), pr("c")));
    assertThat(FilterParser.parse("not(a pr)")).isEqualTo(new Not(pr("a")));
    assertThat(FilterParser.parse("  ( ( a pr ) )  ")).isEqualTo(pr("a"));
  }

  @Test
  void parsesJsonLiterals() {
    assertThat(FilterParser.parse("a eq \"q\\\"b\\\\s\\/\\u00e9\\n\\t\"").toString())
        .isEqualTo("a eq \"q\\\"b\\\\s/\u00e9\\n\\t\"");
    assertThat(((Comparison) FilterParser.parse("a eq \"\\u00e9\"")).literal()).isEqualTo("\u00e9");
    assertThat(((Comparison) FilterParser.parse("a eq 42")).literal()).isEqualTo(42L);
    assertThat(((Comparison) FilterParser.parse("a eq -7")).literal()).isEqualTo(-7L);
    assertThat(((Comparison) FilterParser.parse("a eq 0")).literal()).isEqualTo(0L);
    assertThat(((Comparison) FilterParser.parse("a gt 3.14")).literal())
        .isEqualTo(new BigDecimal("3.14"));
    assertThat(((Comparison) FilterParser.parse("a gt 1e3")).literal())
        .isEqualTo(new BigDecimal("1e3"));
    assertThat(((Comparison) FilterParser.parse("a gt 12345678901234567890")).literal())
        .isEqualTo(new BigDecimal("12345678901234567890"));
    assertThat(((Comparison) FilterParser.parse("a eq true")).literal()).isEqualTo(true);
    assertThat(((Comparison) FilterParser.parse("a eq \"\"")).literal()).isEqualTo("");
  }

  @Test
  void parsesUrnPrefixedPaths() {
    assertThat(FilterParser.parse(ENTERPRISE + ":manager.value eq \"x\""))
        .isEqualTo(
            new Comparison(AttributePath.of(ENTERPRISE, "manager", "value"), Operator.EQ, "x"));
    // A bare URN splits at its last colon; ResourceSchema.resolve reassembles it.
    assertThat(FilterParser.parse(ENTERPRISE + " pr"))
        .isEqualTo(
            new Present(
                AttributePath.of(
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", null)));
    assertThat(FilterParser.parse("members[$ref pr]"))
        .isEqualTo(new ValuePath(p("members"), pr("$ref")));
  }

  @Test
  void valuePathFollowedBySubAttributeIsOneComparison() {
    Filter filter =
        FilterParser.parse("emails[type eq \"work\" and primary eq true].value eq \"x\"");
    assertThat(filter)
        .isEqualTo(
            new Comparison(
                new AttributePath(
                    null,
                    "emails",
                    "value",
                    new And(cmp("type", Operator.EQ, "work"), cmp("primary", Operator.EQ, true))),
                Operator.EQ,
                "x"));
    assertThat(FilterParser.parse(filter.toString())).isEqualTo(filter);
  }

  static Stream<Arguments> syntaxErrors() {
    return Stream.of(
        Arguments.of("", "The filter is empty"),
        Arguments.of("   ", "The filter is empty"),
        Arguments.of(
            "userName eq",
            "Unexpected end of the filter at position 12 in filter; expected a value"),
        Arguments.of("userName xx \"a\"", "Unknown operator \"xx\" at position 10 in filter"),
        Arguments.of(
            "userName",
            "Unexpected end of the filter at position 9 in filter;"
                + " expected an operator after \"userName\""),
        Arguments.of(
            "userName eq \"a\" and",
            "Unexpected end of the filter at position 20 in filter; expected an attribute path"),
        Arguments.of("(userName eq \"a\"", "Missing \")\" for the \"(\" at position 1 in filter"),
        Arguments.of("userName eq \"a\")", "Unexpected \")\" at position 16 in filter"),
        Arguments.of(
            "userName eq john",
            "Invalid value \"john\" at position 13 in filter; strings must be quoted"),
        Arguments.of("userName eq \"abc", "Unterminated string at position 13 in filter"),
        Arguments.of("\"abc\" eq userName", "Unexpected \"\\\"abc\\\"\" at position 1 in filter"),
        Arguments.of("emails[type eq \"work\"", "Missing \"]\" for the \"[\" at position 7"),
        Arguments.of(
            "emails[type[value pr] eq \"x\"]",
            "Nested value filters are not supported at position 12 in filter"),
        Arguments.of("not userName pr", "Expected \"(\" after \"not\" at position 1 in filter"),
        Arguments.of(
            "userName eq \"a\" userType eq \"b\"",
            "Unexpected \"userType\" at position 17 in filter; expected \"and\", \"or\""),
        Arguments.of("userName eq 01", "Invalid number \"01\" at position 13 in filter"),
        Arguments.of("userName eq 1.", "Invalid number \"1.\" at position 13 in filter"),
        Arguments.of("userName eq 1x", "Invalid number \"1x\" at position 13 in filter"),
        Arguments.of("userName eq \"\\q\"", "Invalid escape \"\\\\q\" at position 14 in filter"),
        Arguments.of("userName eq \"\\u12\"", "Invalid escape"),
        Arguments.of(
            "urn:foo: eq \"x\"",
            "Missing attribute name after the schema URN \"urn:foo\" at position 9"),
        Arguments.of("1abc eq \"x\"", "Invalid attribute name \"1abc\" at position 1 in filter"),
        Arguments.of("name.given.x eq \"a\"", "Invalid attribute name \"given.x\" at position 6"),
        Arguments.of("userName eq \"a\" and ()", "Unexpected \")\" at position 22 in filter"),
        Arguments.of("userName(eq \"a\")", "Unexpected \"(\" at position 9 in filter"),
        Arguments.of(
            "emails.value[type eq \"x\"]", "A value filter must follow the attribute name"),
        Arguments.of("a eq \"x\u0001\"", "Control character in string at position 8"),
        Arguments.of("a eq \u00e9", "Unexpected \"\u00e9\" at position 6 in filter"),
        Arguments.of("a eq 1e99999", "Number \"1e99999\" is out of range"));
  }

  @ParameterizedTest
  @MethodSource("syntaxErrors")
  void reportsSyntaxErrorsWithTokenAndPosition(String text, String detail) {
    assertThatThrownBy(() -> FilterParser.parse(text))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
              assertThat(e.detail()).contains(detail);
            });
  }

  @Test
  void rejectsNullInput() {
    assertThatThrownBy(() -> FilterParser.parse(null))
        .isInstanceOf(ScimException.class)
        .hasMessage("The filter is empty");
  }

  @Test
  void boundsTheLength() {
    String longest = "a eq \"" + "x".repeat(FilterParser.DEFAULT_MAX_LENGTH - 7) + "\"";
    assertThat(longest).hasSize(FilterParser.DEFAULT_MAX_LENGTH);
    assertThat(FilterParser.parse(longest)).isInstanceOf(Comparison.class);
    assertThatThrownBy(() -> FilterParser.parse(longest + " "))
        .isInstanceOf(ScimException.class)
        .hasMessage("The filter is longer than 4096 characters");
    assertThatThrownBy(() -> new FilterParser(10, 5).parseFilter("userName pr"))
        .hasMessage("The filter is longer than 10 characters");
  }

  @Test
  void boundsTheNestingDepth() {
    String allowed = "(".repeat(32) + "a pr" + ")".repeat(32);
    assertThat(FilterParser.parse(allowed)).isEqualTo(pr("a"));
    String tooDeep = "(".repeat(33) + "a pr" + ")".repeat(33);
    assertThatThrownBy(() -> FilterParser.parse(tooDeep))
        .isInstanceOfSatisfying(
            ScimException.class,
            e ->
                assertThat(e.detail())
                    .isEqualTo("The filter nests deeper than 32 levels at position 33 in filter"));
    String nots = "not (".repeat(33) + "a pr" + ")".repeat(33);
    assertThatThrownBy(() -> FilterParser.parse(nots)).isInstanceOf(ScimException.class);
    assertThatThrownBy(
            () -> new FilterParser(4096, 2).parseFilter("((a pr) or (b pr and emails[c pr]))"))
        .hasMessageContaining("nests deeper than 2 levels at position 28");
    // Thousands of unclosed parentheses fail fast instead of overflowing the stack.
    assertThatThrownBy(() -> FilterParser.parse("(".repeat(4000)))
        .isInstanceOf(ScimException.class);
  }

  @Test
  void longChainsDoNotRecurse() {
    String chain = "a pr and b pr or ".repeat(240) + "c pr";
    Filter filter = FilterParser.parse(chain);
    assertThat(filter).isInstanceOf(Or.class);
    assertThat(FilterParser.parse(filter.toString())).isEqualTo(filter);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pr", "co", "not", "eq"})
  void keywordPrefixesAreAttributeNames(String keyword) {
    assertThat(FilterParser.parse(keyword + "x pr and " + keyword + "y eq 1"))
        .isEqualTo(new And(pr(keyword + "x"), cmp(keyword + "y", Operator.EQ, 1L)));
  }

  @Test
  void survivesRandomInput() {
    String[] pieces = {
      "userName",
      "emails",
      "[",
      "]",
      "(",
      ")",
      " ",
      " eq ",
      " and ",
      " or ",
      "not",
      " pr",
      "\"",
      "\\",
      "\"x\"",
      "1",
      "-",
      ".",
      ":",
      "urn:a:b",
      "true",
      "null",
      "e",
      "\u0000",
      "\u00e9",
      "value",
      "$ref",
      ".value",
      "\\u00",
      "1e5",
      "\t"
    };
    Random random = new Random(7);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < 30_000; i++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(25);
            for (int j = 0; j < count; j++) {
              text.append(pieces[random.nextInt(pieces.length)]);
            }
            parseOrScimException(text.toString());
          }
          // Mutations of valid filters reach deeper into the grammar.
          Object[] examples = rfcExamples().map(a -> a.get()[0]).toArray();
          for (int i = 0; i < 30_000; i++) {
            StringBuilder text =
                new StringBuilder((String) examples[random.nextInt(examples.length)]);
            int edits = 1 + random.nextInt(3);
            for (int j = 0; j < edits && text.length() > 0; j++) {
              int at = random.nextInt(text.length());
              switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, (char) (32 + random.nextInt(95)));
                default -> text.setCharAt(at, (char) random.nextInt(0x3000));
              }
            }
            parseOrScimException(text.toString());
          }
        });
  }

  private static void parseOrScimException(String text) {
    try {
      Filter filter = FilterParser.parse(text);
      assertThat(FilterParser.parse(filter.toString())).isEqualTo(filter);
      try {
        FilterParser.parse(text, UserSchemas.RESOURCE);
      } catch (ScimException expected) {
        assertThat(expected.detail()).doesNotContain("Exception").doesNotContain("java.");
      }
    } catch (ScimException expected) {
      assertThat(expected.scimType()).isEqualTo(ScimType.INVALID_FILTER);
      assertThat(expected.detail()).doesNotContain("Exception").doesNotContain("java.");
    }
  }
}
