package io.provisio.scim.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.ApplicationException;
import org.junit.jupiter.api.Test;

class ScimExceptionTest {

  @Test
  void factoriesSetStatusAndScimType() {
    assertThat(ScimException.invalidFilter("d").status()).isEqualTo(400);
    assertThat(ScimException.invalidFilter("d").scimType()).isEqualTo(ScimType.INVALID_FILTER);
    assertThat(ScimException.badRequest(ScimType.TOO_MANY, "d").scimType().wireName())
        .isEqualTo("tooMany");
    assertThat(ScimException.notFound("d").status()).isEqualTo(404);
    assertThat(ScimException.notFound("d").scimType()).isNull();
    assertThat(ScimException.conflict("d").status()).isEqualTo(409);
    assertThat(ScimException.conflict("d").scimType()).isEqualTo(ScimType.UNIQUENESS);
    assertThat(ScimException.preconditionFailed("d").status()).isEqualTo(412);
    assertThat(ScimException.mutability("gone").detail()).isEqualTo("gone");
    assertThat(ScimException.mutability("gone")).hasMessage("gone");
  }

  @Test
  void rollsBackContainerTransactions() {
    assertThat(ScimException.class.getAnnotation(ApplicationException.class).rollback()).isTrue();
  }

  @Test
  void wireNamesAreTheRfc7644Keywords() {
    assertThat(ScimType.values())
        .extracting(ScimType::wireName)
        .containsExactly(
            "invalidFilter",
            "tooMany",
            "uniqueness",
            "mutability",
            "invalidSyntax",
            "invalidPath",
            "noTarget",
            "invalidValue",
            "invalidVers",
            "sensitive");
  }

  @Test
  void quotesUserInputSafely() {
    assertThat(ScimException.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
    assertThat(ScimException.quote("x".repeat(500))).hasSize(205).endsWith("...\"");
    assertThat(ScimException.quote(null)).isEqualTo("null");
  }
}
