package io.provisio.groups.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provisio.scim.control.PatchEngine;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJsonReader;
import io.provisio.scim.control.ScimType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Group PATCH through the production path: the members the operations name are picked as the
 * group store would read them ({@link GroupResources#namedMembers}), the PatchEngine decides on
 * the group schema ({@link GroupResources#plan}), and the change is applied to the full membership.
 */
class GroupPatchTest {

  /** The group Admins with id1 (Ann), id2 and id3 (Cid). */
  private static final List<GroupStore.Member> MEMBERS = List.of(
      new GroupStore.Member("id1", "Ann"), new GroupStore.Member("id2", null), new GroupStore.Member("id3", "Cid"));

  private record Result(String displayName, String externalId, Set<String> members, GroupResources.Change change) {}

  private static Result patch(String... operations) {
    var request = ScimJsonReader.read(("{\"schemas\":[\"" + PatchEngine.PATCH_OP_URN + "\"],\"Operations\":["
        + String.join(",", operations).replace('\'', '"') + "]}").getBytes(StandardCharsets.UTF_8));
    var parsed = PatchEngine.parse(request, GroupSchemas.RESOURCE);
    var named = GroupResources.namedMembers(parsed);
    // as GroupStore.membersAmong reads them: by id, ids being lower-case UUIDs in the store
    var before = named.map(ids -> MEMBERS.stream()
        .filter(m -> ids.stream().anyMatch(id -> id.toLowerCase(Locale.ROOT).equals(m.userId()))).toList())
        .orElse(MEMBERS);
    var change = GroupResources.plan("g1", "Admins", null, before, parsed);
    Set<String> after = new LinkedHashSet<>(MEMBERS.stream().map(GroupStore.Member::userId).toList());
    after.removeAll(change.removed());
    after.addAll(change.added());
    return new Result(change.displayName(), change.externalId(), after, change);
  }

  @Test
  void replacingTheMatchedMemberKeepsTheOthers() {
    var result = patch("{'op':'replace','path':'members[value eq \\'id1\\']','value':{'value':'id4'}}");
    assertThat(result.members()).containsExactlyInAnyOrder("id2", "id3", "id4");
    assertThat(result.change().removed()).containsExactly("id1");
    assertThat(result.change().added()).containsExactly("id4");
  }

  @Test
  void aValueFilterOnValueReadsOnlyThatMember() {
    var parsed = PatchEngine.parse(ScimJsonReader.read(
        "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"id1\\\"]\"},{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"id9\"}]}]}"
            .getBytes(StandardCharsets.UTF_8)));
    assertThat(GroupResources.namedMembers(parsed)).contains(Set.of("id1", "id9"));
    var everyMember = PatchEngine.parse(ScimJsonReader.read(
        "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[display eq \\\"Ann\\\"]\"}]}".getBytes(StandardCharsets.UTF_8)));
    assertThat(GroupResources.namedMembers(everyMember)).isEmpty();
  }

  @Test
  void oktaRenamesSendingTheIdAlongAndLeavesTheMembers() {
    var result = patch("{'op':'replace','value':{'id':'other','displayName':'Ops'}}");
    assertThat(result.displayName()).isEqualTo("Ops");
    assertThat(result.members()).containsExactly("id1", "id2", "id3");
  }

  @Test
  void oktaRemovesAndAddsMembersInOneRequest() {
    var result = patch("{'op':'remove','path':'members[value eq \\'id1\\']'}",
        "{'op':'add','path':'members','value':[{'value':'id4','display':'Dee'}]}");
    assertThat(result.members()).containsExactlyInAnyOrder("id2", "id3", "id4");
  }

  @Test
  void oktaReplacesAllMembers() {
    assertThat(patch("{'op':'replace','path':'members','value':[{'value':'id7'},{'value':'id8'}]}").members())
        .containsExactlyInAnyOrder("id7", "id8");
    assertThat(patch("{'op':'replace','path':'members','value':[]}").members()).isEmpty();
  }

  @Test
  void entraAddsMembersWithNullRefAndCapitalisedOp() {
    var result = patch("{'op':'Add','path':'members','value':[{'$ref':null,'value':'id1'},{'$ref':null,'value':'id5'}]}");
    assertThat(result.members()).containsExactlyInAnyOrder("id1", "id2", "id3", "id5");
    assertThat(result.change().added()).containsExactly("id5");
  }

  @Test
  void entraRemovesOnlyTheListedMembers() {
    assertThat(patch("{'op':'Remove','path':'members','value':[{'value':'id1'}]}").members())
        .containsExactlyInAnyOrder("id2", "id3");
    assertThat(patch("{'op':'Remove','path':'members','value':{'value':'ID2'}}").members())
        .containsExactlyInAnyOrder("id1", "id3");
    assertThat(patch("{'op':'Remove','path':'members','value':[]}").members()).hasSize(3);
    assertThat(patch("{'op':'Remove','path':'members','value':[{'value':'zz'}]}").members()).hasSize(3);
    assertThat(patch("{'op':'remove','path':'members'}").members()).isEmpty();
  }

  @Test
  void filtersMayNameSubAttributesInAnyCase() {
    assertThat(patch("{'op':'remove','path':'members[VALUE eq \\'ID2\\']'}").members())
        .containsExactlyInAnyOrder("id1", "id3");
    assertThat(patch("{'op':'remove','path':'members[display eq \\'Cid\\']'}").members())
        .containsExactlyInAnyOrder("id1", "id2");
  }

  @Test
  void aMembersDisplayAndValueAreNotChangedInPlace() {
    assertThatThrownBy(() -> patch("{'op':'replace','path':'members[value eq \\'id2\\'].display','value':'X'}"))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.MUTABILITY));
    assertThatThrownBy(() -> patch("{'op':'replace','path':'members[value eq \\'id1\\'].value','value':'idX'}"))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.scimType()).isEqualTo(ScimType.MUTABILITY);
          assertThat(e.detail()).contains("\"members.value\" is immutable");
        });
  }

  @Test
  void theNameStaysRequired() {
    assertThatThrownBy(() -> patch("{'op':'remove','path':'displayName'}"))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.MUTABILITY));
    assertThat(patch("{'op':'add','path':'externalId','value':'ext-9'}").externalId()).isEqualTo("ext-9");
  }
}
