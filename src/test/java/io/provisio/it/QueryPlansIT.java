package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.platform.SchemaMigration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The SCIM lookups by id, userName, externalId and email (issue 19) read their rows through their
 * own index on PostgreSQL, with fresh statistics and with the statistics of an empty table: the
 * state right after a bulk import, or wherever autovacuum is late, in which every index costs the
 * same to the planner and a lookup once read a whole tenant. The schema is the migrations' own, in
 * a database of this test's; the statements are the ones the stores send (EXPLAIN of each).
 */
@TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class QueryPlansIT {

  private static final String DATABASE = "provisio_plans_it";
  private static final String TENANT = "00000000-0000-4000-8000-000000000001";
  private static final String OTHER_TENANT = "00000000-0000-4000-8000-000000000002";
  private static final int USERS = 20_000;

  private static Connection db;

  @BeforeAll
  static void emptyDatabaseBulkLoadedAfterItsTablesWereAnalyzed() throws SQLException {
    try (var admin = DriverManager.getConnection(url("postgres"), "postgres", "postgres");
        var statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    var dataSource = new PGSimpleDataSource();
    dataSource.setURL(url(DATABASE));
    dataSource.setUser("postgres");
    dataSource.setPassword("postgres");
    SchemaMigration.flyway(dataSource).migrate();
    db = dataSource.getConnection();
    try (var statement = db.createStatement()) {
      statement.execute("ANALYZE"); // the tables are empty: so are their statistics from now on
      for (String tenant : List.of(TENANT, OTHER_TENANT)) {
        statement.execute("INSERT INTO tenant (id, name, name_lower, user_management_mode, api_access, created_at, version)"
            + " VALUES ('" + tenant + "', 't" + tenant + "', 't" + tenant + "', 'SCIM', true, now(), 1)");
        statement.execute("INSERT INTO scim_user (id, tenant_id, status, user_name, user_name_lower, user_key,"
            + " external_id, external_key, active, email, email_lower, account_name, search_text, resource_json,"
            + " created_at, last_modified, version)"
            + " SELECT md5('" + tenant + "' || g)::uuid::text, '" + tenant + "',"
            + " CASE WHEN g % 10 = 0 THEN 'PRESERVED' ELSE 'ACTIVE' END, n, n, '" + tenant + ":' || n,"
            + " 'ext-' || g, '" + tenant + ":ext-' || g, true, n, n, n, n, '{}', now(), now(), 1"
            + " FROM (SELECT g, 'user' || g || '@t" + tenant.charAt(35) + ".example' AS n"
            + " FROM generate_series(1, " + USERS + ") g) s");
        statement.execute("INSERT INTO scim_group (id, tenant_id, display_name, display_name_lower, group_key,"
            + " external_id, external_key, created_at, last_modified, version)"
            + " SELECT md5('g" + tenant + "' || g)::uuid::text, '" + tenant + "', 'Group ' || g, 'group ' || g,"
            + " '" + tenant + ":group ' || g, 'gext-' || g, '" + tenant + ":gext-' || g, now(), now(), 1"
            + " FROM generate_series(1, " + USERS / 10 + ") g");
      }
      // every user in one group of ten, and the first 1,000 users of each tenant also in its first group
      statement.execute("INSERT INTO group_member (group_id, user_id) SELECT g.id, u.id FROM scim_group g"
          + " JOIN scim_user u ON u.tenant_id = g.tenant_id"
          + " AND (substring(g.display_name, 7)::int = 1 + abs(hashtext(u.id)) % " + USERS / 10
          + " OR (g.display_name = 'Group 1' AND u.user_name ~ '^user[0-9]{1,3}@'))"
          + " ON CONFLICT DO NOTHING");
      statement.execute("INSERT INTO scim_user_value (user_id, attribute, item_position, item_value, item_value_lower,"
          + " item_type, item_type_lower, primary_flag) SELECT id, 'emails', 0, email, email_lower, 'work', 'work', true"
          + " FROM scim_user");
    }
  }

  @AfterAll
  static void dropTheDatabase() throws SQLException {
    if (db != null) db.close();
    try (var admin = DriverManager.getConnection(url("postgres"), "postgres", "postgres");
        var statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  @Test
  @Order(1)
  void withTheStatisticsOfAnEmptyTableEveryLookupUsesItsOwnIndex() throws SQLException {
    try (var statement = db.createStatement();
        var stats = statement.executeQuery("SELECT reltuples FROM pg_class WHERE relname = 'scim_user'")) {
      stats.next();
      assertThat(stats.getDouble(1)).as("the planner believes the table empty").isZero();
    }
    everyLookupUsesItsOwnIndex();
  }

  @Test
  @Order(2)
  void withFreshStatisticsEveryLookupUsesItsOwnIndex() throws SQLException {
    try (var statement = db.createStatement()) {
      statement.execute("ANALYZE");
    }
    everyLookupUsesItsOwnIndex();
  }

  private void everyLookupUsesItsOwnIndex() throws SQLException {
    var wrong = new ArrayList<String>();
    // GET /Users/{id}: the user and its groups in one statement (UserStore.withGroups), by primary
    // key and the membership table's user index
    expect(wrong, withGroups("u.id = md5('" + TENANT + "' || 77)::uuid::text"),
        "scim_user_pkey", "group_member_user_ix", "scim_group_pkey");
    // GET /Groups/{id}: the group with its members and their names in one statement
    // (GroupStore.findWithMembers), by primary keys; without members (Entra), EntityManager.find
    expect(wrong, "SELECT g.*, " + io.provisio.groups.control.GroupStore.MEMBERS_COLUMN
        + " AS member_list FROM scim_group g WHERE g.id = md5('g" + TENANT + "' || 1)::uuid::text",
        "scim_group_pkey", "group_member_pkey", "scim_user_pkey");
    expect(wrong, "SELECT * FROM scim_group WHERE id = md5('g" + TENANT + "' || 7)::uuid::text", "scim_group_pkey");
    // filter userName eq (UserStore.withGroups)
    expect(wrong, withGroups("u.user_key = '" + TENANT + ":user77@t1.example'"),
        "scim_user_key_uq", "group_member_user_ix", "scim_group_pkey");
    // filter externalId eq
    expect(wrong, withGroups("u.external_key = '" + TENANT + ":ext-77'"),
        "scim_user_external_key_ix", "group_member_user_ix", "scim_group_pkey");
    // a create's one look at the accounts it would collide with or restore (UserStore.claimants):
    // by userName, externalId and email; a change's by userName and email
    expect(wrong, "SELECT * FROM scim_user WHERE user_key = '" + TENANT + ":user7@t1.example' OR external_key = '"
        + TENANT + ":ext-77' OR email_lower = 'user70@t1.example'",
        "scim_user_key_uq", "scim_user_external_key_ix", "scim_user_email_uq");
    expect(wrong, "SELECT * FROM scim_user WHERE user_key = '" + TENANT + ":user7@t1.example' OR email_lower = 'user70@t1.example'",
        "scim_user_key_uq", "scim_user_email_uq");
    // filter emails eq (UserStore.byEmail): the values' rows by the value, then the accounts by id
    expect(wrong, io.provisio.users.control.UserStore.VALUE_LOOKUP.replace("?1", "'user77@t1.example'"),
        "scim_user_value_value_ix");
    expect(wrong, "SELECT * FROM scim_user WHERE id IN (md5('" + TENANT + "' || 77)::uuid::text, md5('"
        + OTHER_TENANT + "' || 77)::uuid::text)", "scim_user_pkey");
    // a group's new members are users of the tenant (UserStore.visibleIds, every PATCH adding members)
    expect(wrong, io.provisio.users.control.UserStore.usersByIds(2)
        .replace("?1", "md5('" + TENANT + "' || 77)::uuid::text").replace("?2", "md5('" + OTHER_TENANT + "' || 78)::uuid::text"),
        "scim_user_pkey");
    // filter displayName eq and externalId eq on Groups, and the create's displayName check (GroupStore)
    expect(wrong, "SELECT * FROM scim_group WHERE group_key = '" + TENANT + ":group 7'", "scim_group_key_uq");
    expect(wrong, "SELECT * FROM scim_group WHERE external_key = '" + TENANT + ":gext-7'", "scim_group_external_key_ix");
    assertThat(wrong).as("lookups that read through another index or none").isEmpty();
  }

  /** The statement UserStore sends to read users with their groups, for these rows. */
  private static String withGroups(String where) {
    return "SELECT u.*, " + new io.provisio.groups.control.GroupMemberships().groupsOfUserColumn()
        + " AS member_of FROM scim_user u WHERE " + where;
  }

  /**
   * Records the statement if its plan scans a table or a whole index, or reads through any index
   * but these, or leaves one of them out.
   */
  private static void expect(List<String> wrong, String sql, String... indexes) throws SQLException {
    String json;
    try (var statement = db.createStatement(); var rows = statement.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
      rows.next();
      json = rows.getString(1);
    }
    var used = new java.util.TreeSet<String>();
    var scans = new ArrayList<String>();
    walk(jakarta.json.Json.createReader(new java.io.StringReader(json)).readArray().getJsonObject(0)
        .getJsonObject("Plan"), used, scans);
    if (!scans.isEmpty() || !used.equals(new java.util.TreeSet<>(List.of(indexes)))) {
      wrong.add(sql + "\n  indexes " + used + ", scans " + scans);
    }
  }

  private static void walk(jakarta.json.JsonObject node, java.util.Set<String> used, List<String> scans) {
    if (node.containsKey("Index Name")) {
      used.add(node.getString("Index Name"));
      // an index read without a condition on it reads all of it: a scan by another name
      if (!node.containsKey("Index Cond")) scans.add("all of " + node.getString("Index Name"));
    }
    if (node.getString("Node Type").equals("Seq Scan")) scans.add(node.getString("Relation Name"));
    for (var child : node.getJsonArray("Plans") == null ? List.<jakarta.json.JsonValue>of() : node.getJsonArray("Plans")) {
      walk(child.asJsonObject(), used, scans);
    }
  }

  private static String url(String database) {
    return System.getProperty("provisio.it.pg.url").replaceAll("/[^/]*$", "/" + database);
  }
}
