package io.provisio.groups.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The (id, name) lists read as one column: a group's members with the group, a user's groups with the user. */
class IdNameColumnTest {

  @Test
  void aNullNameIsTheIdAloneAndAnEmptyNameStaysEmpty() {
    assertThat(IdNameColumn.parse("u-2;u-1:Ann \\; Bob;u-3:;"))
        .containsExactly(new IdNameColumn.Pair("u-2", null), new IdNameColumn.Pair("u-1", "Ann ; Bob"),
            new IdNameColumn.Pair("u-3", ""));
  }

  @Test
  void noValueIsNoPairAndAnUnterminatedListIsRefused() {
    assertThat(IdNameColumn.parse(null)).isEmpty();
    assertThatThrownBy(() -> IdNameColumn.parse("u-1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> IdNameColumn.parse("u-1:Ann")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aGroupWithoutANameIsNotAGroupTheColumnCanHold() {
    assertThatThrownBy(() -> GroupMemberships.parseGroups("g-1;")).isInstanceOf(IllegalStateException.class);
  }
}
