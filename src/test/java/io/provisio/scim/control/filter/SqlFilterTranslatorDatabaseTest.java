package io.provisio.scim.control.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.scim.control.JsonPaths;
import io.provisio.scim.control.SampleUsers;
import io.provisio.users.control.UserSchemas;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the generated SQL on H2 against the sample users, which the evaluator is held to too. */
class SqlFilterTranslatorDatabaseTest {

  private static Connection connection;

  @BeforeAll
  static void createTables() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:scimfilter;DB_CLOSE_DELAY=-1");
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE users (id VARCHAR(36) PRIMARY KEY, user_name VARCHAR(255),"
              + " user_name_lower VARCHAR(255), family_name VARCHAR(255), title VARCHAR(255),"
              + " user_type VARCHAR(255), active BOOLEAN, last_modified TIMESTAMP WITH TIME ZONE,"
              + " department VARCHAR(255), manager_id VARCHAR(36))");
      statement.execute(
          "CREATE TABLE user_values (user_id VARCHAR(36), attribute VARCHAR(64),"
              + " val VARCHAR(255), val_lower VARCHAR(255), type VARCHAR(64), is_primary BOOLEAN)");
    }
    for (JsonObject user : SampleUsers.USERS) {
      insert(user);
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static String text(JsonObject user, String path) {
    List<JsonValue> values = JsonPaths.values(user, path);
    return values.isEmpty() ? null : ((JsonString) values.get(0)).getString();
  }

  private static void insert(JsonObject user) throws SQLException {
    try (PreparedStatement row =
        connection.prepareStatement("INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      String userName = text(user, "userName");
      String lastModified = text(user, "meta.lastModified");
      List<JsonValue> active = JsonPaths.values(user, "active");
      row.setString(1, text(user, "id"));
      row.setString(2, userName);
      row.setString(3, userName.toLowerCase());
      row.setString(4, text(user, "name.familyName"));
      row.setString(5, text(user, "title"));
      row.setString(6, text(user, "userType"));
      row.setObject(7, active.isEmpty() ? null : active.get(0) == JsonValue.TRUE);
      row.setObject(8, lastModified == null ? null : Timestamp.from(Instant.parse(lastModified)));
      row.setString(9, text(user, "department"));
      row.setString(10, text(user, "manager.value"));
      row.executeUpdate();
    }
    for (String attribute : List.of("emails", "ims")) {
      for (JsonValue item : JsonPaths.values(user, attribute)) {
        JsonObject value = item.asJsonObject();
        try (PreparedStatement row =
            connection.prepareStatement("INSERT INTO user_values VALUES (?, ?, ?, ?, ?, ?)")) {
          row.setString(1, text(user, "id"));
          row.setString(2, attribute);
          row.setString(3, value.getString("value"));
          row.setString(4, value.getString("value").toLowerCase());
          row.setString(5, value.getString("type", null));
          row.setObject(6, value.containsKey("primary") ? value.getBoolean("primary") : null);
          row.executeUpdate();
        }
      }
    }
  }

  static Stream<Arguments> filters() {
    return SampleUsers.filters();
  }

  @ParameterizedTest
  @MethodSource("filters")
  void selectsTheExpectedUsers(String filter, List<String> expected) throws SQLException {
    SqlWhere where =
        new SqlFilterTranslator(UserSchemas.RESOURCE, new UserTableMapping())
            .translate(FilterParser.parse(filter, UserSchemas.RESOURCE));
    List<String> ids = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT u.id FROM users u WHERE " + where.sql() + " ORDER BY u.id")) {
      for (int i = 0; i < where.parameters().size(); i++) {
        query.setObject(i + 1, where.parameters().get(i));
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    assertThat(ids).as(where.sql()).containsExactlyElementsOf(expected);
  }
}
