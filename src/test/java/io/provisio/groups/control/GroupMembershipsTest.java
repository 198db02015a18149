package io.provisio.groups.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provisio.users.control.Memberships.GroupRef;
import org.junit.jupiter.api.Test;

/** The groups a user's read carries in one column (GroupMemberships.GROUPS_OF_USER_COLUMN's form). */
class GroupMembershipsTest {

  @Test
  void noGroupsIsNull() {
    assertThat(GroupMemberships.parseGroups(null)).isEmpty();
  }

  @Test
  void groupsComeBackByNameIgnoringCaseThenIdWithTheirNames() {
    assertThat(GroupMemberships.parseGroups("g-3:sales;g-1:Engineering;g-2:Sales;"))
        .containsExactly(new GroupRef("g-1", "Engineering"), new GroupRef("g-2", "Sales"), new GroupRef("g-3", "sales"));
  }

  @Test
  void anyDisplayNameIsCarriedSafely() {
    // as the SQL escapes them: \ becomes \\ and ; becomes \;  (':' needs nothing: ids hold none)
    assertThat(GroupMemberships.parseGroups("g-1:R\\&D \\; Ops: a\\\\b \uD83D\uDE00 \u001e;g-2:;"))
        .containsExactly(new GroupRef("g-2", ""), new GroupRef("g-1", "R&D ; Ops: a\\b \uD83D\uDE00 \u001e"));
  }

  @Test
  void aValueItCannotHaveWrittenIsRefused() {
    assertThatThrownBy(() -> GroupMemberships.parseGroups("g-1:unterminated")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> GroupMemberships.parseGroups("no-separator")).isInstanceOf(IllegalStateException.class);
  }
}
