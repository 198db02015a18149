package io.provisio.scim.control.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provisio.users.control.UserSchemas;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDefinitionTest {

  static JsonObject attribute(JsonObject schema, String name) {
    return schema.getJsonArray("attributes").stream()
        .map(JsonValue::asJsonObject)
        .filter(a -> a.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void rendersTheRfc7643Representation() {
    JsonObject json = UserSchemas.USER.toJson("https://example.com/scim/v2");
    assertThat(json.getJsonArray("schemas").getString(0))
        .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Schema");
    assertThat(json.getString("id")).isEqualTo(UserSchemas.USER_URN);
    assertThat(json.getString("name")).isEqualTo("User");
    assertThat(json.getString("description")).isEqualTo("User Account");
    assertThat(json.getJsonObject("meta").getString("resourceType")).isEqualTo("Schema");
    assertThat(json.getJsonObject("meta").getString("location"))
        .isEqualTo("https://example.com/scim/v2/Schemas/" + UserSchemas.USER_URN);

    JsonObject userName = attribute(json, "userName");
    assertThat(userName.getString("type")).isEqualTo("string");
    assertThat(userName.getBoolean("multiValued")).isFalse();
    assertThat(userName.getBoolean("required")).isTrue();
    assertThat(userName.getBoolean("caseExact")).isFalse();
    assertThat(userName.getString("mutability")).isEqualTo("readWrite");
    assertThat(userName.getString("returned")).isEqualTo("default");
    assertThat(userName.getString("uniqueness")).isEqualTo("server");

    JsonObject password = attribute(json, "password");
    assertThat(password.getString("mutability")).isEqualTo("writeOnly");
    assertThat(password.getString("returned")).isEqualTo("never");

    JsonObject emails = attribute(json, "emails");
    assertThat(emails.getString("type")).isEqualTo("complex");
    assertThat(emails.getBoolean("multiValued")).isTrue();
    assertThat(emails.containsKey("caseExact")).isFalse();
    JsonObject type =
        emails.getJsonArray("subAttributes").stream()
            .map(JsonValue::asJsonObject)
            .filter(a -> a.getString("name").equals("type"))
            .findFirst()
            .orElseThrow();
    assertThat(type.getJsonArray("canonicalValues").getValuesAs(JsonString::getString))
        .containsExactly("work", "home", "other");

    JsonObject profileUrl = attribute(json, "profileUrl");
    assertThat(profileUrl.getString("type")).isEqualTo("reference");
    assertThat(profileUrl.getJsonArray("referenceTypes").getString(0)).isEqualTo("external");

    assertThat(
            json.getJsonArray("attributes").stream().map(a -> a.asJsonObject().getString("name")))
        .doesNotContain("id", "meta", "externalId", "schemas");
  }

  @Test
  void locationToleratesATrailingSlashAndCanBeLeftOut() {
    assertThat(
            UserSchemas.ENTERPRISE_USER
                .toJson("https://h/v2/")
                .getJsonObject("meta")
                .getString("location"))
        .isEqualTo("https://h/v2/Schemas/" + UserSchemas.ENTERPRISE_USER_URN);
    assertThat(
            UserSchemas.ENTERPRISE_USER.toJson(null).getJsonObject("meta").containsKey("location"))
        .isFalse();
  }

  @Test
  void builderStartsFromTheRfcDefaults() {
    AttributeDefinition plain = AttributeDefinition.string("x").build();
    assertThat(plain.multiValued()).isFalse();
    assertThat(plain.required()).isFalse();
    assertThat(plain.caseExact()).isFalse();
    assertThat(plain.mutability()).isEqualTo(Mutability.READ_WRITE);
    assertThat(plain.returned()).isEqualTo(Returned.DEFAULT);
    assertThat(plain.uniqueness()).isEqualTo(Uniqueness.NONE);
    assertThat(plain.subAttribute("x")).isEmpty();
    assertThatThrownBy(
            () ->
                new AttributeDefinition(
                    "x",
                    AttributeType.STRING,
                    false,
                    "",
                    false,
                    false,
                    Mutability.READ_WRITE,
                    Returned.DEFAULT,
                    Uniqueness.NONE,
                    null,
                    null,
                    List.of(plain),
            0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wireNamesFollowTheRfc() {
    assertThat(AttributeType.DATE_TIME.wireName()).isEqualTo("dateTime");
    assertThat(AttributeType.BINARY.wireName()).isEqualTo("binary");
    assertThat(Mutability.WRITE_ONLY.wireName()).isEqualTo("writeOnly");
    assertThat(Mutability.IMMUTABLE.wireName()).isEqualTo("immutable");
    assertThat(Returned.REQUEST.wireName()).isEqualTo("request");
    assertThat(Uniqueness.GLOBAL.wireName()).isEqualTo("global");
  }
}
