package io.provisio.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyFieldsTest {

  public static class Body {
    public String name;
    public Integer maxUsers;
    public Boolean dataLock;
    public List<String> tags;
    public static String CONSTANT = "not a field of the body";
  }

  record Settings(String mode, Boolean apiAccess) {}

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static ApiException refusal(String body, Class<?> type, Annotation... annotations) {
    try {
      BodyFields.check(json(body), type, annotations);
    } catch (ApiException e) {
      return e;
    }
    return null;
  }

  @Test
  void theFieldsOfTheBodysClassOrRecordAreAllowed() {
    assertThat(refusal("{\"name\":\"a\",\"maxUsers\":3,\"dataLock\":true,\"tags\":[\"x\"]}", Body.class)).isNull();
    assertThat(refusal("{\"name\":null}", Body.class)).isNull();
    assertThat(refusal("{\"mode\":\"SCIM\"}", Settings.class)).isNull();
    var unknown = refusal("{\"name\":\"a\",\"colour\":\"red\",\"CONSTANT\":1}", Body.class);
    assertThat(unknown.field()).isEqualTo("colour");
    assertThat(unknown.getMessage()).isEqualTo("Unknown fields colour, CONSTANT; this request takes name, maxUsers, dataLock, tags.");
    assertThat(refusal("{\"Mode\":\"SCIM\"}", Settings.class).getMessage()).contains("Unknown field Mode", "mode, apiAccess");
  }

  @Test
  void aWrongJsonTypeNamesTheFieldAndWhatItMustBe() {
    assertThat(refusal("{\"maxUsers\":\"ten\"}", Body.class).getMessage()).isEqualTo("maxUsers must be a whole number.");
    assertThat(refusal("{\"maxUsers\":1.5}", Body.class).getMessage()).isEqualTo("maxUsers must be a whole number.");
    assertThat(refusal("{\"name\":[\"a\"]}", Body.class).getMessage()).isEqualTo("name must be text (a JSON string).");
    assertThat(refusal("{\"dataLock\":\"yes\"}", Body.class).getMessage()).isEqualTo("dataLock must be true or false.");
    assertThat(refusal("{\"tags\":\"x\"}", Body.class).field()).isEqualTo("tags");
  }

  @Test
  void aJsonObjectBodyIsCheckedWhenItsParameterListsItsFields() throws Exception {
    Annotation listed = Holder.class.getDeclaredMethod("take", JsonObject.class).getParameterAnnotations()[0][0];
    assertThat(refusal("{\"to\":\"UP\"}", JsonObject.class, listed)).isNull();
    assertThat(refusal("{\"to\":\"UP\",\"by\":2}", JsonObject.class, listed).getMessage())
        .isEqualTo("Unknown field by; this request takes to.");
    assertThat(refusal("{\"anything\":1}", JsonObject.class)).isNull(); // not described: left to the resource
  }

  static class Holder {
    void take(@JsonFields({"to"}) JsonObject body) {}
  }
}
