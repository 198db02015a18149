package io.provisio.groups.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.Mutability;
import org.junit.jupiter.api.Test;

class GroupSchemasTest {

  @Test
  void groupHasDisplayNameAndMembers() {
    assertThat(GroupSchemas.GROUP_URN).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Group");
    assertThat(GroupSchemas.GROUP.attribute("displayName").orElseThrow().required()).isTrue();
    AttributeDefinition members = GroupSchemas.GROUP.attribute("members").orElseThrow();
    assertThat(members.multiValued()).isTrue();
    assertThat(members.subAttributes().stream().map(AttributeDefinition::name))
        .containsExactly("value", "$ref", "display", "type");
    assertThat(members.subAttribute("value").orElseThrow().mutability())
        .isEqualTo(Mutability.IMMUTABLE);
    assertThat(members.subAttribute("type").orElseThrow().canonicalValues())
        .containsExactly("User", "Group");
    assertThat(members.subAttribute("$ref").orElseThrow().referenceTypes())
        .containsExactly("User", "Group");
    assertThat(GroupSchemas.RESOURCE.endpoint()).isEqualTo("/Groups");
    assertThat(GroupSchemas.RESOURCE.name()).isEqualTo("Group");
    assertThat(GroupSchemas.RESOURCE.extensions()).isEmpty();
  }
}
