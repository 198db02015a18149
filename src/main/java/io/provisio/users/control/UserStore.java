package io.provisio.users.control;

import io.provisio.platform.StatementBatch;
import io.provisio.scim.control.LookupKey;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.Operator;
import io.provisio.scim.control.filter.SqlFilterTranslator;
import io.provisio.users.entity.ScimUser;
import io.provisio.users.entity.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes users in the caller's transaction. Every query is scoped to one tenant and
 * leaves out preserved accounts, which SCIM no longer sees; filters become SQL, never a scan in
 * memory.
 */
@ApplicationScoped
public class UserStore {

  /** Value rows per INSERT statement: 7,000 bound parameters, far below PostgreSQL's 65,535. */
  private static final int ROWS_PER_INSERT = 500;

  @PersistenceContext EntityManager em;
  @Inject Memberships memberships;
  private volatile UserSqlMapping mapping;

  /** One page of a query, and the total it was cut from. */
  public record Page(List<ScimUser> users, long total) {}

  /**
   * A user's display name as a correlated subquery, by the user's primary key: what the groups'
   * component selects to show its members with the group in one statement.
   */
  public static String displayNameOf(String userIdExpression) {
    return "(SELECT u.display_name FROM scim_user u WHERE u.id = " + userIdExpression + ")";
  }

  /** The user with its groups, in one statement (GET /Users/{id}). */
  public ScimUser visible(String tenantId, String id) {
    List<ScimUser> found = withGroups("u.id = ?1", id);
    return requireVisible(found.isEmpty() ? null : found.get(0), tenantId, id);
  }

  /**
   * The users whose row matches, each with its groups, in one statement: the row and, by the
   * groups' component's correlated subquery ({@link Memberships#groupsOfUserColumn}), the groups.
   */
  private List<ScimUser> withGroups(String where, String parameter) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT u.*, " + memberships.groupsOfUserColumn() + " AS \""
            + ScimUser.GROUPS_COLUMN + "\" FROM scim_user u WHERE " + where, ScimUser.WITH_GROUPS)
        .setParameter(1, parameter).getResultList();
    List<ScimUser> users = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      ScimUser user = (ScimUser) row[0];
      user.groupsRead((String) row[1]);
      users.add(user);
    }
    return users;
  }

  /**
   * The user, row-locked until the transaction ends: concurrent PUT, PATCH and DELETE of one user
   * run one after the other, so an If-Match is checked against the version that will be changed
   * and no update is ever lost, with or without If-Match.
   */
  public ScimUser visibleForUpdate(String tenantId, String id) {
    return requireVisible(em.find(ScimUser.class, id, LockModeType.PESSIMISTIC_WRITE), tenantId, id);
  }

  private static ScimUser requireVisible(ScimUser user, String tenantId, String id) {
    if (user == null || !user.getTenantId().equals(tenantId) || user.getStatus() == UserStatus.PRESERVED) {
      throw ScimException.notFound("No user with id " + ScimException.quote(id) + ".");
    }
    return user;
  }

  /**
   * Every account a user with these keys would collide with or restore, in one statement by the
   * keys' own indexes (V15, V3): the tenant's account holding the userName (ignoring case,
   * preserved ones included), the tenant's accounts with the externalId, and the account of any
   * tenant holding the email (ignoring case). A create and a change decide uniqueness and restore
   * from these few rows ({@link Claimants}); the unique indexes still refuse whatever a concurrent
   * write slips in between.
   */
  public Claimants claimants(String tenantId, String userName, String externalId, String emailLower) {
    var keys = new ArrayList<String>();
    keys.add("u.userKey = :k");
    if (externalId != null) keys.add("u.externalKey = :x");
    if (emailLower != null) keys.add("u.emailLower = :e");
    var query = em.createQuery("SELECT u FROM ScimUser u WHERE " + String.join(" OR ", keys), ScimUser.class)
        .setParameter("k", LookupKey.of(tenantId, userName.toLowerCase(Locale.ROOT)));
    if (externalId != null) query.setParameter("x", LookupKey.of(tenantId, externalId));
    if (emailLower != null) query.setParameter("e", emailLower);
    return new Claimants(tenantId, userName, externalId, emailLower, query.getResultList());
  }

  /** The accounts {@link #claimants} found, and what they mean for a create or a change. */
  public record Claimants(String tenantId, String userName, String externalId, String emailLower, List<ScimUser> found) {

    /** The account of the tenant holding the userName (ignoring case), preserved ones included. */
    public ScimUser userNameHolder() {
      String key = LookupKey.of(tenantId, userName.toLowerCase(Locale.ROOT));
      return found.stream().filter(u -> key.equals(u.getUserKey())).findFirst().orElse(null);
    }

    /** Whether an account other than this one, in any tenant, holds the email (ignoring case). */
    public boolean emailTakenExcept(String exceptId) {
      return emailLower != null
          && found.stream().anyMatch(u -> emailLower.equals(u.getEmailLower()) && !u.getId().equals(exceptId));
    }

    /**
     * The preserved account of the tenant that a new user with this externalId or email restores,
     * decided the same way every time when several match (README "Deleting and restoring"): the
     * one matching both the externalId and the email; else the most recently preserved; equal
     * times by id.
     */
    public ScimUser preservedMatch() {
      List<ScimUser> candidates = found.stream()
          .filter(u -> u.getTenantId().equals(tenantId) && u.getStatus() == UserStatus.PRESERVED)
          .filter(u -> externalId != null && externalId.equals(u.getExternalId())
              || emailLower != null && emailLower.equals(u.getEmailLower()))
          .sorted(java.util.Comparator.comparing(ScimUser::getLastModified).reversed().thenComparing(ScimUser::getId))
          .toList();
      return candidates.stream()
          .filter(u -> externalId != null && externalId.equals(u.getExternalId())
              && emailLower != null && emailLower.equals(u.getEmailLower()))
          .findFirst()
          .orElse(candidates.isEmpty() ? null : candidates.get(0));
    }
  }

  public String tenantName(String tenantId) {
    return em.find(io.provisio.tenants.entity.Tenant.class, tenantId).getName();
  }

  /** Where users' attributes are, the groups attribute in the memberships' table included. */
  private UserSqlMapping mapping() {
    if (mapping == null) mapping = UserSqlMapping.INSTANCE.with(memberships.groupsOfUserTable());
    return mapping;
  }

  /** How many accounts (preserved ones included: they keep their place) a profile holds. */
  public long countInProfile(String profileId) {
    return em.createQuery("SELECT COUNT(u) FROM ScimUser u WHERE u.profileId = :p", Long.class)
        .setParameter("p", profileId).getSingleResult();
  }

  /** How many accounts each of these profiles holds, as {@link #countInProfile}, in one statement. */
  public java.util.Map<String, Long> countInProfiles(java.util.Collection<String> profileIds) {
    var counts = new java.util.HashMap<String, Long>();
    if (profileIds.isEmpty()) return counts;
    for (Object[] row : em.createQuery(
            "SELECT u.profileId, COUNT(u) FROM ScimUser u WHERE u.profileId IN :p GROUP BY u.profileId", Object[].class)
        .setParameter("p", profileIds).getResultList()) {
      counts.put((String) row[0], ((Number) row[1]).longValue());
    }
    return counts;
  }

  /**
   * The ids among these that are visible users of the tenant (not preserved). The rows come by the
   * primary key alone ({@link #usersByIds}); tenant and status are checked here, so that no index
   * of the lists (partial over the visible accounts) can be chosen instead (QueryPlansIT).
   */
  public java.util.Set<String> visibleIds(String tenantId, java.util.Collection<String> userIds) {
    java.util.Set<String> found = new java.util.HashSet<>();
    List<String> list = new ArrayList<>(new java.util.LinkedHashSet<>(userIds));
    for (int from = 0; from < list.size(); from += 500) {
      var chunk = list.subList(from, Math.min(list.size(), from + 500));
      var query = em.createNativeQuery(usersByIds(chunk.size()));
      for (int i = 0; i < chunk.size(); i++) query.setParameter(i + 1, chunk.get(i));
      for (Object row : query.getResultList()) {
        Object[] user = (Object[]) row;
        if (tenantId.equals(user[1]) && !UserStatus.PRESERVED.name().equals(user[2])) found.add((String) user[0]);
      }
    }
    return found;
  }

  /** Id, tenant and status of the users with these ids ({@code ?1} to {@code ?count}), by the primary key. */
  public static String usersByIds(int count) {
    return number("SELECT id, tenant_id, status FROM scim_user WHERE id IN ("
        + String.join(",", Collections.nCopies(count, "?")) + ")");
  }

  /** The displayName of each of these users, by id (one statement per 1,000 ids). */
  public java.util.Map<String, String> displayNames(List<String> userIds) {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    for (int from = 0; from < userIds.size(); from += 1000) {
      for (Object[] row : em.createQuery("SELECT u.id, u.displayName FROM ScimUser u WHERE u.id IN :ids", Object[].class)
          .setParameter("ids", userIds.subList(from, Math.min(userIds.size(), from + 1000)))
          .getResultList()) {
        names.put((String) row[0], (String) row[1]);
      }
    }
    return names;
  }

  public void persist(ScimUser user) {
    em.persist(user);
    em.flush();
  }

  /**
   * Writes a new account, its value rows and the statements that go with it (its log entry, its
   * profile's maximum) together: one round trip on PostgreSQL ({@link StatementBatch}). Returns
   * the last statement's value when it is a query.
   */
  public Object insert(ScimUser user, List<UserRepresentations.Value> values, StatementBatch.Statement... alongside) {
    return new StatementBatch().addAll(inserts(user, values)).addAll(List.of(alongside)).run(em);
  }

  /**
   * The statements that write a new account: its row and its value rows, to be sent with the rest
   * of the create ({@link StatementBatch}). The account is not in the persistence context
   * afterwards; nothing later in the request changes it.
   */
  private List<StatementBatch.Statement> inserts(ScimUser user, List<UserRepresentations.Value> values) {
    Map<String, Object> row = user.newRow();
    var insert = StatementBatch.Statement.of(
        "INSERT INTO scim_user (" + String.join(", ", row.keySet()) + ") VALUES ("
            + String.join(", ", Collections.nCopies(row.size(), "?")) + ")",
        row.values().toArray());
    var statements = new ArrayList<StatementBatch.Statement>();
    statements.add(insert);
    statements.addAll(valueInserts(user.getId(), values));
    return statements;
  }

  /** Replaces the rows of the user's multi-valued attributes. */
  public void replaceValues(String userId, List<UserRepresentations.Value> values) {
    new StatementBatch()
        .add(StatementBatch.Statement.of("DELETE FROM scim_user_value WHERE user_id = ?", userId))
        .addAll(valueInserts(userId, values))
        .run(em);
  }

  /**
   * A user's value rows in one statement per {@value #ROWS_PER_INSERT} rows: one for any ordinary
   * user, however many emails, phone numbers and addresses it has, and far below the databases'
   * limits on bound parameters for the largest body accepted.
   */
  private static List<StatementBatch.Statement> valueInserts(String userId, List<UserRepresentations.Value> values) {
    var statements = new ArrayList<StatementBatch.Statement>();
    for (int from = 0; from < values.size(); from += ROWS_PER_INSERT) {
      statements.add(valueInsert(userId, values.subList(from, Math.min(values.size(), from + ROWS_PER_INSERT))));
    }
    return statements;
  }

  private static StatementBatch.Statement valueInsert(String userId, List<UserRepresentations.Value> rows) {
    var sql = new StringBuilder(
        "INSERT INTO scim_user_value (user_id, attribute, item_position, item_value, item_value_lower,"
            + " item_type, item_type_lower, primary_flag, display, street_address, locality, region,"
            + " postal_code, country) VALUES ");
    var parameters = new ArrayList<Object>();
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      var v = rows.get(i);
      var address = v.address();
      parameters.addAll(Arrays.asList(
          userId,
          v.attribute(),
          v.position(),
          v.value(),
          v.value() == null ? null : v.value().toLowerCase(Locale.ROOT),
          v.type(),
          v.type() == null ? null : v.type().toLowerCase(Locale.ROOT),
          v.primary(),
          v.display(),
          address == null ? null : address.streetAddress(),
          address == null ? null : address.locality(),
          address == null ? null : address.region(),
          address == null ? null : address.postalCode(),
          address == null ? null : address.country()));
    }
    return new StatementBatch.Statement(sql.toString(), parameters);
  }

  /**
   * A page of the tenant's visible users matching the filter. {@code afterId} switches to cursor
   * paging: rows after that id in id order (RFC 9865), stable however the table changes.
   */
  public Page query(
      String tenantId, Filter filter, String orderBy, boolean descending, int offset, int count, String afterId, boolean cursor) {
    if (orderBy == null && !cursor) {
      var found = byLookupKey(tenantId, filter, descending);
      if (found.isPresent()) {
        List<ScimUser> users = found.get();
        return new Page(users.stream().skip(offset).limit(count).toList(), users.size());
      }
    }
    var where = new StringBuilder("u.tenant_id = ? AND u.status <> 'PRESERVED'");
    List<Object> parameters = new ArrayList<>();
    parameters.add(tenantId);
    if (filter != null) {
      var sql = new SqlFilterTranslator(ProvisioUserSchema.RESOURCE, mapping()).translate(filter);
      where.append(" AND (").append(sql.sql()).append(")");
      parameters.addAll(sql.parameters());
    }
    long total = ((Number) native_("SELECT COUNT(*) FROM scim_user u WHERE " + where, parameters).getSingleResult()).longValue();
    if (count == 0) {
      return new Page(List.of(), total);
    }
    var select = new StringBuilder("SELECT u.* FROM scim_user u WHERE ").append(where);
    List<Object> pageParameters = new ArrayList<>(parameters);
    if (cursor) {
      if (afterId != null) {
        select.append(" AND u.id > ?");
        pageParameters.add(afterId);
      }
      select.append(" ORDER BY u.id FETCH FIRST ? ROWS ONLY");
      pageParameters.add(count);
    } else {
      select.append(" ORDER BY ")
          .append(orderBy == null ? "u.created_at" : orderBy)
          .append(descending ? " DESC" : " ASC")
          .append(", u.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
      pageParameters.add(offset);
      pageParameters.add(count);
    }
    var query = em.createNativeQuery(number(select.toString()), ScimUser.class);
    for (int i = 0; i < pageParameters.size(); i++) {
      query.setParameter(i + 1, pageParameters.get(i));
    }
    @SuppressWarnings("unchecked")
    List<ScimUser> users = query.getResultList();
    return new Page(users, total);
  }

  /**
   * The answer to {@code userName eq}, {@code externalId eq}, {@code emails[.value] eq} or
   * {@code emails[type eq "work"].value eq} (what IdPs ask before every create), by statements
   * that name only the key's own indexed column (one; two for emails): whatever the planner's
   * statistics, they read those few rows through that index and never a whole tenant
   * (V15__lookup_keys.sql, V18__email_lookup.sql, QueryPlansIT). Tenant and visibility are checked on the
   * rows found; the order is the list's default one. Empty for any other filter.
   */
  private java.util.Optional<List<ScimUser>> byLookupKey(String tenantId, Filter filter, boolean descending) {
    TypedEmail typed = typedEmail(filter);
    if (typed != null) {
      return java.util.Optional.of(visibleInOrder(byEmail(typed.value(), typed.type()), tenantId, descending));
    }
    var equality = LookupKey.equality(filter, ProvisioUserSchema.RESOURCE).orElse(null);
    if (equality == null) return java.util.Optional.empty();
    String value = equality.value();
    String core = UserSchemas.USER_URN;
    List<ScimUser> rows;
    if (equality.is(core, "userName", null)) {
      rows = withGroups("u.user_key = ?1", LookupKey.of(tenantId, value.toLowerCase(Locale.ROOT)));
    } else if (equality.is(core, "externalId", null)) {
      rows = withGroups("u.external_key = ?1", LookupKey.of(tenantId, value));
    } else if (equality.is(core, "emails", null) || equality.is(core, "emails", "value")) {
      rows = byEmail(value.toLowerCase(Locale.ROOT), null);
    } else {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(visibleInOrder(rows, tenantId, descending));
  }

  /** The tenant's visible accounts among these, in the list's default order (created, then id). */
  private static List<ScimUser> visibleInOrder(List<ScimUser> rows, String tenantId, boolean descending) {
    var created = java.util.Comparator.comparing(ScimUser::getCreatedAt);
    return rows.stream()
        .filter(u -> u.getTenantId().equals(tenantId) && u.getStatus() != UserStatus.PRESERVED)
        .sorted((descending ? created.reversed() : created).thenComparing(ScimUser::getId))
        .toList();
  }

  /** {@code emails[type eq "T"].value eq "V"}, in lower case. */
  private record TypedEmail(String type, String value) {}

  /** The type and value of {@code emails[type eq "T"].value eq "V"} (a work-email lookup); null for any other filter. */
  private static TypedEmail typedEmail(Filter filter) {
    if (!(filter instanceof Filter.Comparison comparison) || comparison.op() != Operator.EQ
        || !(comparison.literal() instanceof String value) || !comparison.path().hasFilter()
        || !(comparison.path().valueFilter() instanceof Filter.Comparison type) || type.op() != Operator.EQ
        || !(type.literal() instanceof String typeValue) || type.path().hasFilter()
        || type.path().subAttribute() != null || !"type".equalsIgnoreCase(type.path().attribute())) {
      return null;
    }
    var resolved = ProvisioUserSchema.RESOURCE.resolve(comparison.path().withoutFilter()).orElse(null);
    if (resolved == null || !resolved.schema().id().equals(UserSchemas.USER_URN)
        || !resolved.attribute().name().equals("emails") || !resolved.hasSubAttribute()
        || !resolved.subAttribute().name().equals("value")) {
      return null;
    }
    return new TypedEmail(typeValue.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT));
  }

  /**
   * The values' rows holding this value (lower case), by the value alone: the only index that holds
   * it leads with it (V18__email_lookup.sql). Columns: user_id, attribute, item_type_lower.
   */
  public static final String VALUE_LOOKUP =
      "SELECT v.user_id, v.attribute, v.item_type_lower FROM scim_user_value v WHERE v.item_value_lower = ?1";

  /**
   * The accounts, in any tenant, with this email among their emails: their ids by the value, then
   * the accounts by primary key. Two statements, not a join: with the statistics of an empty table
   * PostgreSQL once drove that join from a scan of every account (QueryPlansIT).
   */
  private List<ScimUser> byEmail(String emailLower, String typeLower) {
    @SuppressWarnings("unchecked")
    List<Object[]> values = em.createNativeQuery(VALUE_LOOKUP).setParameter(1, emailLower).getResultList();
    List<String> ids = values.stream()
        .filter(v -> "emails".equals(v[1]) && (typeLower == null || typeLower.equals(v[2])))
        .map(v -> (String) v[0]).distinct().toList();
    if (ids.isEmpty()) return List.of();
    return em.createQuery("SELECT u FROM ScimUser u WHERE u.id IN :ids", ScimUser.class)
        .setParameter("ids", ids).getResultList();
  }

  private jakarta.persistence.Query native_(String sql, List<Object> parameters) {
    var query = em.createNativeQuery(number(sql));
    for (int i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, parameters.get(i));
    }
    return query;
  }

  /** JDBC-style ? placeholders to JPA's numbered ?n (the SQL holds no ? inside literals). */
  public static String number(String sql) {
    var numbered = new StringBuilder(sql.length() + 16);
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      numbered.append(c);
      if (c == '?') {
        numbered.append(++n);
      }
    }
    return numbered.toString();
  }
}
