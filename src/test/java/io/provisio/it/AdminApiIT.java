package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin API of SPEC §9 over HTTP: tenants, administrators, settings, regions, errors. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL url;

  private String base() {
    return url.toString();
  }

  @Test
  void operatorCreatesTenantAndCloudAdminWhoSeesOnlyItsOwnTenant() {
    String name = Deployments.unique("Acme");
    var created = Setup.operator(base()).post("/api/v1/tenants", "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).endsWith("/api/v1/tenants/" + created.json().getString("id"));
    assertThat(created.json().getString("name")).isEqualTo(name);
    assertThat(created.json().getString("userManagementMode")).isEqualTo("MANUAL");
    assertThat(created.json().getBoolean("apiAccess")).isTrue();
    String tenantId = created.json().getString("id");

    var admin = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    var own = admin.http().get("/api/v1/tenants/" + tenantId);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().getString("name")).isEqualTo(name);
    var list = admin.http().get("/api/v1/tenants");
    assertThat(list.array()).hasSize(1);

    String other = Setup.tenant(base(), Deployments.unique("Other"));
    var foreign = admin.http().get("/api/v1/tenants/" + other);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.json().getString("message")).contains("No tenant");
    var foreignAdmins =
        admin.http().post(
            "/api/v1/tenants/" + other + "/administrators",
            "{\"email\":\"x@example.com\",\"password\":\"long-enough-pass\",\"role\":\"ADMIN\"}");
    assertThat(foreignAdmins.status()).isEqualTo(404);
  }

  @Test
  void wrongOrMissingCredentialsGet401WithBasicChallenge() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Auth"));
    var admin = Setup.admin(base(), tenantId, "ADMIN");
    var wrong = Http.basic(base(), admin.email(), "not-the-password").get("/api/v1/tenants");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(wrong.json().getString("message")).contains("Wrong email or password");

    var none = Http.anonymous(base()).get("/api/v1/tenants");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void repeatedWrongPasswordsMakeThatCallerWaitWithoutLockingTheAccount() throws InterruptedException {
    String tenantId = Setup.tenant(base(), Deployments.unique("Lock"));
    var admin = Setup.admin(base(), tenantId, "READ_ONLY");
    for (int i = 0; i < 3; i++) {
      var wrong = Http.basic(base(), admin.email(), "wrong-" + i).get("/api/v1/tenants/" + tenantId);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().getString("message")).isEqualTo("Wrong email or password.");
    }
    var waiting = admin.http().get("/api/v1/tenants/" + tenantId);
    assertThat(waiting.status()).as("even the right password waits: nothing is checked").isEqualTo(429);
    assertThat(waiting.header("Retry-After")).isEqualTo("1");
    Thread.sleep(1_100);
    assertThat(admin.http().get("/api/v1/tenants/" + tenantId).status()).isEqualTo(200);
  }

  /** A hash of the earlier settings (60,000 iterations) still signs in, and is replaced at once. */
  @Test
  void anOlderPasswordHashIsReplacedAtTheNextSignIn() throws Exception {
    String tenantId = Setup.tenant(base(), Deployments.unique("Rehash"));
    var admin = Setup.admin(base(), tenantId, "READ_ONLY");
    byte[] salt = new byte[16];
    new java.security.SecureRandom().nextBytes(salt);
    var spec = new javax.crypto.spec.PBEKeySpec(admin.password().toCharArray(), salt, 60_000, 256);
    byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    var b64 = java.util.Base64.getEncoder();
    String old = "PBKDF2WithHmacSHA256:60000:" + b64.encodeToString(salt) + ":" + b64.encodeToString(key);
    setPasswordHash(admin.email(), old);

    assertThat(admin.http().get("/api/v1/tenants/" + tenantId).status()).isEqualTo(200);
    String now = passwordHash(admin.email());
    assertThat(now).startsWith("PBKDF2WithHmacSHA256:600000:").isNotEqualTo(old);
    assertThat(Http.basic(base(), admin.email(), admin.password() + "x").get("/api/v1/tenants/" + tenantId).status())
        .isEqualTo(401);
  }

  private static void setPasswordHash(String email, String hash) throws Exception {
    try (var db = Database.connect();
        var update = db.prepareStatement("UPDATE administrator SET password_hash = ? WHERE email_lower = ?")) {
      update.setString(1, hash);
      update.setString(2, email.toLowerCase(java.util.Locale.ROOT));
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static String passwordHash(String email) throws Exception {
    try (var db = Database.connect();
        var query = db.prepareStatement("SELECT password_hash FROM administrator WHERE email_lower = ?")) {
      query.setString(1, email.toLowerCase(java.util.Locale.ROOT));
      try (var row = query.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  @Test
  void rolesAreEnforced() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Roles"));
    var readOnly = Setup.admin(base(), tenantId, "READ_ONLY");
    var admin = Setup.admin(base(), tenantId, "ADMIN");
    String newAdmin =
        "{\"email\":\"" + Deployments.unique("n") + "@example.com\",\"password\":\"long-enough-pass\",\"role\":\"ADMIN\"}";
    assertThat(readOnly.http().post("/api/v1/tenants/" + tenantId + "/administrators", newAdmin).status())
        .isEqualTo(403);
    var denied = admin.http().post("/api/v1/tenants", "{\"name\":\"nope\"}");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.json().getString("message")).contains("role");
    assertThat(admin.http().post("/api/v1/regions", "{\"name\":\"r\"}").status()).isEqualTo(403);
    assertThat(
            admin.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}").status())
        .isEqualTo(403);
  }

  @Test
  void scimModeIsOneWayAndOnlyTheOperatorSwitchesApiAccess() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Mode"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    String settings = "/api/v1/tenants/" + tenantId + "/settings";

    var toScim = cloud.http().patch(settings, "{\"userManagementMode\":\"SCIM\"}");
    assertThat(toScim.status()).isEqualTo(200);
    assertThat(toScim.json().getString("userManagementMode")).isEqualTo("SCIM");

    var back = cloud.http().patch(settings, "{\"userManagementMode\":\"DIRECTORY\"}");
    assertThat(back.status()).isEqualTo(409);
    assertThat(back.json().getString("field")).isEqualTo("userManagementMode");
    assertThat(back.json().getString("message")).contains("one-way");

    assertThat(cloud.http().patch(settings, "{\"apiAccess\":false}").status()).isEqualTo(403);
    var operatorMode = Setup.operator(base()).patch(settings, "{\"userManagementMode\":\"MANUAL\"}");
    assertThat(operatorMode.status()).isEqualTo(403);

    var off = Setup.operator(base()).patch(settings, "{\"apiAccess\":false}");
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.json().getBoolean("apiAccess")).isFalse();
    assertThat(cloud.http().get("/api/v1/tenants/" + tenantId).json().getBoolean("apiAccess")).isFalse();

    var unknownMode = cloud.http().patch(settings, "{\"userManagementMode\":\"LDAP\"}");
    assertThat(unknownMode.status()).isEqualTo(400);
    assertThat(unknownMode.json().getString("field")).isEqualTo("userManagementMode");
    assertThat(unknownMode.json().getString("message")).contains("MANUAL, DIRECTORY, SCIM");

    var audit = cloud.http().get("/api/v1/tenants/" + tenantId + "/audit");
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.json().getJsonArray("items").toString())
        .contains("TENANT_SETTINGS_CHANGED", "TENANT_CREATED", "ADMINISTRATOR_CREATED");
  }

  @Test
  void badInputGetsAClearErrorNamingTheField() {
    var operator = Setup.operator(base());
    var malformed = operator.post("/api/v1/tenants", "{\"name\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().getString("message")).contains("not valid JSON");

    var blank = operator.post("/api/v1/tenants", "{\"name\":\"  \"}");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().getString("field")).isEqualTo("name");

    var noBody = operator.post("/api/v1/tenants", "");
    assertThat(noBody.status()).isEqualTo(400);

    String name = Deployments.unique("Dup");
    assertThat(operator.post("/api/v1/tenants", "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
    var duplicate = operator.post("/api/v1/tenants", "{\"name\":\"" + name.toUpperCase() + "\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().getString("field")).isEqualTo("name");

    String tenantId = Setup.tenant(base(), Deployments.unique("Bad"));
    String admins = "/api/v1/tenants/" + tenantId + "/administrators";
    var badRole = operator.post(admins, "{\"email\":\"a@b.example\",\"password\":\"long-enough-pass\",\"role\":\"GOD\"}");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.json().getString("field")).isEqualTo("role");
    var badEmail = operator.post(admins, "{\"email\":\"not-an-email\",\"password\":\"long-enough-pass\",\"role\":\"ADMIN\"}");
    assertThat(badEmail.status()).isEqualTo(400);
    assertThat(badEmail.json().getString("field")).isEqualTo("email");
    var shortPassword = operator.post(admins, "{\"email\":\"a@b.example\",\"password\":\"short\",\"role\":\"ADMIN\"}");
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.json().getString("field")).isEqualTo("password");
    var admin = Setup.admin(base(), tenantId, "ADMIN");
    var dupAdmin =
        operator.post(admins, "{\"email\":\"" + admin.email().toUpperCase() + "\",\"password\":\"long-enough-pass\",\"role\":\"ADMIN\"}");
    assertThat(dupAdmin.status()).isEqualTo(409);

    String huge = RawHttp.declaringHugeBody(base(), "/api/v1/tenants", 50_000_000);
    assertThat(huge).startsWith("HTTP/1.1 413").contains("larger than the limit");

    var wrongType = operator.send("POST", "/api/v1/tenants", "name=x", "application/x-www-form-urlencoded");
    assertThat(wrongType.status()).isEqualTo(415);

    // unknown fields are refused, naming them and what the request takes
    var unknown = operator.post("/api/v1/tenants", "{\"name\":\"" + Deployments.unique("U") + "\",\"colour\":\"red\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().getString("field")).isEqualTo("colour");
    assertThat(unknown.json().getString("message")).isEqualTo("Unknown field colour; this request takes name.");
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    var unknownInObject = cloud.http().post("/api/v1/tenants/" + tenantId + "/mappings", "{\"name\":\"x\",\"priority\":1}");
    assertThat(unknownInObject.status()).isEqualTo(400);
    assertThat(unknownInObject.json().getString("message")).contains("Unknown field priority", "criterion", "quotaGb");
    // a wrong type names its field and what it must be
    String profiles = "/api/v1/tenants/" + tenantId + "/profiles";
    var textForNumber = cloud.http().post(profiles, "{\"name\":\"P\",\"maxUsers\":\"ten\"}");
    assertThat(textForNumber.status()).isEqualTo(400);
    assertThat(textForNumber.json().getString("field")).isEqualTo("maxUsers");
    assertThat(textForNumber.json().getString("message")).isEqualTo("maxUsers must be a whole number.");
    var numberForText = cloud.http().post(profiles, "{\"name\":7}");
    assertThat(numberForText.json().getString("message")).isEqualTo("name must be text (a JSON string).");
    // a constraint in plain words
    var tooLong = cloud.http().post(profiles, "{\"name\":\"" + "x".repeat(201) + "\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().getString("message")).isEqualTo("name must be at most 200 characters long and not empty.");
    var tooMany = cloud.http().post(profiles, "{\"name\":\"P\",\"maxUsers\":20000000}");
    assertThat(tooMany.json().getString("message")).isEqualTo("maxUsers must be at most 10000000.");

    for (var answer : new Http.Answer[] {malformed, blank, noBody, duplicate, badRole, wrongType, unknown, textForNumber}) {
      assertThat(answer.body()).doesNotContainIgnoringCase("exception").doesNotContain("at io.", "SQL");
    }
  }

  @Test
  void regionsAreWrittenByTheOperatorAndReadByEveryone() {
    var operator = Setup.operator(base());
    String name = Deployments.unique("eu-west");
    var created = operator.post("/api/v1/regions", "{\"name\":\"" + name + "\",\"health\":\"HEALTHY\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().getString("id");
    var changed = operator.patch("/api/v1/regions/" + id, "{\"health\":\"UNHEALTHY\"}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().getString("health")).isEqualTo("UNHEALTHY");
    var badHealth = operator.patch("/api/v1/regions/" + id, "{\"health\":\"SICK\"}");
    assertThat(badHealth.status()).isEqualTo(400);
    assertThat(badHealth.json().getString("field")).isEqualTo("health");

    var reader = Setup.admin(base(), Setup.tenant(base(), Deployments.unique("R")), "READ_ONLY");
    var list = reader.http().get("/api/v1/regions");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains(name, "UNHEALTHY");
    assertThat(operator.post("/api/v1/regions", "{\"name\":\"" + name + "\"}").status()).isEqualTo(409);

    // the small lists page too: offset and limit, the total in X-Total-Count, the answer still an array
    operator.post("/api/v1/regions", "{\"name\":\"" + Deployments.unique("region") + "\"}");
    var all = reader.http().get("/api/v1/regions");
    int total = Integer.parseInt(all.header("X-Total-Count"));
    assertThat(total).isEqualTo(all.array().size()).isGreaterThanOrEqualTo(2);
    var first = reader.http().get("/api/v1/regions?limit=1");
    assertThat(first.array()).hasSize(1);
    assertThat(Integer.parseInt(first.header("X-Total-Count"))).isGreaterThanOrEqualTo(total);
    var second = reader.http().get("/api/v1/regions?offset=1&limit=1");
    assertThat(second.array().getJsonObject(0).getString("id")).isNotEqualTo(first.array().getJsonObject(0).getString("id"));
    assertThat(reader.http().get("/api/v1/regions?offset=100000").array()).isEmpty();
    var badLimit = reader.http().get("/api/v1/regions?limit=0");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.json().getString("field")).isEqualTo("limit");
    assertThat(badLimit.json().getString("message")).isEqualTo("limit must be a whole number from 1 to 1000.");
  }

  @Test
  void healthReportsTheDatabaseAndOpenApiDocumentsTheAdminApi() {
    String root = base().replaceAll("/provisio/?$", "");
    var health = Http.anonymous(root).get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("\"database\"", "UP");
    // the WAR's own document (Payara's endpoint is off), JSON by default, YAML when asked
    var openapi = Http.anonymous(base()).get("/openapi");
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.header("Content-Type")).startsWith("application/json");
    var document = openapi.json();
    var yaml = Http.anonymous(base()).get("/openapi", "application/yaml");
    assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
    assertThat(yaml.body()).startsWith("\n\"openapi\": \"3.0.3\"\n\"info\":");
    assertThat(Http.anonymous(base()).get("/openapi.yaml").body()).isEqualTo(yaml.body());
    // the interactive reference, its Swagger UI served from the WAR
    var reference = Http.anonymous(base()).get("/console/api-reference.html");
    assertThat(reference.status()).isEqualTo(200);
    assertThat(reference.body()).contains("swagger-ui-bundle.js", "../openapi");
    assertThat(Http.anonymous(base()).get("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js").status()).isEqualTo(200);
    assertThat(document.getJsonObject("info").getString("title")).isEqualTo("Provisio");
    // every application under its own path (SmallRye would put all under one prefix)
    assertThat(document.getJsonObject("paths").keySet())
        .contains(
            "/api/v1/tenants",
            "/api/v1/tenants/{tenantId}/administrators",
            "/api/v1/tenants/{tenantId}/settings",
            "/api/v1/regions",
            "/api/v1/regions/{id}",
            "/scim/v2/Users/{id}",
            "/scim/v2/Groups",
            "/oauth/token")
        .allMatch(path -> path.startsWith("/api/v1/") || path.startsWith("/scim/v2/") || path.equals("/oauth/token"));
    assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").keySet())
        .contains("basic", "scimToken");
  }
}
