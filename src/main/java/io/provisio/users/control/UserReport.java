package io.provisio.users.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The user provisioning report (SPEC §7): every SCIM-managed account of a tenant with its status
 * and classification. Pages are read by offset for the console and by id (keyset) for the CSV
 * export, which streams the whole tenant a chunk at a time.
 */
@Stateless
public class UserReport {

  /** One line of the report. */
  public record Row(
      String id, String userName, String displayName, String email, String status, String profile,
      String region, Integer quotaGb, String mapping, String created, String lastUpdated) {}

  private static final Map<String, String> SORTS =
      Map.of(
          "userName", "u.user_name_lower", "email", "u.email_lower", "status", "u.status",
          "created", "u.created_at", "lastUpdated", "u.last_modified", "profile", "p.name",
          "mapping", "m.name", "region", "r.name", "quotaGb", "u.quota_gb");

  @PersistenceContext EntityManager em;

  public static boolean sortable(String sort) {
    return SORTS.containsKey(sort);
  }

  public long count(String tenantId, String status, String q) {
    List<Object> parameters = new ArrayList<>();
    String where = where(tenantId, status, q, parameters);
    var query = em.createNativeQuery(UserStore.number("SELECT COUNT(*) FROM scim_user u WHERE " + where));
    bind(query, parameters);
    return ((Number) query.getSingleResult()).longValue();
  }

  public List<Row> page(String tenantId, String status, String q, String sort, boolean descending, int offset, int limit) {
    List<Object> parameters = new ArrayList<>();
    String where = where(tenantId, status, q, parameters);
    String order = SORTS.getOrDefault(sort, "u.created_at") + (descending ? " DESC" : " ASC") + ", u.id";
    parameters.add(offset);
    parameters.add(limit);
    return rows(select() + where + " ORDER BY " + order + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", parameters);
  }

  /** The next chunk after an id, in id order: the CSV export walks the tenant with it. */
  public List<Row> chunkAfter(String tenantId, String status, String q, String afterId, int limit) {
    List<Object> parameters = new ArrayList<>();
    String where = where(tenantId, status, q, parameters);
    if (afterId != null) {
      where += " AND u.id > ?";
      parameters.add(afterId);
    }
    parameters.add(limit);
    return rows(select() + where + " ORDER BY u.id FETCH FIRST ? ROWS ONLY", parameters);
  }

  private static String select() {
    return "SELECT u.id, u.user_name, u.display_name, u.email, u.status, p.name, r.name, u.quota_gb,"
        + " m.name, u.created_at, u.last_modified FROM scim_user u"
        + " LEFT JOIN profile p ON p.id = u.profile_id"
        + " LEFT JOIN storage_region r ON r.id = u.region_id"
        + " LEFT JOIN mapping m ON m.id = u.mapping_id WHERE ";
  }

  private static String where(String tenantId, String status, String q, List<Object> parameters) {
    StringBuilder where = new StringBuilder("u.tenant_id = ?");
    parameters.add(tenantId);
    if (status != null && !status.isBlank()) {
      where.append(" AND u.status = ?");
      parameters.add(status.trim().toUpperCase(Locale.ROOT));
    }
    if (q != null && !q.isBlank()) {
      String like = q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      where.append(" AND (u.user_name_lower LIKE ? ESCAPE '\\' OR u.email_lower LIKE ? ESCAPE '\\')");
      parameters.add(like);
      parameters.add(like);
    }
    return where.toString();
  }

  private List<Row> rows(String sql, List<Object> parameters) {
    var query = em.createNativeQuery(UserStore.number(sql));
    bind(query, parameters);
    List<Row> rows = new ArrayList<>();
    for (Object result : query.getResultList()) {
      Object[] c = (Object[]) result;
      rows.add(new Row((String) c[0], (String) c[1], (String) c[2], (String) c[3], (String) c[4],
          (String) c[5], (String) c[6], c[7] == null ? null : ((Number) c[7]).intValue(), (String) c[8],
          time(c[9]), time(c[10])));
    }
    return rows;
  }

  private static String time(Object value) {
    return value instanceof Timestamp t ? t.toInstant().toString() : value == null ? null : value.toString();
  }

  private static void bind(jakarta.persistence.Query query, List<Object> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, parameters.get(i));
    }
  }
}
