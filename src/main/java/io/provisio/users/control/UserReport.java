package io.provisio.users.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
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
 *
 * <p>Only the users' table is read here; the names of profiles, regions and mappings come from
 * their components ({@link ClassificationNames}). Sorting by one of them orders the users' ids by
 * the names' order ({@code CASE u.profile_id WHEN ? THEN 1 …}): a tenant has tens of profiles and
 * mappings, not thousands.
 */
@Stateless
public class UserReport {

  /** One line of the report. */
  public record Row(
      String id, String userName, String displayName, String email, String status, String profile,
      String region, Integer quotaGb, String mapping, String created, String lastUpdated, String mappingId) {

    /** Classified by a mapping that has since been deleted (its users keep what it gave them). */
    public boolean mappingDeleted() {
      return mappingId != null && mapping == null;
    }
  }

  private static final Map<String, String> SORTS =
      Map.of(
          "userName", "u.user_name_lower", "email", "u.email_lower", "status", "u.status",
          "created", "u.created_at", "lastUpdated", "u.last_modified", "profile", "u.profile_id",
          "mapping", "u.mapping_id", "region", "u.region_id", "quotaGb", "u.quota_gb");

  @PersistenceContext EntityManager em;
  @Inject ClassificationNames names;

  /** The names a page shows, read once per page. */
  private record Names(Map<String, String> profiles, Map<String, String> regions, Map<String, String> mappings) {}

  private Names names(String tenantId) {
    return new Names(names.profiles(tenantId), names.regions(), names.mappings(tenantId));
  }

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
    Names names = names(tenantId);
    String column = SORTS.getOrDefault(sort, "u.created_at");
    String order = switch (sort == null ? "" : sort) {
      case "profile" -> byName(column, names.profiles(), parameters);
      case "mapping" -> byName(column, names.mappings(), parameters);
      case "region" -> byName(column, names.regions(), parameters);
      default -> column;
    } + (descending ? " DESC" : " ASC") + ", u.id";
    parameters.add(offset);
    parameters.add(limit);
    return rows(SELECT + where + " ORDER BY " + order + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", parameters, names);
  }

  /** Orders an id column by the names the ids stand for (unknown or none: last). */
  private static String byName(String column, Map<String, String> names, List<Object> parameters) {
    List<Map.Entry<String, String>> sorted = new ArrayList<>(names.entrySet());
    sorted.sort(Map.Entry.comparingByValue(String.CASE_INSENSITIVE_ORDER));
    if (sorted.isEmpty()) return column;
    StringBuilder order = new StringBuilder("CASE ").append(column);
    for (int i = 0; i < sorted.size(); i++) {
      order.append(" WHEN ? THEN ").append(i);
      parameters.add(sorted.get(i).getKey());
    }
    return order.append(" ELSE ").append(sorted.size()).append(" END").toString();
  }

  /**
   * The next chunk after a row, in creation order (then id): the CSV export walks the tenant with
   * it, through (tenant_id, created_at) on a tenant of any size (no index that holds the id may
   * serve a whole tenant: V15__lookup_keys.sql).
   */
  public List<Row> chunkAfter(String tenantId, String status, String q, Row after, int limit) {
    List<Object> parameters = new ArrayList<>();
    String where = where(tenantId, status, q, parameters);
    if (after != null) {
      Timestamp created = Timestamp.from(java.time.Instant.parse(after.created()));
      where += " AND (u.created_at > ? OR (u.created_at = ? AND u.id > ?))";
      parameters.add(created);
      parameters.add(created);
      parameters.add(after.id());
    }
    parameters.add(limit);
    return rows(SELECT + where + " ORDER BY u.created_at, u.id FETCH FIRST ? ROWS ONLY", parameters, names(tenantId));
  }

  private static final String SELECT =
      "SELECT u.id, u.user_name, u.display_name, u.email, u.status, u.profile_id, u.region_id, u.quota_gb,"
          + " u.mapping_id, u.created_at, u.last_modified FROM scim_user u WHERE ";

  private static String where(String tenantId, String status, String q, List<Object> parameters) {
    StringBuilder where = new StringBuilder("u.tenant_id = ?");
    parameters.add(tenantId);
    if (status != null && !status.isBlank()) {
      where.append(" AND u.status = ?");
      parameters.add(status.trim().toUpperCase(Locale.ROOT));
    }
    if (q != null && !q.isBlank()) {
      // any part of userName, email, display name or externalId (ScimUser.searchText), ignoring case
      String like = "%" + q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      where.append(" AND u.search_text LIKE ? ESCAPE '\\'");
      parameters.add(like);
    }
    return where.toString();
  }

  private List<Row> rows(String sql, List<Object> parameters, Names names) {
    var query = em.createNativeQuery(UserStore.number(sql));
    bind(query, parameters);
    List<Row> rows = new ArrayList<>();
    for (Object result : query.getResultList()) {
      Object[] c = (Object[]) result;
      rows.add(new Row((String) c[0], (String) c[1], (String) c[2], (String) c[3], (String) c[4],
          names.profiles().get((String) c[5]), names.regions().get((String) c[6]),
          c[7] == null ? null : ((Number) c[7]).intValue(), names.mappings().get((String) c[8]),
          time(c[9]), time(c[10]), (String) c[8]));
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
