package io.provisio.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The row-lock clauses the databases spell differently. PostgreSQL's {@code FOR KEY SHARE} is held
 * by any number of transactions at once and lets them update the row's other columns, but waits
 * for (and is waited for by) {@code FOR UPDATE}: a counter every writer needs only to read then
 * costs no queue, while a writer that must see it unchanged takes {@code FOR UPDATE}. H2 has no
 * shared row lock; there the clause is {@code FOR UPDATE}, which is as exact and only serialises.
 */
@ApplicationScoped
public class RowLocks {

  @Resource(lookup = ServerResources.DATA_SOURCE)
  DataSource dataSource;

  /** The clause ending a SELECT of one row: shared among readers, exclusive of FOR UPDATE. */
  public String keyShare() {
    try {
      return DatabaseProduct.isPostgreSql(dataSource) ? "FOR KEY SHARE" : "FOR UPDATE";
    } catch (SQLException e) {
      return "FOR UPDATE"; // correct on every database; asked again once the database answers
    }
  }
}
