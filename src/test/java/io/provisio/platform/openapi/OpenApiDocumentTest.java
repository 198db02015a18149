package io.provisio.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The document the build wrote (process-classes) is what every server serves at /openapi. */
class OpenApiDocumentTest {

  private static JsonObject document() throws IOException {
    String text = Files.readString(Path.of("target/classes/META-INF/openapi.json"));
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void everyApplicationUnderItsOwnPath() throws IOException {
    var paths = document().getJsonObject("paths").keySet();
    assertThat(paths).contains("/api/v1/tenants", "/api/v1/tenants/{tenantId}/mappings/{id}/move",
        "/scim/v2/Users/{id}", "/scim/v2/Groups/.search", "/scim/v2/.search", "/oauth/token");
    assertThat(paths).allMatch(p -> p.startsWith("/api/v1/") || p.startsWith("/scim/v2/") || p.equals("/oauth/token"));
  }

  @Test
  void everyOperationIsDescribedAndValid() throws IOException {
    var document = document();
    assertThat(document.getJsonObject("info").getString("title")).isEqualTo("Provisio");
    var schemes = document.getJsonObject("components").getJsonObject("securitySchemes").keySet();
    for (var path : document.getJsonObject("paths").entrySet()) {
      for (var operation : path.getValue().asJsonObject().entrySet()) {
        var op = operation.getValue().asJsonObject();
        String where = operation.getKey() + " " + path.getKey();
        assertThat(op.getString("operationId")).as(where).isNotBlank();
        assertThat(op.getJsonObject("responses").keySet()).as(where).contains("401").isNotEmpty();
        if (op.containsKey("security")) {
          for (JsonValue requirement : op.getJsonArray("security")) {
            assertThat(requirement.asJsonObject().keySet()).as(where + ": a security requirement names a scheme")
                .isNotEmpty().allMatch(schemes::contains);
          }
        }
        if (op.containsKey("parameters")) {
          op.getJsonArray("parameters").forEach(p -> assertThat(p.asJsonObject().getJsonObject("schema")).as(where).isNotNull());
        }
      }
    }
  }
}
