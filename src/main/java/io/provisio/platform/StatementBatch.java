package io.provisio.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Native statements of one transaction sent to the database together: on PostgreSQL in one round
 * trip, elsewhere one after the other.
 *
 * <p>How: PgJDBC sends the statements of one multi-statement {@code PreparedStatement} ({@code
 * INSERT …; INSERT …; SELECT …}) as one pipeline, each statement parsed, bound and executed, with a
 * single Sync at the end, and reads all their results after it: one round trip, where separate
 * statements make one each. The statements stay server-side prepared (from their fifth use, as
 * any other) and in the pool's statement cache, since the composed text is the same for the same
 * shape of write. H2 runs only the first statement of such a text with parameters, so there (and
 * on any other database) the statements run one by one; embedded H2 has no network round trip to
 * save.
 *
 * <p>The statements run on the connection of the caller's transaction (the persistence context's,
 * {@code EntityManager.unwrap(Connection.class)}, which EclipseLink gives inside a transaction), so
 * they commit or roll back with everything else the request writes. A {@code null} parameter is
 * bound as a null string; a failure comes out as a {@link PersistenceException} with the driver's
 * {@link SQLException} as cause, which the error mappers read (uniqueness, value too long, outage).
 */
public final class StatementBatch {

  /** One statement: SQL with {@code ?} placeholders, and its parameters in order. */
  public record Statement(String sql, List<Object> parameters) {
    public Statement {
      if (sql.contains(";")) throw new IllegalArgumentException("one statement, without ';'");
      parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    public static Statement of(String sql, Object... parameters) {
      return new Statement(sql, Arrays.asList(parameters));
    }

    boolean isQuery() {
      return sql.stripLeading().regionMatches(true, 0, "SELECT", 0, 6);
    }
  }

  private final List<Statement> statements = new ArrayList<>();

  public StatementBatch add(Statement statement) {
    if (!statements.isEmpty() && statements.get(statements.size() - 1).isQuery()) {
      throw new IllegalStateException("only the last statement may be a query");
    }
    statements.add(statement);
    return this;
  }

  public StatementBatch addAll(List<Statement> more) {
    more.forEach(this::add);
    return this;
  }

  /**
   * Runs the statements in the caller's transaction. Returns the first column of the first row of
   * the last statement when it is a query (null when it found no row or is not a query).
   */
  public Object run(EntityManager em) {
    if (statements.isEmpty()) return null;
    Connection connection = em.unwrap(Connection.class);
    try {
      if (DatabaseProduct.isPostgreSql(connection)) {
        return runTogether(connection);
      }
      Object result = null;
      for (Statement statement : statements) {
        result = runAlone(connection, statement);
      }
      return result;
    } catch (SQLException e) {
      throw new PersistenceException("The statements of the write failed", e);
    }
  }

  private Object runTogether(Connection connection) throws SQLException {
    String sql = statements.stream().map(Statement::sql).collect(Collectors.joining(";\n"));
    try (PreparedStatement prepared = connection.prepareStatement(sql)) {
      int index = 1;
      for (Statement statement : statements) {
        index = bind(prepared, index, statement.parameters());
      }
      boolean isResultSet = prepared.execute();
      Object result = null;
      while (true) {
        if (isResultSet) {
          try (var rows = prepared.getResultSet()) {
            result = rows.next() ? rows.getObject(1) : null;
          }
        } else if (prepared.getUpdateCount() == -1) {
          return result;
        }
        isResultSet = prepared.getMoreResults();
      }
    }
  }

  private static Object runAlone(Connection connection, Statement statement) throws SQLException {
    try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
      bind(prepared, 1, statement.parameters());
      if (!statement.isQuery()) {
        prepared.executeUpdate();
        return null;
      }
      try (var rows = prepared.executeQuery()) {
        return rows.next() ? rows.getObject(1) : null;
      }
    }
  }

  private static int bind(PreparedStatement prepared, int index, List<Object> parameters) throws SQLException {
    for (Object value : parameters) {
      if (value == null) {
        prepared.setNull(index++, Types.VARCHAR);
      } else if (value instanceof Instant instant) {
        prepared.setTimestamp(index++, Timestamp.from(instant)); // as InstantConverter stores them
      } else {
        prepared.setObject(index++, value);
      }
    }
    return index;
  }
}
