package io.provisio.scim.control.quirks;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.groups.control.GroupSchemas;
import io.provisio.scim.control.ScimJsonReader;
import io.provisio.users.control.UserSchemas;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each IdP quirk on its own: what it rewrites, and that it leaves the RFC form alone. */
class PatchQuirksTest {

  private static final String ENTERPRISE = UserSchemas.ENTERPRISE_USER_URN;

  private static JsonObject json(String text) {
    return ScimJsonReader.read(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> rewritten(PatchQuirk quirk, String operation, boolean group) {
    return quirk.rewrite(json(operation), group ? GroupSchemas.RESOURCE : UserSchemas.RESOURCE)
        .stream().map(JsonObject::toString).toList();
  }

  @Test
  void capitalisedOpsAreLowerCased() {
    assertThat(rewritten(new CapitalisedOp(), "{'op':'Replace','path':'title','value':'X'}", false))
        .containsExactly(json("{'op':'replace','path':'title','value':'X'}").toString());
    assertThat(rewritten(new CapitalisedOp(), "{'op':'copy','path':'title'}", false))
        .containsExactly(json("{'op':'copy','path':'title'}").toString());
  }

  @Test
  void dottedAndUrnPrefixedKeysBecomePaths() {
    assertThat(rewritten(new DottedPathlessKeys(),
        "{'op':'Add','value':{'title':'T','name.givenName':'Bo','" + ENTERPRISE + ":employeeNumber':'7'}}", false))
        .containsExactly(
            json("{'op':'Add','value':{'title':'T'}}").toString(),
            json("{'op':'Add','path':'name.givenName','value':'Bo'}").toString(),
            json("{'op':'Add','path':'" + ENTERPRISE + ":employeeNumber','value':'7'}").toString());
    String whole = "{'op':'add','value':{'" + ENTERPRISE + "':{'department':'D'},'name':{'givenName':'A'}}}";
    assertThat(rewritten(new DottedPathlessKeys(), whole, false)).containsExactly(json(whole).toString());
  }

  @Test
  void readOnlyKeysOfAPathlessValueAreDropped() {
    assertThat(rewritten(new ReadOnlyPathlessKeys(), "{'op':'replace','value':{'id':'g1','displayName':'Ops'}}", true))
        .containsExactly(json("{'op':'replace','value':{'displayName':'Ops'}}").toString());
    assertThat(rewritten(new ReadOnlyPathlessKeys(), "{'op':'replace','path':'id','value':'g2'}", true))
        .as("a path naming a read-only attribute stays, for the engine to refuse")
        .containsExactly(json("{'op':'replace','path':'id','value':'g2'}").toString());
  }

  @Test
  void anExtensionsOwnSchemasKeyIsDropped() {
    assertThat(rewritten(new ExtensionSchemasKey(),
        "{'op':'add','value':{'" + ENTERPRISE + "':{'schemas':['" + ENTERPRISE + "'],'department':'D'}}}", false))
        .containsExactly(json("{'op':'add','value':{'" + ENTERPRISE + "':{'department':'D'}}}").toString());
    assertThat(rewritten(new ExtensionSchemasKey(),
        "{'op':'replace','path':'" + ENTERPRISE + "','value':{'schemas':['x'],'division':'V'}}", false))
        .containsExactly(json("{'op':'replace','path':'" + ENTERPRISE + "','value':{'division':'V'}}").toString());
  }

  @Test
  void nullSubAttributesAreLeftOut() {
    assertThat(rewritten(new NullSubAttributes(), "{'op':'Add','path':'members','value':[{'$ref':null,'value':'u1'}]}", true))
        .containsExactly(json("{'op':'Add','path':'members','value':[{'value':'u1'}]}").toString());
  }

  @Test
  void booleansSentAsStringsBecomeBooleansWhereTheSchemaSaysBoolean() {
    assertThat(rewritten(new StringBooleans(), "{'op':'replace','path':'active','value':'False'}", false))
        .containsExactly(json("{'op':'replace','path':'active','value':false}").toString());
    assertThat(rewritten(new StringBooleans(), "{'op':'replace','value':{'active':'True','title':'true'}}", false))
        .containsExactly(json("{'op':'replace','value':{'active':true,'title':'true'}}").toString());
    assertThat(rewritten(new StringBooleans(), "{'op':'replace','path':'emails[type eq \\'work\\'].primary','value':'TRUE'}", false))
        .containsExactly(json("{'op':'replace','path':'emails[type eq \\'work\\'].primary','value':true}").toString());
    assertThat(rewritten(new StringBooleans(), "{'op':'replace','path':'active','value':'maybe'}", false))
        .containsExactly(json("{'op':'replace','path':'active','value':'maybe'}").toString());
  }

  @Test
  void aRemoveListingValuesRemovesExactlyThose() {
    assertThat(rewritten(new RemoveWithValue(), "{'op':'remove','path':'members','value':[{'value':'u1'},{'value':'u\\'2'}]}", true))
        .containsExactly(
            json("{'op':'remove','path':'members[value eq \\'u1\\']'}").toString(),
            json("{'op':'remove','path':'members[value eq \\'u\\\\\\'2\\']'}").toString());
    assertThat(rewritten(new RemoveWithValue(), "{'op':'remove','path':'members','value':[]}", true)).isEmpty();
    assertThat(rewritten(new RemoveWithValue(), "{'op':'remove','path':'members'}", true))
        .containsExactly(json("{'op':'remove','path':'members'}").toString());
  }

  @Test
  void theQuirksRunInOrderOnEachOperation() {
    var rewritten = PatchQuirks.rewrite(json("{'op':'Remove','path':'members','value':[{'$ref':null,'value':'u1'}]}"),
        GroupSchemas.RESOURCE);
    assertThat(rewritten).extracting(Object::toString)
        .containsExactly(json("{'op':'remove','path':'members[value eq \\'u1\\']'}").toString());
  }
}
