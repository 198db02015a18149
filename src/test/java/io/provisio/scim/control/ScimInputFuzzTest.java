package io.provisio.scim.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provisio.scim.control.filter.FilterParser;
import io.provisio.scim.control.filter.SqlFilterTranslator;
import io.provisio.users.control.UserSchemas;
import io.provisio.users.control.UserSqlMapping;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing (Jazzer) of everything an IdP's text reaches first: the filter parser
 * with both evaluators (in memory and SQL), the PATCH engine and the SCIM JSON reader. The only
 * failure allowed is the intended SCIM 4xx error; any other exception, a hang or a blow-up of
 * memory fails the test.
 *
 * <p>{@code mvn verify} runs each target over its seed inputs (regression mode, under {@code
 * src/test/resources/io/provisio/scim/control/ScimInputFuzzTestInputs}). {@code .ci/run} fuzzes
 * each target for a fixed budget with {@code JAZZER_FUZZ=1}; for a longer run on demand see the
 * README section "Reliability".
 */
class ScimInputFuzzTest {

  private static final SqlFilterTranslator SQL =
      new SqlFilterTranslator(UserSchemas.RESOURCE, UserSqlMapping.INSTANCE);

  @FuzzTest(maxDuration = "20s")
  void filter(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      var filter = FilterParser.parse(text, UserSchemas.RESOURCE);
      SQL.translate(filter);
      for (JsonObject user : SampleUsers.USERS) {
        FilterEvaluator.matches(filter, user, UserSchemas.RESOURCE);
      }
    } catch (ScimException refused) {
      assertClientError(refused);
    }
  }

  @FuzzTest(maxDuration = "20s")
  void patch(FuzzedDataProvider data) {
    byte[] body = data.consumeRemainingAsBytes();
    try {
      JsonObject request = ScimJsonReader.read(new ByteArrayInputStream(body));
      JsonObject patched = PatchEngine.apply(SampleUsers.USERS.get(0), request, UserSchemas.RESOURCE);
      assertThat(patched).isNotNull();
    } catch (ScimException refused) {
      assertClientError(refused);
    }
  }

  @FuzzTest(maxDuration = "20s")
  void jsonReader(byte[] body) {
    try {
      assertThat(ScimJsonReader.read(new ByteArrayInputStream(body))).isNotNull();
    } catch (ScimException refused) {
      assertClientError(refused);
    }
  }

  private static void assertClientError(ScimException refused) {
    assertThat(refused.status()).as(refused.getMessage()).isBetween(400, 499);
    assertThat(refused.getMessage()).isNotBlank();
  }
}
