package io.provisio.scim.control.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.scim.control.filter.AttributePath;
import io.provisio.users.control.UserSchemas;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceSchemaTest {

  static final ResourceSchema USERS = UserSchemas.RESOURCE;
  static final String CORE = UserSchemas.USER_URN;
  static final String ENTERPRISE = UserSchemas.ENTERPRISE_USER_URN;

  static Optional<ResolvedAttribute> resolve(String path) {
    return USERS.resolve(AttributePath.parsePatchPath(path));
  }

  @Test
  void resolvesCaseInsensitively() {
    ResolvedAttribute userName = resolve("USERNAME").orElseThrow();
    assertThat(userName.attribute().name()).isEqualTo("userName");
    assertThat(userName.schema()).isSameAs(UserSchemas.USER);
    assertThat(userName.extension()).isFalse();
    assertThat(userName.fullName()).isEqualTo("userName");

    ResolvedAttribute givenName = resolve("Name.GivenName").orElseThrow();
    assertThat(givenName.attribute().name()).isEqualTo("name");
    assertThat(givenName.subAttribute().name()).isEqualTo("givenName");
    assertThat(givenName.target()).isSameAs(givenName.subAttribute());
    assertThat(givenName.fullName()).isEqualTo("name.givenName");
  }

  @Test
  void resolvesUrnPrefixedPaths() {
    assertThat(resolve(CORE + ":name.givenName").orElseThrow().fullName())
        .isEqualTo("name.givenName");
    assertThat(resolve(CORE.toLowerCase() + ":USERNAME")).isPresent();

    ResolvedAttribute manager = resolve(ENTERPRISE + ":manager.value").orElseThrow();
    assertThat(manager.schema()).isSameAs(UserSchemas.ENTERPRISE_USER);
    assertThat(manager.extension()).isTrue();
    assertThat(manager.fullName()).isEqualTo(ENTERPRISE + ":manager.value");

    ResolvedAttribute department = resolve(ENTERPRISE + ":department").orElseThrow();
    assertThat(department.target().type()).isEqualTo(AttributeType.STRING);
  }

  @Test
  void resolvesABareExtensionUrnToTheSchemaRoot() {
    ResolvedAttribute root = resolve(ENTERPRISE).orElseThrow();
    assertThat(root.isSchemaRoot()).isTrue();
    assertThat(root.extension()).isTrue();
    assertThat(root.attribute().isComplex()).isTrue();
    assertThat(root.attribute().subAttribute("employeeNumber")).isPresent();
    assertThat(root.fullName()).isEqualTo(ENTERPRISE);
    assertThat(resolve(ENTERPRISE.toUpperCase().replace("URN:", "urn:"))).isPresent();
  }

  @Test
  void resolvesTheCommonAttributesInTheCoreNamespace() {
    assertThat(resolve("id").orElseThrow().target().returned()).isEqualTo(Returned.ALWAYS);
    assertThat(resolve("externalId").orElseThrow().target().caseExact()).isTrue();
    assertThat(resolve("meta.lastModified").orElseThrow().target().type())
        .isEqualTo(AttributeType.DATE_TIME);
    assertThat(resolve("meta.created").orElseThrow().target().isReadOnly()).isTrue();
    assertThat(resolve("META.RESOURCETYPE")).isPresent();
    assertThat(resolve("meta.location")).isPresent();
    assertThat(resolve("meta.version")).isPresent();
    assertThat(resolve(CORE + ":meta.lastModified")).isPresent();
    assertThat(resolve(ENTERPRISE + ":id")).isEmpty();
  }

  @Test
  void findsUnprefixedExtensionAttributes() {
    ResolvedAttribute department = resolve("department").orElseThrow();
    assertThat(department.schema()).isSameAs(UserSchemas.ENTERPRISE_USER);
    assertThat(resolve("manager.value").orElseThrow().extension()).isTrue();
  }

  @Test
  void unknownAttributesAreEmpty() {
    assertThat(resolve("foo")).isEmpty();
    assertThat(resolve("name.foo")).isEmpty();
    assertThat(resolve("userName.foo")).isEmpty();
    assertThat(resolve(ENTERPRISE + ":foo")).isEmpty();
    assertThat(resolve("urn:acme:2.0:User:costCode")).isEmpty();
    assertThat(resolve("urn:acme:2.0:User")).isEmpty();
  }

  @Test
  void findsSchemasByUrn() {
    assertThat(USERS.schema(CORE.toUpperCase())).contains(UserSchemas.USER);
    assertThat(USERS.extension(ENTERPRISE)).contains(UserSchemas.ENTERPRISE_USER);
    assertThat(USERS.extension(CORE)).isEmpty();
    assertThat(USERS.isCore(CORE)).isTrue();
    assertThat(USERS.schemaUrns()).containsExactly(CORE, ENTERPRISE);
  }

  @Test
  void rendersTheResourceType() {
    JsonObject json = USERS.toResourceTypeJson("https://h/scim/v2/");
    assertThat(json.getJsonArray("schemas").getString(0))
        .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ResourceType");
    assertThat(json.getString("id")).isEqualTo("User");
    assertThat(json.getString("endpoint")).isEqualTo("/Users");
    assertThat(json.getString("schema")).isEqualTo(CORE);
    assertThat(json.getJsonArray("schemaExtensions").getJsonObject(0).getString("schema"))
        .isEqualTo(ENTERPRISE);
    assertThat(json.getJsonArray("schemaExtensions").getJsonObject(0).getBoolean("required"))
        .isFalse();
    assertThat(json.getJsonObject("meta").getString("location"))
        .isEqualTo("https://h/scim/v2/ResourceTypes/User");
  }
}
