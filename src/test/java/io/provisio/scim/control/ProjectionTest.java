package io.provisio.scim.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.Returned;
import io.provisio.scim.control.schema.SchemaDefinition;
import io.provisio.users.control.UserSchemas;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionTest {

  static final String ENTERPRISE = UserSchemas.ENTERPRISE_USER_URN;

  static final JsonObject USER =
      Json.object(
          "{"
              + "'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','"
              + ENTERPRISE
              + "'],"
              + "'id':'u1','externalId':'e1','userName':'bjensen','password':'secret',"
              + "'name':{'givenName':'Barbara','familyName':'Jensen'},"
              + "'emails':[{'type':'work','value':'bj@example.com','primary':true},"
              + "{'type':'home','value':'babs@home.org'}],"
              + "'groups':[{'value':'g1','display':'Admins'}],"
              + "'countryCode':'DE',"
              + "'"
              + ENTERPRISE
              + "':{'department':'Sales','manager':{'value':'m1',"
              + "'displayName':'Boss'}},"
              + "'urn:acme:2.0:User':{'costCode':'C1'},"
              + "'meta':{'resourceType':'User','location':'https://h/Users/u1'}}");

  static JsonObject project(String attributes, String excluded) {
    return Projection.apply(
        USER,
        UserSchemas.RESOURCE,
        Projection.parseList(attributes),
        Projection.parseList(excluded));
  }

  @Test
  void byDefaultReturnsEverythingButNever() {
    JsonObject result = project(null, null);
    assertThat(result).doesNotContainKey("password");
    assertThat(result.keySet())
        .containsExactly(
            "schemas",
            "id",
            "externalId",
            "userName",
            "name",
            "emails",
            "groups",
            "countryCode",
            ENTERPRISE,
            "urn:acme:2.0:User",
            "meta");
  }

  @Test
  void attributesKeepsAlwaysReturnedOnes() {
    JsonObject result = project("userName", null);
    assertThat(result.keySet()).containsExactly("schemas", "id", "userName");
    assertThat(project("password", null).keySet()).containsExactly("schemas", "id");
  }

  @Test
  void selectsSubAttributes() {
    JsonObject result = project("name.givenName, emails.value", null);
    assertThat(result.getJsonObject("name")).isEqualTo(Json.object("{'givenName':'Barbara'}"));
    assertThat(result.getJsonArray("emails"))
        .containsExactly(
            Json.object("{'value':'bj@example.com'}"), Json.object("{'value':'babs@home.org'}"));
    assertThat(project("name,name.givenName", null).getJsonObject("name")).hasSize(2);
  }

  @Test
  void namesAreCaseInsensitiveAndMayCarryTheUrn() {
    assertThat(project("USERNAME,Name.GIVENNAME", null).keySet())
        .containsExactly("schemas", "id", "userName", "name");
    assertThat(project("urn:ietf:params:scim:schemas:core:2.0:User:userName", null).keySet())
        .containsExactly("schemas", "id", "userName");
  }

  @Test
  void projectsExtensions() {
    JsonObject department = project(ENTERPRISE + ":department", null);
    assertThat(department.getJsonObject(ENTERPRISE))
        .isEqualTo(Json.object("{'department':'Sales'}"));
    JsonObject whole = project(ENTERPRISE, null);
    assertThat(whole.getJsonObject(ENTERPRISE)).isEqualTo(USER.getJsonObject(ENTERPRISE));
    assertThat(whole).doesNotContainKey("userName");
    assertThat(project("department", null).getJsonObject(ENTERPRISE)).hasSize(1);
    assertThat(project(ENTERPRISE + ":manager.value", null).getJsonObject(ENTERPRISE))
        .isEqualTo(Json.object("{'manager':{'value':'m1'}}"));
    assertThat(project("urn:acme:2.0:User:costCode", null).getJsonObject("urn:acme:2.0:User"))
        .isEqualTo(Json.object("{'costCode':'C1'}"));
    assertThat(project("urn:acme:2.0:User", null)).containsKey("urn:acme:2.0:User");
    assertThat(project("countryCode", null)).containsKey("countryCode");
  }

  @Test
  void excludedAttributesRemoveAttributesAndSubAttributes() {
    JsonObject result = project(null, "emails, name.familyName, id, meta, schemas");
    assertThat(result).doesNotContainKeys("emails", "meta", "password");
    assertThat(result).containsKeys("id", "schemas", "userName");
    assertThat(result.getJsonObject("name")).isEqualTo(Json.object("{'givenName':'Barbara'}"));
    JsonObject noValue = project(null, "emails.value");
    assertThat(noValue.getJsonArray("emails").getJsonObject(0)).doesNotContainKey("value");
  }

  @Test
  void emptyExtensionsAreDroppedButSchemasStay() {
    JsonObject result = project(null, ENTERPRISE + ":department," + ENTERPRISE + ":manager");
    assertThat(result).doesNotContainKey(ENTERPRISE);
    assertThat(result.getJsonArray("schemas")).isEqualTo(USER.getJsonArray("schemas"));
    assertThat(project(null, ENTERPRISE)).doesNotContainKey(ENTERPRISE);
  }

  @Test
  void bothListsApply() {
    assertThat(project("userName,emails", "emails").keySet())
        .containsExactly("schemas", "id", "userName");
  }

  @Test
  void unknownAndMalformedNamesAreIgnored() {
    assertThat(project("nope,userName,emails[type eq \"x\"],a b,", null).keySet())
        .containsExactly("schemas", "id", "userName");
    assertThat(project(null, "nope,[,").keySet()).contains("userName", "emails");
  }

  @Test
  void requestAttributesOnlyWhenAsked() {
    ResourceSchema schema =
        new ResourceSchema(
            "Thing",
            "/Things",
            "",
            SchemaDefinition.of(
                "urn:x:Thing",
                "Thing",
                "",
                AttributeDefinition.string("plain"),
                AttributeDefinition.string("heavy").returned(Returned.REQUEST),
                AttributeDefinition.complex(
                    "parts",
                    AttributeDefinition.string("a"),
                    AttributeDefinition.string("b").returned(Returned.REQUEST),
                    AttributeDefinition.string("c").returned(Returned.ALWAYS))),
            List.of());
    JsonObject thing =
        Json.object("{'id':'t','plain':'p','heavy':'h'," + "'parts':{'a':'1','b':'2','c':'3'}}");
    assertThat(Projection.apply(thing, schema, List.of(), List.of()))
        .isEqualTo(Json.object("{'id':'t','plain':'p','parts':{'a':'1','c':'3'}}"));
    assertThat(Projection.apply(thing, schema, List.of("heavy", "parts.b"), List.of()))
        .isEqualTo(Json.object("{'id':'t','heavy':'h','parts':{'b':'2','c':'3'}}"));
    assertThat(Projection.apply(thing, schema, List.of(), List.of("parts.c", "parts.a")))
        .isEqualTo(Json.object("{'id':'t','plain':'p','parts':{'c':'3'}}"));
  }

  @Test
  void parsesCommaSeparatedLists() {
    assertThat(Projection.parseList(" userName, name.givenName ,,"))
        .containsExactly("userName", "name.givenName");
    assertThat(Projection.parseList(null)).isEmpty();
    assertThat(Projection.parseList("  ")).isEmpty();
  }
}
