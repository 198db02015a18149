package io.provisio.groups.control;

import io.provisio.scim.control.filter.SqlColumn;
import io.provisio.scim.control.filter.SqlValueTable;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.users.control.Memberships;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The groups' side of a user (users/control/Memberships), from the groups' own tables. */
@ApplicationScoped
public class GroupMemberships implements Memberships {

  private static final SqlValueTable GROUPS_OF_USER = new SqlValueTable("group_member", "%s.user_id = u.id",
      Map.of("value", new SqlColumn("%s.group_id", AttributeType.STRING, true, null)));

  /**
   * The user's groups as one column ({@link IdNameColumn}): the memberships by their user index,
   * each group's name by its primary key (a subquery per membership rather than a join: with the
   * statistics of an empty table PostgreSQL joined by scanning every group, QueryPlansIT).
   * {@link #parseGroups} puts them in order.
   */
  public static final String GROUPS_OF_USER_COLUMN = IdNameColumn.aggregate("m.group_id",
      "(SELECT g.display_name FROM scim_group g WHERE g.id = m.group_id)", "group_member m WHERE m.user_id = u.id");

  /** The order a user's groups are shown in: by display name ignoring case, then id (as {@link #groupsOf}). */
  private static final Comparator<GroupRef> SHOWN = Comparator
      .comparing((GroupRef g) -> g.displayName().toLowerCase(Locale.ROOT)).thenComparing(GroupRef::id);

  @PersistenceContext EntityManager em;

  @Override
  public Map<String, List<GroupRef>> groupsOf(List<String> userIds) {
    Map<String, List<GroupRef>> groups = new HashMap<>();
    if (userIds.isEmpty()) return groups;
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < userIds.size(); i++) in.append(i == 0 ? "?" : ",?").append(i + 1);
    var query = em.createNativeQuery("SELECT m.user_id, g.id, g.display_name FROM group_member m"
        + " JOIN scim_group g ON g.id = m.group_id WHERE m.user_id IN (" + in + ") ORDER BY g.display_name_lower, g.id");
    for (int i = 0; i < userIds.size(); i++) query.setParameter(i + 1, userIds.get(i));
    for (Object row : query.getResultList()) {
      Object[] c = (Object[]) row;
      groups.computeIfAbsent((String) c[0], k -> new ArrayList<>()).add(new GroupRef((String) c[1], (String) c[2]));
    }
    return groups;
  }

  @Override
  public String groupsOfUserColumn() {
    return GROUPS_OF_USER_COLUMN;
  }

  @Override
  public List<GroupRef> readGroups(String column) {
    return parseGroups(column);
  }

  /** The groups in a value of {@link #GROUPS_OF_USER_COLUMN}, in the order they are shown. */
  static List<GroupRef> parseGroups(String column) {
    List<GroupRef> groups = new ArrayList<>();
    for (var pair : IdNameColumn.parse(column)) {
      if (pair.name() == null) throw new IllegalStateException("A group without a name in " + column);
      groups.add(new GroupRef(pair.id(), pair.name()));
    }
    groups.sort(SHOWN);
    return groups;
  }

  @Override
  public void leaveAll(String userId) {
    em.createNativeQuery("DELETE FROM group_member WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
  }

  @Override
  public SqlValueTable groupsOfUserTable() {
    return GROUPS_OF_USER;
  }
}
