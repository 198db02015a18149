package io.provisio.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void aStandardValidatorAcceptsTheDocument() throws IOException {
    var options = new io.swagger.v3.parser.core.models.ParseOptions();
    options.setResolve(true);
    var result = new io.swagger.v3.parser.OpenAPIV3Parser()
        .readContents(Files.readString(Path.of("target/classes/META-INF/openapi.json")), null, options);
    assertThat(result.getMessages()).as("validation messages").isEmpty();
    assertThat(result.getOpenAPI().getInfo().getTitle()).isEqualTo("Provisio");
    assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("basic", "scimToken", "oauthClient");
  }

  /** Every resource method of every class with @Path in the build, registered or not, is documented. */
  @Test
  void everyJaxRsResourceMethodAppears() throws Exception {
    var document = document();
    var classes = Path.of("target/classes");
    var missing = new java.util.ArrayList<String>();
    int methods = 0;
    try (var files = Files.walk(classes)) {
      for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, getClass().getClassLoader());
        if (!type.isAnnotationPresent(jakarta.ws.rs.Path.class) || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
          continue;
        }
        for (var method : type.getMethods()) {
          String http = java.util.Arrays.stream(method.getAnnotations())
              .map(a -> a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class))
              .filter(java.util.Objects::nonNull).map(jakarta.ws.rs.HttpMethod::value).findFirst().orElse(null);
          if (http == null) continue;
          methods++;
          String sub = method.isAnnotationPresent(jakarta.ws.rs.Path.class) ? method.getAnnotation(jakarta.ws.rs.Path.class).value() : "";
          String tail = ("/" + type.getAnnotation(jakarta.ws.rs.Path.class).value() + "/" + sub)
              .replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/").replaceAll("(.)/$", "$1");
          boolean found = document.getJsonObject("paths").entrySet().stream()
              .anyMatch(p -> p.getKey().endsWith(tail) && p.getValue().asJsonObject().containsKey(http.toLowerCase()));
          if (!found) missing.add(http + " " + tail + " (" + type.getSimpleName() + "." + method.getName() + ")");
        }
      }
    }
    assertThat(methods).isGreaterThan(60);
    assertThat(missing).as("resource methods missing from /openapi").isEmpty();
  }

  @Test
  void bodiesAndAnswersHaveSchemasAndExamples() throws IOException {
    var paths = document().getJsonObject("paths");
    var create = paths.getJsonObject("/api/v1/tenants/{tenantId}/profiles").getJsonObject("post");
    var json = create.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json");
    assertThat(json.getJsonObject("schema").getString("$ref")).isEqualTo("#/components/schemas/ProfileBody");
    assertThat(json.getJsonObject("example").getInt("maxUsers")).isEqualTo(500);
    var list = paths.getJsonObject("/api/v1/tenants/{tenantId}/profiles").getJsonObject("get")
        .getJsonObject("responses").getJsonObject("200").getJsonObject("content").getJsonObject("application/json");
    assertThat(list.getJsonObject("schema").getString("type")).isEqualTo("array");
    var simulate = resolved(paths.getJsonObject("/api/v1/tenants/{tenantId}/mappings/simulate").getJsonObject("post")
        .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"));
    assertThat(simulate.getJsonObject("properties").keySet()).containsExactly("user", "order");
    assertThat(simulate.getJsonObject("properties").getJsonObject("order").getString("type")).isEqualTo("array");
    assertThat(simulate.getBoolean("additionalProperties")).isFalse();
  }

  /** A JSON body or success answer says its fields and their types: never a bare object, never an untyped field. */
  @Test
  void everyJsonBodyAndAnswerIsTyped() throws IOException {
    var untyped = new java.util.ArrayList<String>();
    for (var path : document().getJsonObject("paths").entrySet()) {
      for (var operation : path.getValue().asJsonObject().entrySet()) {
        var op = operation.getValue().asJsonObject();
        String where = operation.getKey() + " " + path.getKey();
        for (var response : op.getJsonObject("responses").entrySet()) {
          if (response.getKey().startsWith("2")) {
            untyped.addAll(untypedJson(where + " answer " + response.getKey(), response.getValue().asJsonObject()));
          }
        }
        if (op.containsKey("requestBody")) untyped.addAll(untypedJson(where + " body", op.getJsonObject("requestBody")));
      }
    }
    for (var schema : document().getJsonObject("components").getJsonObject("schemas").entrySet()) {
      untypedProperties(schema.getKey(), schema.getValue().asJsonObject(), untyped);
    }
    assertThat(untyped).as("untyped JSON bodies, answers and fields").isEmpty();
  }

  private static List<String> untypedJson(String where, JsonObject bodyOrAnswer) {
    var untyped = new java.util.ArrayList<String>();
    if (!bodyOrAnswer.containsKey("content")) return untyped; // no body: 204, 304
    for (var media : bodyOrAnswer.getJsonObject("content").entrySet()) {
      if (!media.getKey().contains("json")) continue;
      var schema = media.getValue().asJsonObject().getJsonObject("schema");
      if (isBareObject(schema) || schema.containsKey("items") && isBareObject(schema.getJsonObject("items"))) {
        untyped.add(where + " " + media.getKey());
      } else {
        untypedProperties(where + " " + media.getKey(), schema, untyped);
      }
    }
    return untyped;
  }

  private static boolean isBareObject(JsonObject schema) {
    return "object".equals(schema.getString("type", null)) && !schema.containsKey("properties")
        && !schema.containsKey("additionalProperties") && !schema.containsKey("description");
  }

  /** A field's schema is empty ({}): it says nothing of what the field holds. */
  private static void untypedProperties(String where, JsonObject schema, List<String> untyped) {
    if (schema.containsKey("properties")) {
      for (var property : schema.getJsonObject("properties").entrySet()) {
        var value = property.getValue().asJsonObject();
        if (value.isEmpty()) untyped.add(where + "." + property.getKey());
        untypedProperties(where + "." + property.getKey(), value, untyped);
      }
    }
    if (schema.containsKey("items")) untypedProperties(where + "[]", schema.getJsonObject("items"), untyped);
  }

  @Test
  void concreteSchemasSayWhatTheEndpointsAnswer() throws IOException {
    var paths = document().getJsonObject("paths");
    var token = resolved(paths.getJsonObject("/api/v1/tenants/{tenantId}/scim-token").getJsonObject("post")
        .getJsonObject("responses").getJsonObject("201").getJsonObject("content").getJsonObject("application/json")
        .getJsonObject("schema"));
    assertThat(token.getJsonObject("properties").getJsonObject("token").getString("type")).isEqualTo("string");
    assertThat(token.getJsonObject("properties").getJsonObject("expiresAt").getString("format")).isEqualTo("date-time");
    var reset = paths.getJsonObject("/api/v1/tenants/{tenantId}/administrators/{adminId}/password-reset")
        .getJsonObject("post").getJsonObject("responses");
    assertThat(reset.keySet()).contains("201", "202").doesNotContain("2XX", "200");
    var password = paths.getJsonObject("/api/v1/me/password").getJsonObject("put").getJsonObject("responses");
    assertThat(password.keySet()).contains("204").doesNotContain("200");
    var csv = paths.getJsonObject("/api/v1/tenants/{tenantId}/users").getJsonObject("get").getJsonObject("responses")
        .getJsonObject("200").getJsonObject("content");
    assertThat(csv.getJsonObject("text/csv").getJsonObject("schema").getString("type")).isEqualTo("string");
    assertThat(resolved(csv.getJsonObject("application/json").getJsonObject("schema")).getJsonObject("properties")
        .keySet()).containsExactly("total", "offset", "items");
  }

  /** ScimUser is made from the User schema that /Schemas shows: every attribute, its mutability, what is required. */
  @Test
  void theTokenEndpointsErrorsAreOAuthErrorsAndOptionalBodiesAreOptional() throws IOException {
    var paths = document().getJsonObject("paths");
    var token = paths.getJsonObject("/oauth/token").getJsonObject("post").getJsonObject("responses");
    for (String status : List.of("400", "401", "429", "503")) {
      assertThat(token.getJsonObject(status).getJsonObject("content").getJsonObject("application/json")
          .getJsonObject("schema").getString("$ref")).as(status).isEqualTo("#/components/schemas/OAuthError");
    }
    assertThat(component("OAuthError").getJsonObject("properties").keySet()).containsExactlyInAnyOrder("error", "error_description");
    assertThat(paths.getJsonObject("/api/v1/alerts/run").getJsonObject("post").getJsonObject("requestBody")
        .getBoolean("required")).isFalse();
    assertThat(paths.getJsonObject("/api/v1/tenants/{tenantId}/oauth-clients").getJsonObject("post")
        .getJsonObject("requestBody").getBoolean("required")).isFalse();
    assertThat(paths.getJsonObject("/api/v1/tenants/{tenantId}/profiles").getJsonObject("post")
        .getJsonObject("requestBody").getBoolean("required")).isTrue();
  }

  @Test
  void scimResourcesComeFromTheirSchemaDeclarations() throws IOException {
    var user = component("ScimUser");
    var properties = user.getJsonObject("properties");
    var declared = io.provisio.users.control.ProvisioUserSchema.RESOURCE;
    assertThat(properties.keySet()).containsAll(declared.core().attributes().stream().map(a -> a.name()).toList())
        .contains("id", "meta", "externalId", "schemas", declared.extensions().get(0).id());
    assertThat(user.getJsonArray("required").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString).contains("userName");
    assertThat(properties.getJsonObject("id").getBoolean("readOnly")).isTrue();
    assertThat(properties.getJsonObject("meta").getBoolean("readOnly")).isTrue();
    assertThat(properties.getJsonObject("password").getBoolean("writeOnly")).isTrue();
    assertThat(properties.getJsonObject("emails").getString("type")).isEqualTo("array");
    assertThat(component("ScimGroup").getJsonObject("properties").getJsonObject("members")
        .getJsonObject("items").getJsonObject("properties").getJsonObject("display").getBoolean("readOnly")).isTrue();

    var paths = document().getJsonObject("paths");
    var create = paths.getJsonObject("/scim/v2/Users").getJsonObject("post");
    var body = create.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/scim+json");
    assertThat(body.getJsonObject("schema").getString("$ref")).isEqualTo("#/components/schemas/ScimUser");
    assertThat(body.getJsonObject("example").getString("userName")).isNotBlank();
    assertThat(create.getJsonObject("responses").getJsonObject("201").getJsonObject("content")
        .getJsonObject("application/scim+json").getJsonObject("schema").getString("$ref")).endsWith("/ScimUser");
    assertThat(bodyRef(paths, "/scim/v2/Groups/{id}", "patch")).endsWith("/ScimPatchOp");
    assertThat(bodyRef(paths, "/scim/v2/Groups/{id}", "put")).endsWith("/ScimGroup");
    assertThat(bodyRef(paths, "/scim/v2/Users/.search", "post")).endsWith("/ScimSearchRequest");
    assertThat(bodyRef(paths, "/scim/v2/.search", "post")).endsWith("/ScimSearchRequest");
    var list = paths.getJsonObject("/scim/v2/Groups").getJsonObject("get").getJsonObject("responses")
        .getJsonObject("200").getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
    assertThat(list.toString()).contains("/ScimListResponse", "/ScimGroup").doesNotContain("/ScimUser");
    assertThat(component("ScimPatchOp").getJsonObject("properties").keySet()).containsExactly("schemas", "Operations");
    assertThat(document().getJsonObject("components").getJsonObject("schemas").keySet()).contains("ScimServiceProviderConfig",
        "ScimResourceType", "ScimSchema", "ScimListResponse");
  }

  private static String bodyRef(JsonObject paths, String path, String method) {
    return paths.getJsonObject(path).getJsonObject(method).getJsonObject("requestBody").getJsonObject("content")
        .getJsonObject("application/scim+json").getJsonObject("schema").getString("$ref");
  }

  private static JsonObject component(String name) throws IOException {
    return document().getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
  }

  private static JsonObject resolved(JsonObject schema) throws IOException {
    return schema.containsKey("$ref") ? component(schema.getString("$ref").replace("#/components/schemas/", "")) : schema;
  }

  @Test
  void theReferencePageLoadsSwaggerUiFromTheWebjarInTheWar() throws IOException {
    String page = Files.readString(Path.of("src/main/webapp/console/api-reference.html"));
    var referenced = java.util.regex.Pattern.compile("\\.\\./(webjars/[^\"]+)").matcher(page).results()
        .map(m -> m.group(1)).toList();
    assertThat(referenced).hasSizeGreaterThanOrEqualTo(2);
    for (String resource : referenced) {
      assertThat(getClass().getClassLoader().getResource("META-INF/resources/" + resource))
          .as(resource + " is in the swagger-ui webjar of pom.xml").isNotNull();
    }
  }

  @Test
  void yamlSaysTheSameAsJson() throws IOException {
    String yaml = Yaml.write(document());
    assertThat(yaml).startsWith("\n\"openapi\": \"3.0.3\"").contains("\n\"paths\":\n  \"/api/v1/", "\n  \"/api/v1/regions\":\n    \"get\":");
    var parsed = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(yaml, null, null);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getPaths().keySet()).isEqualTo(document().getJsonObject("paths").keySet());
  }
}
