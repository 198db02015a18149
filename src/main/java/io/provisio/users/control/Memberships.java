package io.provisio.users.control;

import io.provisio.scim.control.filter.SqlValueTable;
import java.util.List;
import java.util.Map;

/**
 * What users need to know of the groups they belong to, from the component that owns groups
 * (groups/control/GroupMemberships implements it; users never read the group tables themselves).
 */
public interface Memberships {

  /** A group a user belongs to, as the user's read-only "groups" attribute shows it. */
  record GroupRef(String id, String displayName) {}

  /** The groups of each of these users (users without groups are absent). */
  Map<String, List<GroupRef>> groupsOf(List<String> userIds);

  /**
   * A SQL expression, correlated with the user alias {@code u}, whose value holds the user's groups
   * (null when there are none), so that a read of users carries their groups in the same statement;
   * {@link #readGroups} turns the value back into groups, in {@link #groupsOf}'s order.
   */
  String groupsOfUserColumn();

  /** The groups in a value of {@link #groupsOfUserColumn()}. */
  List<GroupRef> readGroups(String column);

  /** A preserved user leaves every group (SPEC §5). */
  void leaveAll(String userId);

  /**
   * Where a filter on the user's {@code groups} attribute looks ({@code groups.value eq "<group id>"},
   * how IdPs page a group's members): the membership table correlated with the user alias {@code u}.
   */
  SqlValueTable groupsOfUserTable();
}
