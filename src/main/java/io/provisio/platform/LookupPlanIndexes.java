package io.provisio.platform;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * V16 (PostgreSQL only): the indexes of the users' lists no longer rival the primary key.
 *
 * <p>With the statistics of an empty table, PostgreSQL costs every index alike, and an index is a
 * candidate for a condition on any of its columns: {@code id = ?} (every GET /Users/{id}) was read
 * through (tenant_id, status, id), all of it. The lists' indexes become partial, over the visible
 * accounts ({@code status <> 'PRESERVED'}, which every list query states): a lookup by id alone
 * does not imply that condition, so the planner cannot use them for it. The count of visible users
 * reads the partial (tenant_id, id) index alone, so (tenant_id, status, id) goes. H2 has no partial
 * indexes and no such planner: it keeps the indexes as they are. QueryPlansIT checks the plans.
 */
public class LookupPlanIndexes extends PostgresMigration {

  static final String[] STATEMENTS = {
    "CREATE INDEX scim_user_visible_created_ix ON scim_user (tenant_id, created_at, id) WHERE status <> 'PRESERVED'",
    "CREATE INDEX scim_user_visible_id_ix ON scim_user (tenant_id, id) WHERE status <> 'PRESERVED'",
    "DROP INDEX scim_user_tenant_created_ix",
    "DROP INDEX scim_user_tenant_id_ix",
    "DROP INDEX scim_user_tenant_status_ix",
  };

  public LookupPlanIndexes() {
    super("16", "lookup plan indexes");
  }

  @Override
  void migrate(Statement statement) throws SQLException {
    for (String sql : STATEMENTS) statement.execute(sql);
  }
}
