package io.provisio.groups.control;

import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.audit.control.ProvisioningRefusal;
import io.provisio.groups.entity.ScimGroup;
import io.provisio.scim.control.LookupKey;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.SqlFilterTranslator;
import io.provisio.users.control.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups and their members, in the caller's transaction. Members are added and removed one row
 * at a time and read only when a response asks for them.
 */
@ApplicationScoped
public class GroupStore {

  /** A member as a group shows it. */
  public record Member(String userId, String display) {}

  @PersistenceContext EntityManager em;
  @Inject UserStore users;

  public ScimGroup find(String tenantId, String id) {
    return requireOwn(em.find(ScimGroup.class, id), tenantId, id);
  }

  /**
   * The group with its members and their display names, in one statement (GET /Groups/{id}): the
   * memberships by the group's index, each member's name by the users' component's correlated
   * subquery ({@link UserStore#displayNameOf}).
   */
  public ScimGroup findWithMembers(String tenantId, String id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery("SELECT g.*, " + MEMBERS_COLUMN + " AS \"" + ScimGroup.MEMBERS_COLUMN
            + "\" FROM scim_group g WHERE g.id = ?1", ScimGroup.WITH_MEMBERS)
        .setParameter(1, id).getResultList();
    ScimGroup group = rows.isEmpty() ? null : (ScimGroup) rows.get(0)[0];
    if (group != null) group.membersRead((String) rows.get(0)[1]);
    return requireOwn(group, tenantId, id);
  }

  /** A group's members as one column ({@link IdNameColumn}), correlated to the group {@code g}. */
  public static final String MEMBERS_COLUMN = IdNameColumn.aggregate("m.user_id", UserStore.displayNameOf("m.user_id"),
      "group_member m WHERE m.group_id = g.id");

  /** The members read with the group ({@link #findWithMembers}), in id order, as {@link #members} gives them. */
  public static List<Member> readMembers(String column) {
    return IdNameColumn.parse(column).stream()
        .map(pair -> new Member(pair.id(), pair.name()))
        .sorted(java.util.Comparator.comparing(Member::userId))
        .toList();
  }

  /** The group, row-locked until the transaction ends, so that concurrent changes of it serialize. */
  public ScimGroup findForUpdate(String tenantId, String id) {
    return requireOwn(em.find(ScimGroup.class, id, LockModeType.PESSIMISTIC_WRITE), tenantId, id);
  }

  private static ScimGroup requireOwn(ScimGroup group, String tenantId, String id) {
    if (group == null || !group.getTenantId().equals(tenantId)) {
      throw ScimException.notFound("No group with id " + ScimException.quote(id) + ".");
    }
    return group;
  }

  public void requireFreeName(String tenantId, String displayName, String exceptId) {
    boolean taken = em.createQuery("SELECT g.id FROM ScimGroup g WHERE g.groupKey = :k", String.class)
        .setParameter("k", LookupKey.of(tenantId, displayName.toLowerCase(Locale.ROOT)))
        .getResultList()
        .stream()
        .anyMatch(id -> !id.equals(exceptId));
    if (taken) {
      throw new ProvisioningRefusal(ProvisioningOutcome.GROUP_NAME_TAKEN,
          "A group named " + ScimException.quote(displayName) + " already exists in this account.");
    }
  }

  public void persist(ScimGroup group) {
    em.persist(group);
    em.flush();
  }

  /** Refuses (400 invalidValue) any id that is not a visible user of the tenant. */
  public void requireUsers(String tenantId, Collection<String> userIds) {
    if (userIds.isEmpty()) return;
    Set<String> found = users.visibleIds(tenantId, userIds);
    for (String id : new LinkedHashSet<>(userIds)) {
      if (!found.contains(id)) {
        throw ScimException.invalidValue("members: " + ScimException.quote(id) + " is not a user of this account.");
      }
    }
  }

  public void addMembers(String groupId, Collection<String> userIds) {
    for (String userId : new LinkedHashSet<>(userIds)) {
      em.createNativeQuery(
              "INSERT INTO group_member (group_id, user_id) SELECT ?1, ?2 WHERE NOT EXISTS"
                  + " (SELECT 1 FROM group_member WHERE group_id = ?3 AND user_id = ?4)")
          .setParameter(1, groupId).setParameter(2, userId).setParameter(3, groupId).setParameter(4, userId)
          .executeUpdate();
    }
  }

  public void removeMembers(String groupId, Collection<String> userIds) {
    for (String userId : new LinkedHashSet<>(userIds)) {
      em.createNativeQuery("DELETE FROM group_member WHERE group_id = ?1 AND user_id = ?2")
          .setParameter(1, groupId).setParameter(2, userId).executeUpdate();
    }
  }

  public void removeAllMembers(String groupId) {
    em.createNativeQuery("DELETE FROM group_member WHERE group_id = ?1").setParameter(1, groupId).executeUpdate();
  }

  /** The group's members in id order, each with its user's displayName (the users' own). */
  public List<Member> members(String groupId) {
    @SuppressWarnings("unchecked")
    List<String> ids = em.createNativeQuery("SELECT user_id FROM group_member WHERE group_id = ?1 ORDER BY user_id")
        .setParameter(1, groupId).getResultList();
    return named(ids);
  }

  private List<Member> named(List<String> ids) {
    Map<String, String> names = users.displayNames(ids);
    return ids.stream().map(id -> new Member(id, names.get(id))).toList();
  }

  public void delete(ScimGroup group) {
    removeAllMembers(group.getId());
    em.remove(group);
  }

  /** The members among these user ids (indexed statements, whatever the group's size). */
  public List<Member> membersAmong(String groupId, Collection<String> userIds) {
    List<String> wanted = new ArrayList<>(new LinkedHashSet<>(userIds));
    List<String> found = new ArrayList<>();
    for (int from = 0; from < wanted.size(); from += 500) {
      var chunk = wanted.subList(from, Math.min(wanted.size(), from + 500));
      var in = new StringBuilder();
      for (int i = 0; i < chunk.size(); i++) in.append(i == 0 ? "?" : ",?").append(i + 2);
      var query = em.createNativeQuery("SELECT user_id FROM group_member WHERE group_id = ?1 AND user_id IN (" + in + ")")
          .setParameter(1, groupId);
      for (int i = 0; i < chunk.size(); i++) query.setParameter(i + 2, chunk.get(i));
      for (Object id : query.getResultList()) found.add((String) id);
    }
    found.sort(null);
    return named(found);
  }

  /** One page of the tenant's groups matching a filter, and the total. */
  public record Page(List<ScimGroup> groups, long total) {}

  /**
   * A page of the tenant's groups matching the filter, in {@code orderBy} order (by name when null);
   * {@code cursor}: the rows after {@code afterId} in id order (RFC 9865).
   */
  public Page query(String tenantId, Filter filter, String orderBy, boolean descending, int offset, int count,
      String afterId, boolean cursor) {
    if (orderBy == null && !cursor) {
      var found = byLookupKey(tenantId, filter, descending);
      if (found.isPresent()) {
        List<ScimGroup> groups = found.get();
        return new Page(groups.stream().skip(offset).limit(count).toList(), groups.size());
      }
    }
    var where = new StringBuilder("g.tenant_id = ?");
    List<Object> parameters = new ArrayList<>();
    parameters.add(tenantId);
    if (filter != null) {
      var sql = new SqlFilterTranslator(GroupSchemas.RESOURCE, GroupSqlMapping.INSTANCE).translate(filter);
      where.append(" AND (").append(sql.sql()).append(")");
      parameters.addAll(sql.parameters());
    }
    var countQuery = em.createNativeQuery(UserStore.number("SELECT COUNT(*) FROM scim_group g WHERE " + where));
    for (int i = 0; i < parameters.size(); i++) countQuery.setParameter(i + 1, parameters.get(i));
    long total = ((Number) countQuery.getSingleResult()).longValue();
    if (count == 0) return new Page(List.of(), total);
    var select = new StringBuilder("SELECT g.* FROM scim_group g WHERE ").append(where);
    List<Object> page = new ArrayList<>(parameters);
    if (cursor) {
      if (afterId != null) {
        select.append(" AND g.id > ?");
        page.add(afterId);
      }
      select.append(" ORDER BY g.id FETCH FIRST ? ROWS ONLY");
      page.add(count);
    } else {
      select.append(" ORDER BY ").append(orderBy == null ? "g.display_name_lower" : orderBy)
          .append(descending ? " DESC" : " ASC").append(", g.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
      page.add(offset);
      page.add(count);
    }
    var query = em.createNativeQuery(UserStore.number(select.toString()), ScimGroup.class);
    for (int i = 0; i < page.size(); i++) query.setParameter(i + 1, page.get(i));
    @SuppressWarnings("unchecked")
    List<ScimGroup> groups = query.getResultList();
    return new Page(groups, total);
  }

  /**
   * The answer to {@code displayName eq} or {@code externalId eq} (what IdPs ask before they create
   * a group) by the key's own index alone, whatever the planner's statistics (LookupKey), in the
   * list's default order. Empty for any other filter.
   */
  private java.util.Optional<List<ScimGroup>> byLookupKey(String tenantId, Filter filter, boolean descending) {
    var equality = LookupKey.equality(filter, GroupSchemas.RESOURCE).orElse(null);
    if (equality == null) return java.util.Optional.empty();
    String column;
    String key;
    if (equality.is(GroupSchemas.GROUP_URN, "displayName", null)) {
      column = "g.groupKey";
      key = LookupKey.of(tenantId, equality.value().toLowerCase(Locale.ROOT));
    } else if (equality.is(GroupSchemas.GROUP_URN, "externalId", null)) {
      column = "g.externalKey";
      key = LookupKey.of(tenantId, equality.value());
    } else {
      return java.util.Optional.empty();
    }
    var byName = java.util.Comparator.comparing(ScimGroup::getDisplayNameLower);
    return java.util.Optional.of(em.createQuery("SELECT g FROM ScimGroup g WHERE " + column + " = :k", ScimGroup.class)
        .setParameter("k", key).getResultStream()
        .sorted((descending ? byName.reversed() : byName).thenComparing(ScimGroup::getId))
        .toList());
  }
}
