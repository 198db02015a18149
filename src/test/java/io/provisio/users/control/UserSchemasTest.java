package io.provisio.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.Mutability;
import io.provisio.scim.control.schema.Returned;
import io.provisio.scim.control.schema.Uniqueness;
import org.junit.jupiter.api.Test;

class UserSchemasTest {

  static AttributeDefinition user(String name) {
    return UserSchemas.USER.attribute(name).orElseThrow();
  }

  static AttributeDefinition enterprise(String name) {
    return UserSchemas.ENTERPRISE_USER.attribute(name).orElseThrow();
  }

  @Test
  void coreUserHasTheRfc7643Attributes() {
    assertThat(UserSchemas.USER.attributes().stream().map(AttributeDefinition::name))
        .containsExactly(
            "userName",
            "name",
            "displayName",
            "nickName",
            "profileUrl",
            "title",
            "userType",
            "preferredLanguage",
            "locale",
            "timezone",
            "active",
            "password",
            "emails",
            "phoneNumbers",
            "ims",
            "photos",
            "addresses",
            "groups",
            "entitlements",
            "roles",
            "x509Certificates");
    assertThat(user("name").subAttributes().stream().map(AttributeDefinition::name))
        .containsExactly(
            "formatted",
            "familyName",
            "givenName",
            "middleName",
            "honorificPrefix",
            "honorificSuffix");
    assertThat(user("addresses").subAttributes().stream().map(AttributeDefinition::name))
        .containsExactly(
            "formatted",
            "streetAddress",
            "locality",
            "region",
            "postalCode",
            "country",
            "type",
            "primary");
    for (String multi :
        new String[] {
          "emails", "phoneNumbers", "ims", "photos", "entitlements", "roles", "x509Certificates"
        }) {
      assertThat(user(multi).multiValued()).isTrue();
      assertThat(user(multi).subAttributes().stream().map(AttributeDefinition::name))
          .containsExactly("value", "display", "type", "primary");
    }
  }

  @Test
  void characteristicsMatchTheRfc() {
    AttributeDefinition userName = user("userName");
    assertThat(userName.required()).isTrue();
    assertThat(userName.caseExact()).isFalse();
    assertThat(userName.uniqueness()).isEqualTo(Uniqueness.SERVER);
    assertThat(user("password").mutability()).isEqualTo(Mutability.WRITE_ONLY);
    assertThat(user("password").returned()).isEqualTo(Returned.NEVER);
    assertThat(user("active").type()).isEqualTo(AttributeType.BOOLEAN);
    assertThat(user("groups").mutability()).isEqualTo(Mutability.READ_ONLY);
    assertThat(user("groups").subAttributes().stream().map(AttributeDefinition::name))
        .containsExactly("value", "$ref", "display", "type");
    assertThat(user("groups").subAttribute("$ref").orElseThrow().referenceTypes())
        .containsExactly("User", "Group");
    assertThat(user("x509Certificates").subAttribute("value").orElseThrow().type())
        .isEqualTo(AttributeType.BINARY);
    assertThat(user("photos").subAttribute("value").orElseThrow().type())
        .isEqualTo(AttributeType.REFERENCE);
    assertThat(user("emails").subAttribute("primary").orElseThrow().type())
        .isEqualTo(AttributeType.BOOLEAN);
    assertThat(user("phoneNumbers").subAttribute("type").orElseThrow().canonicalValues())
        .contains("mobile", "fax");
  }

  @Test
  void enterpriseExtensionHasTheRfc7643Attributes() {
    assertThat(UserSchemas.ENTERPRISE_USER.id())
        .isEqualTo("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    assertThat(UserSchemas.ENTERPRISE_USER.attributes().stream().map(AttributeDefinition::name))
        .containsExactly(
            "employeeNumber", "costCenter", "organization", "division", "department", "manager");
    assertThat(enterprise("manager").subAttributes().stream().map(AttributeDefinition::name))
        .containsExactly("value", "$ref", "displayName");
    assertThat(enterprise("manager").subAttribute("displayName").orElseThrow().isReadOnly())
        .isTrue();
  }

  @Test
  void resourceTypeIsUser() {
    assertThat(UserSchemas.RESOURCE.name()).isEqualTo("User");
    assertThat(UserSchemas.RESOURCE.endpoint()).isEqualTo("/Users");
    assertThat(UserSchemas.RESOURCE.core()).isSameAs(UserSchemas.USER);
    assertThat(UserSchemas.RESOURCE.extensions()).containsExactly(UserSchemas.ENTERPRISE_USER);
    assertThat(UserSchemas.USER_URN).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
  }
}
