package io.provisio.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

  /** Stands for a server's connection manager: the pool fails while handing out a connection. */
  static final class Pool {
    void allocateConnection() {
      throw new IllegalStateException("Task already scheduled or cancelled");
    }
  }

  @Test
  void aFailureOfThePoolHandingOutAConnectionIsAnOutage() {
    IllegalStateException raised = null;
    try {
      new Pool().allocateConnection();
    } catch (IllegalStateException e) {
      raised = e;
    }
    assertThat(raised).isNotNull();
    assertThat(DatabaseOutage.is(new RuntimeException("wrapped by the EJB container", raised))).isTrue();
  }

  @Test
  void connectionStatesAreOutagesAndOtherFailuresAreNot() {
    assertThat(DatabaseOutage.is(new SQLException("gone", "08006"))).isTrue();
    assertThat(DatabaseOutage.is(new SQLException("shutting down", "57P01"))).isTrue();
    assertThat(DatabaseOutage.is(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(DatabaseOutage.is(new IllegalStateException("a bug elsewhere"))).isFalse();
  }
}
