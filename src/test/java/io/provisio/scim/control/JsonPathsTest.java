package io.provisio.scim.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** A POST body as an IdP sends it, with the usual inconsistencies of case. */
  static final JsonObject BODY =
      Json.object(
          "{"
              + "'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','"
              + ENTERPRISE
              + "'],"
              + "'userName':'bo@example.com','countryCode':'DE','nickName':null,"
              + "'Emails':[{'type':'work','value':'bo@example.com','primary':true},"
              + "{'type':'home','value':'bo@home.org'},null],"
              + "'addresses':[{'type':'work','country':'DE'},{'type':'Home','country':'FR'}],"
              + "'name':{'givenName':'Bo'},"
              + "'roles':[{'value':'admin'},{'value':['a','b']}],"
              + "'"
              + ENTERPRISE
              + "':{'Department':'Sales','manager':{'value':'m1'}},"
              + "'urn:acme:2.0:User':{'costCode':'CC-7'}}");

  static List<String> strings(JsonObject resource, String path) {
    return JsonPaths.values(resource, path).stream()
        .map(value -> value instanceof JsonString text ? text.getString() : value.toString())
        .toList();
  }

  @Test
  void readsCoreAttributesCaseInsensitively() {
    assertThat(strings(BODY, "userName")).containsExactly("bo@example.com");
    assertThat(strings(BODY, "USERNAME")).containsExactly("bo@example.com");
    assertThat(strings(BODY, "name.givenName")).containsExactly("Bo");
    assertThat(strings(BODY, "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName"))
        .containsExactly("Bo");
    assertThat(strings(BODY, "urn:ietf:params:scim:schemas:core:2.0:User:userName"))
        .containsExactly("bo@example.com");
  }

  @Test
  void flattensMultiValuedAttributes() {
    assertThat(strings(BODY, "emails.value")).containsExactly("bo@example.com", "bo@home.org");
    assertThat(JsonPaths.values(BODY, "emails"))
        .hasSize(2)
        .allMatch(value -> value.getValueType() == JsonValue.ValueType.OBJECT);
    assertThat(strings(BODY, "roles.value")).containsExactly("admin", "a", "b");
  }

  @Test
  void appliesValueFilters() {
    assertThat(strings(BODY, "addresses[type eq \"work\"].country")).containsExactly("DE");
    assertThat(strings(BODY, "addresses[type eq \"home\"].country")).containsExactly("FR");
    assertThat(strings(BODY, "emails[type eq \"work\" and primary eq true].value"))
        .containsExactly("bo@example.com");
    assertThat(strings(BODY, "emails[type eq \"other\"].value")).isEmpty();
    assertThat(JsonPaths.values(BODY, "emails[value ew \"home.org\"]")).hasSize(1);
  }

  @Test
  void readsEnterpriseAttributesWithOrWithoutUrn() {
    assertThat(strings(BODY, ENTERPRISE + ":department")).containsExactly("Sales");
    assertThat(strings(BODY, "department")).containsExactly("Sales");
    assertThat(strings(BODY, ENTERPRISE + ":manager.value")).containsExactly("m1");
    assertThat(strings(BODY, "manager.value")).containsExactly("m1");
    assertThat(JsonPaths.values(BODY, ENTERPRISE))
        .singleElement()
        .satisfies(value -> assertThat(value.asJsonObject()).containsKey("Department"));
  }

  @Test
  void readsCustomAttributesWithoutASchema() {
    assertThat(strings(BODY, "countryCode")).containsExactly("DE");
    assertThat(strings(BODY, "urn:acme:2.0:User:costCode")).containsExactly("CC-7");
    assertThat(strings(BODY, "costCode")).containsExactly("CC-7");
    assertThat(JsonPaths.values(BODY, "urn:acme:2.0:User")).hasSize(1);
  }

  @Test
  void readsUrnPrefixedMembersWrittenFlat() {
    JsonObject flat =
        Json.object(
            "{'userName':'x',"
                + "'"
                + ENTERPRISE
                + ":department':'Flat',"
                + "'"
                + ENTERPRISE
                + ":manager':{'value':'m9'}}");
    assertThat(strings(flat, ENTERPRISE + ":department")).containsExactly("Flat");
    assertThat(strings(flat, "department")).containsExactly("Flat");
    assertThat(strings(flat, ENTERPRISE + ":manager.value")).containsExactly("m9");
  }

  @Test
  void missingValuesAreEmpty() {
    assertThat(JsonPaths.values(BODY, "title")).isEmpty();
    assertThat(JsonPaths.values(BODY, "nickName")).isEmpty();
    assertThat(JsonPaths.values(BODY, "name.familyName")).isEmpty();
    assertThat(JsonPaths.values(BODY, "userName.value")).isEmpty();
    assertThat(JsonPaths.values(BODY, ENTERPRISE + ":costCenter")).isEmpty();
    assertThat(JsonPaths.values(BODY, "urn:other:User:userName")).isEmpty();
    assertThat(JsonPaths.values(null, "userName")).isEmpty();
  }

  @Test
  void theFirstSchemaCountsAsCore() {
    JsonObject device = Json.object("{'schemas':['urn:acme:Device'],'serial':'S1'}");
    assertThat(strings(device, "urn:acme:Device:serial")).containsExactly("S1");
  }

  @Test
  void malformedPathsAreInvalidPath() {
    assertThatThrownBy(() -> JsonPaths.values(BODY, "emails[type eq"))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.INVALID_PATH));
  }
}
