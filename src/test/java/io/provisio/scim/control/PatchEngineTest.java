package io.provisio.scim.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provisio.groups.control.GroupSchemas;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.SchemaDefinition;
import io.provisio.users.control.UserSchemas;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchEngineTest {

  static final String ENTERPRISE = UserSchemas.ENTERPRISE_USER_URN;

  static final JsonObject USER =
      Json.object(
          "{"
              + "'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],"
              + "'id':'u1','userName':'bjensen','active':true,"
              + "'name':{'givenName':'Barbara','familyName':'Jensen'},"
              + "'emails':[{'type':'work','value':'bj@example.com','primary':true},"
              + "{'type':'home','value':'babs@home.org'}],"
              + "'meta':{'resourceType':'User','created':'2011-05-13T04:42:34Z'}}");

  static final JsonObject GROUP =
      Json.object(
          "{"
              + "'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],"
              + "'id':'g1','displayName':'Admins',"
              + "'members':[{'value':'id1','display':'Ann'},{'value':'id2','type':'User'}]}");

  /** Builds a PatchOp body from operations written with single quotes. */
  static JsonObject patch(String... operations) {
    return Json.object(
        "{'schemas':['"
            + PatchEngine.PATCH_OP_URN
            + "'],'Operations':["
            + String.join(",", operations)
            + "]}");
  }

  static JsonObject user(String... operations) {
    return PatchEngine.apply(USER, patch(operations), UserSchemas.RESOURCE);
  }

  // ---- Okta ----

  @Test
  void oktaDeactivatesWithAPathlessReplace() {
    JsonObject result = user("{'op':'replace','value':{'active':false}}");
    assertThat(result.getBoolean("active")).isFalse();
    assertThat(result.getString("userName")).isEqualTo("bjensen");
  }

  // ---- Entra ID ----

  @Test
  void entraReplacesTheWorkEmail() {
    JsonObject result =
        user("{'op':'Replace','path':'emails[type eq \"work\"].value','value':'a@b.c'}");
    JsonObject work = result.getJsonArray("emails").getJsonObject(0);
    assertThat(work.getString("value")).isEqualTo("a@b.c");
    assertThat(work.getBoolean("primary")).isTrue();
    assertThat(result.getJsonArray("emails").getJsonObject(1).getString("value"))
        .isEqualTo("babs@home.org");
  }

  @Test
  void entraCreatesTheWorkEmailWhenThereIsNone() {
    JsonObject bare = Json.object("{'userName':'x'}");
    JsonObject result =
        PatchEngine.apply(
            bare,
            patch("{'op':'Replace','path':'emails[type eq \"work\"].value','value':'a@b.c'}"),
            UserSchemas.RESOURCE);
    assertThat(result.getJsonArray("emails"))
        .containsExactly(Json.object("{'type':'work','value':'a@b.c'}"));
    JsonObject withHome =
        user(
            "{'op':'Replace','path':'emails[type eq \"other\" and primary eq false].display',"
                + "'value':'Other'}");
    assertThat(withHome.getJsonArray("emails").getJsonObject(2))
        .isEqualTo(Json.object("{'type':'other','primary':false,'display':'Other'}"));
  }

  @Test
  void entraReplacesTheDepartment() {
    JsonObject result =
        user("{'op':'Replace','path':'" + ENTERPRISE + ":department'," + "'value':'Sales'}");
    assertThat(result.getJsonObject(ENTERPRISE).getString("department")).isEqualTo("Sales");
    assertThat(result.getJsonArray("schemas").getValuesAs(JsonString::getString))
        .containsExactly(UserSchemas.USER_URN, ENTERPRISE);
  }

  @Test
  void entraSendsBooleansAsStrings() {
    assertThat(user("{'op':'Replace','path':'active','value':'False'}").getBoolean("active"))
        .isFalse();
    assertThat(user("{'op':'replace','path':'active','value':'true'}").getBoolean("active"))
        .isTrue();
    JsonObject primary =
        user("{'op':'replace','path':'emails[type eq \"home\"].primary','value':'True'}");
    assertThat(primary.getJsonArray("emails").getJsonObject(1).getBoolean("primary")).isTrue();
  }

  @Test
  void entraAddsDottedAndUrnPrefixedNamesWithoutPath() {
    JsonObject result =
        user(
            "{'op':'Add','value':{'name.givenName':'Bo',"
                + "'"
                + ENTERPRISE
                + ":employeeNumber':'7'}}");
    assertThat(result.getJsonObject("name").getString("givenName")).isEqualTo("Bo");
    assertThat(result.getJsonObject("name").getString("familyName")).isEqualTo("Jensen");
    assertThat(result.getJsonObject(ENTERPRISE).getString("employeeNumber")).isEqualTo("7");
  }

  @Test
  void entraSetsTheManagerAsABareId() {
    JsonObject result = user("{'op':'Add','path':'" + ENTERPRISE + ":manager','value':'m7'}");
    assertThat(result.getJsonObject(ENTERPRISE).getJsonObject("manager"))
        .isEqualTo(Json.object("{'value':'m7'}"));
  }

  // ---- paths ----

  @Test
  void appliesUrnPrefixedPaths() {
    JsonObject result =
        user(
            "{'op':'add','path':'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName',"
                + "'value':'Babs'}",
            "{'op':'add','path':'" + ENTERPRISE + ":manager','value':{'value':'m1'}}",
            "{'op':'replace','path':'" + ENTERPRISE + ":manager.value','value':'m2'}",
            "{'op':'add','path':'" + ENTERPRISE + ":manager.$ref','value':'../Users/m2'}");
    assertThat(result.getJsonObject("name").getString("givenName")).isEqualTo("Babs");
    assertThat(result.getJsonObject(ENTERPRISE).getJsonObject("manager"))
        .isEqualTo(Json.object("{'value':'m2','$ref':'../Users/m2'}"));
  }

  @Test
  void appliesAnExtensionObjectAsAWhole() {
    JsonObject result =
        user(
            "{'op':'add','value':{'"
                + ENTERPRISE
                + "':{'department':'D',"
                + "'manager':{'value':'m1','displayName':'ignored'}}}}");
    assertThat(result.getJsonObject(ENTERPRISE))
        .isEqualTo(Json.object("{'department':'D','manager':{'value':'m1'}}"));
    JsonObject removed =
        PatchEngine.apply(
            result, patch("{'op':'remove','path':'" + ENTERPRISE + "'}"), UserSchemas.RESOURCE);
    assertThat(removed).doesNotContainKey(ENTERPRISE);
    assertThat(removed.getJsonArray("schemas")).hasSize(1);
  }

  @Test
  void removingTheLastExtensionAttributeDropsTheExtension() {
    JsonObject added = user("{'op':'add','path':'" + ENTERPRISE + ":department','value':'D'}");
    JsonObject removed =
        PatchEngine.apply(
            added, patch("{'op':'remove','path':'department'}"), UserSchemas.RESOURCE);
    assertThat(removed).doesNotContainKey(ENTERPRISE);
    assertThat(removed.getJsonArray("schemas").getValuesAs(JsonString::getString))
        .containsExactly(UserSchemas.USER_URN);
  }

  @Test
  void namesAreCaseInsensitive() {
    JsonObject result =
        user(
            "{'op':'REPLACE','path':'NAME.GIVENNAME','value':'B'}",
            "{'op':'Remove','path':'Emails[TYPE eq \"HOME\"]'}");
    assertThat(result.getJsonObject("name").getString("givenName")).isEqualTo("B");
    assertThat(result.getJsonArray("emails")).hasSize(1);
    assertThat(user("{'op':'replace','value':{'DISPLAYNAME':'Babs'}}").getString("displayName"))
        .isEqualTo("Babs");
    assertThat(user("{'op':'replace','value':{'USERNAME':'b2'}}").getString("userName"))
        .isEqualTo("b2");
  }

  // ---- multi-valued semantics ----

  @Test
  void addAppendsWithoutDuplicates() {
    JsonObject same =
        user(
            "{'op':'add','path':'emails','value':[{'type':'work'," + "'value':'bj@example.com'}]}");
    assertThat(same.getJsonArray("emails")).isEqualTo(USER.getJsonArray("emails"));
    // The same address in other case denotes the same item, now spelt as the client sends it.
    JsonObject recased =
        user(
            "{'op':'add','path':'emails','value':[{'type':'work',"
                + "'value':'BJ@example.com','display':'BJ'}]}");
    assertThat(recased.getJsonArray("emails")).hasSize(2);
    assertThat(recased.getJsonArray("emails").getJsonObject(0))
        .isEqualTo(
            Json.object("{'type':'work','value':'BJ@example.com','primary':true,'display':'BJ'}"));
    JsonObject added =
        user("{'op':'add','path':'emails','value':{'type':'other'," + "'value':'x@y.z'}}");
    assertThat(added.getJsonArray("emails")).hasSize(3);
    JsonObject sameValueOtherType =
        user(
            "{'op':'add','path':'emails','value':[{'type':'home'," + "'value':'bj@example.com'}]}");
    assertThat(sameValueOtherType.getJsonArray("emails")).hasSize(3);
  }

  @Test
  void replaceWithoutFilterReplacesTheWholeSet() {
    JsonObject result = user("{'op':'replace','path':'emails','value':[{'value':'n@x.y'}]}");
    assertThat(result.getJsonArray("emails")).containsExactly(Json.object("{'value':'n@x.y'}"));
  }

  @Test
  void replaceWithFilterUpdatesMatchedItems() {
    JsonObject whole =
        user(
            "{'op':'replace','path':'emails[type eq \"home\"]',"
                + "'value':{'type':'home','value':'new@home.org'}}");
    assertThat(whole.getJsonArray("emails").getJsonObject(1))
        .isEqualTo(Json.object("{'type':'home','value':'new@home.org'}"));
    JsonObject all = user("{'op':'replace','path':'emails.display','value':'E'}");
    assertThat(all.getJsonArray("emails").stream().map(e -> e.asJsonObject().getString("display")))
        .containsExactly("E", "E");
  }

  @Test
  void removeWithFilterRemovesMatchedItemsAndIgnoresNoMatch() {
    JsonObject result = user("{'op':'remove','path':'emails[value co \"home\"]'}");
    assertThat(result.getJsonArray("emails")).hasSize(1);
    assertThat(user("{'op':'remove','path':'emails[type eq \"other\"]'}")).isEqualTo(USER);
    JsonObject sub = user("{'op':'remove','path':'emails[type eq \"work\"].primary'}");
    assertThat(sub.getJsonArray("emails").getJsonObject(0)).doesNotContainKey("primary");
    JsonObject last =
        PatchEngine.apply(
            result,
            patch("{'op':'remove','path':'emails[type eq \"work\"]'}"),
            UserSchemas.RESOURCE);
    assertThat(last).doesNotContainKey("emails");
  }

  @Test
  void keepsOnePrimary() {
    JsonObject added =
        user(
            "{'op':'add','path':'emails','value':[{'type':'other',"
                + "'value':'new@x.y','primary':true}]}");
    assertThat(
            added.getJsonArray("emails").stream()
                .map(e -> e.asJsonObject().getBoolean("primary", false)))
        .containsExactly(false, false, true);
    JsonObject moved =
        user("{'op':'replace','path':'emails[type eq \"home\"].primary','value':true}");
    assertThat(
            moved.getJsonArray("emails").stream()
                .map(e -> e.asJsonObject().getBoolean("primary", false)))
        .containsExactly(false, true);
    JsonObject replaced =
        user(
            "{'op':'replace','path':'emails','value':[{'value':'a',"
                + "'primary':true},{'value':'b','primary':true}]}");
    assertThat(
            replaced.getJsonArray("emails").stream()
                .map(e -> e.asJsonObject().getBoolean("primary", false)))
        .containsExactly(false, true);
  }

  @Test
  void replaceOnComplexMergesSubAttributes() {
    JsonObject result = user("{'op':'replace','path':'name','value':{'givenName':'B'}}");
    assertThat(result.getJsonObject("name"))
        .isEqualTo(Json.object("{'givenName':'B','familyName':'Jensen'}"));
    JsonObject pathless = user("{'op':'replace','value':{'name':{'middleName':'M'}}}");
    assertThat(pathless.getJsonObject("name")).hasSize(3);
    JsonObject cleared = user("{'op':'replace','path':'name.givenName','value':null}");
    assertThat(cleared.getJsonObject("name")).doesNotContainKey("givenName");
  }

  @Test
  void ignoresReadOnlyAttributesInValues() {
    JsonObject result =
        user(
            "{'op':'replace','value':{'id':'x','meta':{'created':'2020-01-01"
                + "T00:00:00Z'},'schemas':['x'],'groups':[{'value':'g'}],'title':'T'}}");
    assertThat(result.getString("id")).isEqualTo("u1");
    assertThat(result.getJsonObject("meta")).isEqualTo(USER.getJsonObject("meta"));
    assertThat(result.getJsonArray("schemas")).isEqualTo(USER.getJsonArray("schemas"));
    assertThat(result).doesNotContainKey("groups");
    assertThat(result.getString("title")).isEqualTo("T");
  }

  @Test
  void writesCustomExtensionsUnchecked() {
    JsonObject result =
        user(
            "{'op':'add','path':'urn:acme:2.0:User:costCode','value':'C1'}",
            "{'op':'add','value':{'urn:acme:2.0:Device':{'serial':'S','tags':['a']}}}");
    assertThat(result.getJsonObject("urn:acme:2.0:User").getString("costCode")).isEqualTo("C1");
    assertThat(result.getJsonObject("urn:acme:2.0:Device"))
        .isEqualTo(Json.object("{'serial':'S','tags':['a']}"));
    assertThat(result.getJsonArray("schemas").getValuesAs(JsonString::getString))
        .containsExactly(UserSchemas.USER_URN, "urn:acme:2.0:User", "urn:acme:2.0:Device");
  }

  @Test
  void convertsNumbersSentAsStrings() {
    ResourceSchema things =
        new ResourceSchema(
            "Thing",
            "/Things",
            "",
            SchemaDefinition.of(
                "urn:x:Thing",
                "Thing",
                "",
                AttributeDefinition.integer("count"),
                AttributeDefinition.decimal("score"),
                AttributeDefinition.dateTime("seen")),
            List.of());
    JsonObject result =
        PatchEngine.apply(
            Json.object("{}"),
            patch(
                "{'op':'add','value':{'count':'42','score':'2.5','seen':'2020-01-01T00:00:00Z'}}",
                "{'op':'add','path':'count','value':43.0}"),
            things);
    assertThat(result.getInt("count")).isEqualTo(43);
    assertThat(result.getJsonNumber("score").doubleValue()).isEqualTo(2.5);
    assertThatThrownBy(
            () ->
                PatchEngine.apply(
                    Json.object("{}"), patch("{'op':'add','path':'count','value':'4.5'}"), things))
        .hasMessage(
            "Operation 1: Attribute \"count\" expects an integer, not the string" + " \"4.5\"");
    assertThatThrownBy(
            () ->
                PatchEngine.apply(
                    Json.object("{}"),
                    patch("{'op':'add','path':'count','value':1e999999}"),
                    things))
        .hasMessageContaining("expects an integer");
    assertThatThrownBy(
            () ->
                PatchEngine.apply(
                    Json.object("{}"), patch("{'op':'add','path':'seen','value':'later'}"), things))
        .hasMessageContaining("expects an ISO-8601 dateTime");
  }

  @Test
  void leavesTheInputUntouchedWhenAnOperationFails() {
    JsonObject before = ScimJsonReader.read(GROUP.toString());
    assertThatThrownBy(
            () ->
                PatchEngine.apply(
                    GROUP,
                    patch(
                        "{'op':'replace','path':'displayName','value':'X'}",
                        "{'op':'remove','path':'members'}",
                        "{'op':'replace','path':'id','value':'g2'}"),
                    GroupSchemas.RESOURCE))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.scimType()).isEqualTo(ScimType.MUTABILITY);
              assertThat(e.detail()).isEqualTo("Operation 3: Attribute \"id\" is read-only");
            });
    assertThat(GROUP).isEqualTo(before);
  }

  @Test
  void theEngineAloneTakesOnlyTheRfcForm() {
    assertThatThrownBy(() -> PatchEngine.parse(patch("{'op':'Remove','path':'displayName'}")))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.INVALID_SYNTAX));
    assertThat(PatchEngine.parse(patch("{'op':'Remove','path':'title'}"), UserSchemas.RESOURCE).get(0).op())
        .isEqualTo(PatchOperation.Op.REMOVE);
    var strict = PatchEngine.parse(patch("{'op':'replace','path':'active','value':'False'}"));
    assertThatThrownBy(() -> PatchEngine.apply(USER, strict, UserSchemas.RESOURCE))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE));
    var listed = PatchEngine.parse(patch("{'op':'remove','path':'emails','value':[{'value':'bj@example.com'}]}"));
    assertThatThrownBy(() -> PatchEngine.apply(USER, listed, UserSchemas.RESOURCE))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.detail()).contains("remove takes no \"value\""));
  }

  @Test
  void exposesParsedOperations() {
    List<PatchOperation> operations =
        PatchEngine.parse(
            patch(
                "{'op':'remove','path':'members[value eq \"id1\"]'}",
                "{'op':'add','value':{'displayName':'x'}}"));
    assertThat(operations).hasSize(2);
    assertThat(operations.get(0).op()).isEqualTo(PatchOperation.Op.REMOVE);
    assertThat(operations.get(0).path().orElseThrow().attribute()).isEqualTo("members");
    assertThat(operations.get(0).path().orElseThrow().hasFilter()).isTrue();
    assertThat(operations.get(0).value()).isNull();
    assertThat(operations.get(1).path()).isEmpty();
    assertThat(operations.get(1).value().getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
  }

  @Test
  void acceptsBodiesWithoutOrWithAWrongSchema() {
    JsonObject noSchemas =
        Json.object("{'Operations':[{'op':'replace','path':'displayName'," + "'value':'A'}]}");
    assertThat(PatchEngine.apply(GROUP, noSchemas, GroupSchemas.RESOURCE).getString("displayName"))
        .isEqualTo("A");
    JsonObject wrongSchema =
        Json.object(
            "{'schemas':['urn:x'],'operations':[{'op':'replace',"
                + "'path':'displayName','value':'B'}]}");
    assertThat(
            PatchEngine.apply(GROUP, wrongSchema, GroupSchemas.RESOURCE).getString("displayName"))
        .isEqualTo("B");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            Json.object("{'schemas':[]}"),
            ScimType.INVALID_SYNTAX,
            "The PATCH request must have an \"Operations\" array"),
        Arguments.of(
            Json.object("{'Operations':{}}"), ScimType.INVALID_SYNTAX, "\"Operations\" array"),
        Arguments.of(
            Json.object("{'Operations':[]}"),
            ScimType.INVALID_SYNTAX,
            "The \"Operations\" array of the PATCH request is empty"),
        Arguments.of(
            patch("'add'"),
            ScimType.INVALID_SYNTAX,
            "Operation 1: must be an object, not a string"),
        Arguments.of(
            patch("{'path':'title','value':'x'}"),
            ScimType.INVALID_SYNTAX,
            "Operation 1: \"op\" must be"),
        Arguments.of(
            patch("{'op':'move','path':'title'}"),
            ScimType.INVALID_SYNTAX,
            "Operation 1: unsupported op \"move\"; use add, replace or remove"),
        Arguments.of(
            patch("{'op':'add','path':'title'}"),
            ScimType.INVALID_SYNTAX,
            "Operation 1: add needs a \"value\""),
        Arguments.of(
            patch("{'op':'remove'}"), ScimType.NO_TARGET, "Operation 1: remove needs a \"path\""),
        Arguments.of(
            patch("{'op':'add','value':'x'}"),
            ScimType.INVALID_VALUE,
            "without a \"path\", \"value\" must be an object of attributes, not a string"),
        Arguments.of(
            patch("{'op':'add','path':42,'value':'x'}"),
            ScimType.INVALID_PATH,
            "\"path\" must be a string"),
        Arguments.of(
            patch("{'op':'add','path':'emails[type eq','value':'x'}"),
            ScimType.INVALID_PATH,
            "Operation 1: Unexpected end of the path"),
        Arguments.of(
            patch(
                "{'op':'replace','path':'title','value':'t'}",
                "{'op':'replace','path':'id','value':'x'}"),
            ScimType.MUTABILITY,
            "Operation 2: Attribute \"id\" is read-only"),
        Arguments.of(
            patch("{'op':'replace','path':'meta.created','value':'x'}"),
            ScimType.MUTABILITY,
            "Attribute \"meta.created\" is read-only"),
        Arguments.of(
            patch("{'op':'add','path':'groups','value':[{'value':'g'}]}"),
            ScimType.MUTABILITY,
            "Attribute \"groups\" is read-only"),
        Arguments.of(
            patch("{'op':'remove','path':'schemas'}"),
            ScimType.MUTABILITY,
            "Attribute \"schemas\" is read-only"),
        Arguments.of(
            patch("{'op':'add','path':'foo','value':'x'}"),
            ScimType.INVALID_PATH,
            "Operation 1: Unknown attribute \"foo\""),
        Arguments.of(
            patch("{'op':'add','path':'name.foo','value':'x'}"),
            ScimType.INVALID_PATH,
            "Unknown attribute \"name.foo\""),
        Arguments.of(
            patch("{'op':'add','path':'" + ENTERPRISE + ":foo','value':'x'}"),
            ScimType.INVALID_PATH,
            "Unknown attribute \"" + ENTERPRISE + ":foo\""),
        Arguments.of(
            patch("{'op':'add','value':{'bogus':1}}"),
            ScimType.INVALID_PATH,
            "Unknown attribute \"bogus\""),
        Arguments.of(
            patch("{'op':'add','value':{'a b':1}}"),
            ScimType.INVALID_PATH,
            "Invalid attribute name \"a b\" in \"value\""),
        Arguments.of(
            patch("{'op':'add','path':'emails[foo eq \"x\"].value','value':'x'}"),
            ScimType.INVALID_PATH,
            "Unknown attribute \"emails.foo\" in path"),
        Arguments.of(
            patch("{'op':'add','path':'userName[value eq \"x\"]','value':'x'}"),
            ScimType.INVALID_PATH,
            "needs a multi-valued attribute"),
        Arguments.of(
            patch("{'op':'replace','path':'name','value':'Barbara'}"),
            ScimType.INVALID_VALUE,
            "Attribute \"name\" expects an object, not the string \"Barbara\""),
        Arguments.of(
            patch("{'op':'replace','path':'userName','value':{'a':1}}"),
            ScimType.INVALID_VALUE,
            "Attribute \"userName\" expects a string, not an object"),
        Arguments.of(
            patch("{'op':'replace','path':'active','value':'maybe'}"),
            ScimType.INVALID_VALUE,
            "Attribute \"active\" expects true or false, not the string \"maybe\""),
        Arguments.of(
            patch("{'op':'add','path':'emails','value':['x@y']}"),
            ScimType.INVALID_VALUE,
            "Attribute \"emails\" expects an object"),
        Arguments.of(
            patch("{'op':'add','path':'emails','value':[{'primary':'often'}]}"),
            ScimType.INVALID_VALUE,
            "Attribute \"emails.primary\" expects true or"),
        Arguments.of(
            patch("{'op':'replace','path':'title','value':['a','b']}"),
            ScimType.INVALID_VALUE,
            "Attribute \"title\" is single-valued"),
        Arguments.of(
            patch("{'op':'remove','path':'userName'}"),
            ScimType.MUTABILITY,
            "Operation 1: Attribute \"userName\" is required and cannot be removed"),
        Arguments.of(
            patch("{'op':'replace','path':'userName','value':null}"),
            ScimType.MUTABILITY,
            "Attribute \"userName\" is required"),
        Arguments.of(
            patch("{'op':'replace','value':{'userName':''}}"),
            ScimType.MUTABILITY,
            "Attribute \"userName\" is required"),
        Arguments.of(
            patch(
                "{'op':'replace','path':'emails[type eq \"work\" or type eq"
                    + " \"home\"].display','value':'x'}",
                "{'op':'replace','path':'emails[value co \"nowhere\"].display','value':'x'}"),
            ScimType.NO_TARGET,
            "Operation 2: No value of \"emails\" matches the filter \"value co \\\"nowhere\\\"\""),
        Arguments.of(
            patch("{'op':'replace','path':'emails[type eq \"other\"]'," + "'value':{'value':'x'}}"),
            ScimType.NO_TARGET,
            "No value of \"emails\" matches"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void rejectsInvalidRequests(JsonObject request, ScimType type, String detail) {
    assertThatThrownBy(() -> PatchEngine.apply(USER, request, UserSchemas.RESOURCE))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).isEqualTo(type);
              assertThat(e.detail()).contains(detail);
            });
  }
}
