package io.provisio.scim.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A write without If-Match is tried again when its version check fails; with If-Match it is not. */
class WriteOnLatestTest {

  private static RuntimeException conflict() {
    return new EJBException(new OptimisticLockException("changed since it was read"));
  }

  @Test
  void aConflictWithoutIfMatchIsTriedAgainOnAFreshRead() {
    var attempts = new AtomicInteger();
    String answer = ScimEndpoint.tryAgainOnConflict(true, () -> {
      if (attempts.incrementAndGet() < 3) throw conflict();
      return "applied";
    });
    assertThat(answer).isEqualTo("applied");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aConflictThatPersistsEndsAfterThreeAttempts() {
    var attempts = new AtomicInteger();
    assertThatThrownBy(() -> ScimEndpoint.tryAgainOnConflict(true, () -> {
      attempts.incrementAndGet();
      throw conflict();
    })).hasRootCauseInstanceOf(OptimisticLockException.class);
    assertThat(attempts).hasValue(ScimEndpoint.WRITE_ATTEMPTS);
  }

  @Test
  void withIfMatchTheConflictStandsAtOnce() {
    var attempts = new AtomicInteger();
    assertThatThrownBy(() -> ScimEndpoint.tryAgainOnConflict(false, () -> {
      attempts.incrementAndGet();
      throw conflict();
    })).isInstanceOf(EJBException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void otherFailuresAreNeverTriedAgain() {
    var attempts = new AtomicInteger();
    assertThatThrownBy(() -> ScimEndpoint.tryAgainOnConflict(true, () -> {
      attempts.incrementAndGet();
      throw new IllegalStateException("not a conflict");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(attempts).hasValue(1);
  }
}
