package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security review's reproductions (README "Security"), on the embedded default started exactly
 * as the README says, with 127.0.0.1 as a trusted proxy so that X-Forwarded-For can play clients
 * at different addresses: sign-in backoff that cannot be turned against an account's owner,
 * identical refusals for unknown and wrong, no secret as a mapping criterion, malformed bodies,
 * headers on every endpoint family, the attack surface (listening sockets, data directory, WADL,
 * metrics, error pages) and security events.
 */
class SecurityIT {

  private static final Path WORK = PayaraMicroProcess.workDir("security-it").resolve(Deployments.unique("run"));
  private static PayaraMicroProcess server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    server = PayaraMicroProcess.startEmbeddedDefault(WORK, Map.of("PROVISIO_TRUSTED_PROXIES", "127.0.0.1"));
    base = server.base();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
  }

  /** A Basic call as if from {@code address} (through the trusted proxy). */
  private static Http.Answer basicFrom(String address, String email, String password, String path) {
    var request = Http.anonymous(base).request(path)
        .header("X-Forwarded-For", address)
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .GET();
    return Http.anonymous(base).send(request);
  }

  private static long timed(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void wrongPasswordsBackOffPerAddressAndNeverLockTheOwnerOut() {
    String tenantId = Setup.tenant(base, Deployments.unique("Backoff"));
    var victim = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    String attacker = "198.51.100.7";
    // one failure per request; unknown accounts answer exactly as wrong passwords, as slowly
    List<Long> millis = new ArrayList<>();
    millis.add(timed(() -> {
      var unknown = basicFrom("198.51.100.8", "nobody-" + Deployments.unique("x") + "@example.com", "whatever-password", "/api/v1/tenants");
      assertThat(unknown.status()).isEqualTo(401);
      assertThat(unknown.json().getString("message")).isEqualTo("Wrong email or password.");
    }));
    for (int i = 0; i < 3; i++) {
      millis.add(timed(() -> {
        var wrong = basicFrom(attacker, victim.email(), "wrong-password-" + System.nanoTime(), "/api/v1/tenants/" + tenantId);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().getString("message")).isEqualTo("Wrong email or password.");
      }));
    }
    // the fourth attempt from that address waits, before any password is checked, even the right one
    var backingOff = basicFrom(attacker, victim.email(), victim.password(), "/api/v1/tenants/" + tenantId);
    assertThat(backingOff.status()).isEqualTo(429);
    assertThat(backingOff.header("Retry-After")).isEqualTo("1");
    assertThat(backingOff.json().getString("message")).contains("Too many sign-in attempts from your address");
    assertThat(millis).as("unknown account and wrong passwords take as long").allMatch(ms -> ms >= 950);
    // the owner, elsewhere, is not affected at all
    assertThat(basicFrom("203.0.113.20", victim.email(), victim.password(), "/api/v1/tenants/" + tenantId).status())
        .isEqualTo(200);

    // a stranger hammering the operator account slows down only the stranger
    String operator = Deployments.operatorEmail();
    List<Integer> answers = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      answers.add(basicFrom("198.51.100.9", operator, "guess-" + i, "/api/v1/tenants").status());
    }
    assertThat(answers).containsOnly(401, 429).contains(429);
    assertThat(basicFrom("203.0.113.21", operator, Deployments.operatorPassword(), "/api/v1/tenants").status())
        .isEqualTo(200);
  }

  @Test
  void signInsAndFailuresAreSecurityEventsWithoutSecrets() throws Exception {
    String tenantId = Setup.tenant(base, Deployments.unique("Events"));
    var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    String wrong = "Wrong-" + Deployments.unique("pw");
    assertThat(basicFrom("192.0.2.44", cloud.email(), wrong, "/api/v1/tenants/" + tenantId).status()).isEqualTo(401);
    assertThat(basicFrom("192.0.2.45", cloud.email(), cloud.password(), "/api/v1/tenants/" + tenantId).status()).isEqualTo(200);
    var audit = cloud.http().get("/api/v1/tenants/" + tenantId + "/audit");
    assertThat(audit.body()).contains("SIGN_IN_FAILED", "192.0.2.44", "SIGN_IN", "192.0.2.45");
    String log = Files.readString(server.log());
    assertThat(log).contains("security-event=SIGN_IN_FAILED account=" + cloud.email() + " address=192.0.2.44");
    assertThat(log).doesNotContain(wrong).doesNotContain(cloud.password()).doesNotContain(Deployments.operatorPassword());
  }

  @Test
  void aTokenUsedFromANewAddressIsASecurityEvent() {
    String tenantId = Setup.tenant(base, Deployments.unique("NewAddress"));
    var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    String token = cloud.http().post("/api/v1/tenants/" + tenantId + "/scim-token", null).json().getString("token");
    for (int i = 0; i < 3; i++) {
      var call = Http.bearer(base, token).send(Http.bearer(base, token).request("/scim/v2/ServiceProviderConfig")
          .header("X-Forwarded-For", "192.0.2.77").GET());
      assertThat(call.status()).isEqualTo(200);
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(cloud.http().get("/api/v1/tenants/" + tenantId + "/audit").body())
            .contains("TOKEN_USED_FROM_NEW_ADDRESS", "192.0.2.77"));
    var audit = cloud.http().get("/api/v1/tenants/" + tenantId + "/audit").body();
    assertThat(audit.split("192.0.2.77", -1)).as("once per address").hasSize(2);
    assertThat(Files.exists(server.log())).isTrue();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(Files.readString(server.log())).contains("security-event=TOKEN_USED_FROM_NEW_ADDRESS tenant=" + tenantId));
    assertThat(uncheckedRead(server.log())).doesNotContain(token);

    // an OAuth client secret used from a new address, likewise
    var client = cloud.http().post("/api/v1/tenants/" + tenantId + "/oauth-clients", "{\"name\":\"Entra ID\"}").json();
    String basic = Base64.getEncoder().encodeToString((client.getString("clientId") + ":" + client.getString("clientSecret"))
        .getBytes(StandardCharsets.UTF_8));
    var grant = Http.anonymous(base).send(Http.anonymous(base).request("/oauth/token")
        .header("Authorization", "Basic " + basic).header("X-Forwarded-For", "192.0.2.88")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    assertThat(grant.status()).isEqualTo(200);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(cloud.http().get("/api/v1/tenants/" + tenantId + "/audit").body())
            .contains("CLIENT_SECRET_USED_FROM_NEW_ADDRESS", "192.0.2.88"));
    assertThat(uncheckedRead(server.log())).doesNotContain(client.getString("clientSecret"));
  }

  private static String uncheckedRead(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void automationUsesAPersonalApiTokenInsteadOfAPassword() throws Exception {
    String tenantId = Setup.tenant(base, Deployments.unique("ApiToken"));
    var admin = Setup.admin(base, tenantId, "ADMIN");
    var created = admin.http().post("/api/v1/me/api-tokens", "{\"name\":\"nightly export\"}");
    assertThat(created.status()).isEqualTo(201);
    String token = created.json().getString("token");
    assertThat(token).startsWith("prva_");
    var withToken = Http.bearer(base, token);
    assertThat(withToken.get("/api/v1/tenants/" + tenantId + "/users").status()).isEqualTo(200);
    assertThat(withToken.get("/api/v1/tenants/" + tenantId + "/scim-token").status()).as("acts as the ADMIN").isEqualTo(200);
    assertThat(withToken.post("/api/v1/tenants/" + tenantId + "/scim-token", null).status()).as("not a CLOUD_ADMIN").isEqualTo(403);
    var listed = admin.http().get("/api/v1/me/api-tokens");
    assertThat(listed.body()).contains("nightly export").doesNotContain(token);
    assertThat(admin.http().delete("/api/v1/me/api-tokens/" + created.json().getString("id")).status()).isEqualTo(204);
    var revoked = withToken.get("/api/v1/tenants/" + tenantId + "/users");
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.json().getString("message")).contains("revoked");
    assertThat(admin.http().get("/api/v1/tenants/" + tenantId + "/audit").body()).contains("API_TOKEN_CREATED", "API_TOKEN_REVOKED");
    assertThat(Files.readString(server.log())).doesNotContain(token);
  }

  @Test
  void aTenantSeesAndRemovesAnAdministratorTheOperatorPutIntoIt() {
    String tenantId = Setup.tenant(base, Deployments.unique("Planted"));
    var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    var planted = Setup.admin(base, tenantId, "CLOUD_ADMIN"); // the operator's own way into the tenant
    assertThat(planted.http().get("/api/v1/tenants/" + tenantId + "/users").status()).isEqualTo(200);
    var audit = cloud.http().get("/api/v1/tenants/" + tenantId + "/audit").body();
    assertThat(audit).contains("ADMINISTRATOR_CREATED", planted.email(), Deployments.operatorEmail());

    String plantedId = idOf(cloud, tenantId, planted.email());
    assertThat(cloud.http().delete("/api/v1/tenants/" + tenantId + "/administrators/" + plantedId).status()).isEqualTo(204);
    assertThat(planted.http().get("/api/v1/tenants/" + tenantId + "/users").status()).as("at once").isEqualTo(401);
    assertThat(cloud.http().get("/api/v1/tenants/" + tenantId + "/audit").body()).contains("ADMINISTRATOR_REMOVED");

    var last = cloud.http().delete("/api/v1/tenants/" + tenantId + "/administrators/" + idOf(cloud, tenantId, cloud.email()));
    assertThat(last.status()).isEqualTo(409);
    assertThat(last.json().getString("message")).contains("last CLOUD_ADMIN");
  }

  /**
   * The embedded default has no mail session: asking for a reset by email still answers 202, and a
   * CLOUD_ADMIN issues a one-time link instead, shown once in its console, which the person opens.
   */
  @Test
  void withoutMailACloudAdminHandsOverAOneTimeResetLink() throws Exception {
    String tenantId = Setup.tenant(base, Deployments.unique("NoMail"));
    var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    var person = Setup.admin(base, tenantId, "ADMIN");
    String admins = "/api/v1/tenants/" + tenantId + "/administrators";
    String personPath = admins + "/" + idOf(cloud, tenantId, person.email());
    var asked = Http.anonymous(base).post("/api/v1/password-resets", "{\"email\":\"" + person.email() + "\"}");
    assertThat(asked.status()).isEqualTo(202);
    assertThat(person.http().post(admins + "/" + idOf(cloud, tenantId, cloud.email()) + "/password-reset", null).status())
        .as("an ADMIN may not").isEqualTo(403);

    var issued = cloud.http().post(personPath + "/password-reset", null);
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    assertThat(issued.json().getString("delivery")).isEqualTo("LINK");
    String apiToken = issued.json().getString("token");
    assertThat(apiToken).startsWith("prvr_");
    assertThat(issued.json().getString("resetPath")).isEqualTo("/console/#/reset/" + apiToken);
    assertThat(issued.json().containsKey("resetUrl")).as("no public URL configured: no link from a Host header").isFalse();

    Path profile = Files.createTempDirectory("provisio-security-chromium");
    Path downloads = Files.createTempDirectory("provisio-security-downloads");
    var driver = HeadlessChromium.start(profile, downloads);
    String link;
    try {
      var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20));
      java.util.function.Function<String, org.openqa.selenium.WebElement> visible = css -> wait.until(
          org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(org.openqa.selenium.By.cssSelector(css)));
      driver.get(base + "/console/");
      visible.apply("#login-email").sendKeys(cloud.email());
      visible.apply("#login-password").sendKeys(cloud.password());
      visible.apply("#login-submit").click();
      visible.apply("a[data-nav='settings']").click();
      visible.apply("#administrators-table tr[data-admin-email='" + person.email() + "'] button[data-action='reset']").click();
      visible.apply("#reset-link-dialog");
      link = visible.apply("#reset-link").getDomProperty("value");
      assertThat(link).startsWith(base + "/console/#/reset/prvr_");
      assertThat(visible.apply("#reset-link-dialog [data-action='done']").isEnabled()).isFalse();
      visible.apply("#reset-link-dialog-ack").click();
      visible.apply("#reset-link-dialog [data-action='done']").click();
      wait.until(d -> d.findElements(org.openqa.selenium.By.id("reset-link-dialog")).isEmpty());
      assertThat((Boolean) driver.executeScript("return document.documentElement.outerHTML.includes(arguments[0])",
          link.substring(link.lastIndexOf('/') + 1))).as("shown once, then gone").isFalse();

      // the person opens the link (in this browser, signed out) and chooses a password
      visible.apply("#sign-out").click();
      visible.apply("#login-form");
      driver.get(link);
      visible.apply("#reset-password").sendKeys("handed-over-password");
      visible.apply("#reset-confirm").sendKeys("handed-over-password");
      visible.apply("#reset-submit").click();
      assertThat(visible.apply("#login-message").getText()).contains("new password is set");
    } finally {
      driver.quit();
    }
    String token = link.substring(link.lastIndexOf('/') + 1);
    assertThat(person.http().get(admins).status()).isEqualTo(401);
    assertThat(Http.basic(base, person.email(), "handed-over-password").get(admins).status()).isEqualTo(200);
    assertThat(Http.anonymous(base).post("/api/v1/password-resets/" + token, "{\"newPassword\":\"another-password-1\"}").status())
        .as("once only").isEqualTo(400);
    assertThat(Http.anonymous(base).post("/api/v1/password-resets/" + apiToken, "{\"newPassword\":\"another-password-1\"}").status())
        .as("the older link, superseded").isEqualTo(400);
    assertThat(cloud.http().get("/api/v1/tenants/" + tenantId + "/audit").body())
        .contains("PASSWORD_RESET_ISSUED", "\\\"delivery\\\":\\\"LINK\\\"", "PASSWORD_RESET\"").doesNotContain(token);
    String log = Files.readString(server.log());
    assertThat(log).doesNotContain(token).doesNotContain(apiToken).doesNotContain("handed-over-password")
        .contains("security-event=PASSWORD_RESET_ISSUED", "security-event=PASSWORD_RESET ");
  }

  private static String idOf(Setup.TenantAdmin asker, String tenantId, String email) {
    return asker.http().get("/api/v1/tenants/" + tenantId + "/administrators").array().stream()
        .map(v -> v.asJsonObject())
        .filter(a -> a.getString("email").equals(email))
        .findFirst().orElseThrow().getString("id");
  }

  @Test
  void passwordIsNeverAMappingCriterion() {
    String tenantId = Setup.tenant(base, Deployments.unique("Secret"));
    var admin = Setup.admin(base, tenantId, "ADMIN");
    String region = Setup.region(base, "HEALTHY");
    String profile = Setup.profile(admin, 0);
    for (String attribute : List.of("password", "PASSWORD", "urn:ietf:params:scim:schemas:core:2.0:User:password")) {
      var refused = admin.http().post("/api/v1/tenants/" + tenantId + "/mappings",
          "{\"name\":\"pw\",\"criterion\":{\"attribute\":\"" + attribute + "\",\"values\":[\"Carol-Okta-Password-42!\"]},"
              + "\"regionId\":\"" + region + "\",\"profileId\":\"" + profile + "\",\"quotaGb\":1,\"sendActivationEmail\":false}");
      assertThat(refused.status()).as(attribute).isEqualTo(400);
      assertThat(refused.json().getString("field")).isEqualTo("criterion.attribute");
      assertThat(refused.body()).contains("secret").doesNotContain("Carol-Okta-Password-42!");
    }
  }

  @Test
  void malformedBodiesAre400WithoutStackTraces() throws Exception {
    long logBefore = Files.size(server.log());
    String nested = "[".repeat(600) + "]".repeat(600);
    for (String body : List.of("{\"email\":" + nested + "}", "{\"email\":\"a@b.c\",\"password\":", "[1,2,3]",
        "{\"email\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}")) {
      var session = Http.anonymous(base).post("/api/v1/session", body);
      assertThat(session.status()).as(body.substring(0, Math.min(40, body.length()))).isEqualTo(400);
      assertThat(session.json().getInt("status")).isEqualTo(400);
      var operatorCall = Setup.operator(base).post("/api/v1/tenants", body);
      assertThat(operatorCall.status()).isEqualTo(400);
    }
    String written = Files.readString(server.log()).substring((int) logBefore);
    assertThat(written).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void crossSiteAndNonJsonChangesAreRefused() {
    String tenantId = Setup.tenant(base, Deployments.unique("Csrf"));
    var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    String path = "/api/v1/tenants/" + tenantId + "/scim-token";
    var form = cloud.http().send(cloud.http().request(path)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("a=b")));
    assertThat(form.status()).isEqualTo(403);
    var foreignOrigin = cloud.http().send(cloud.http().request(path).header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(foreignOrigin.status()).isEqualTo(403);
    var crossSite = cloud.http().send(cloud.http().request(path).header("Sec-Fetch-Site", "cross-site")
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(crossSite.status()).isEqualTo(403);
    var textPlain = cloud.http().send(cloud.http().request(path).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(textPlain.status()).isEqualTo(415);
    assertThat(cloud.http().get(path).json().getString("status")).as("no token was generated").isNotEqualTo("ACTIVE");
    var sameOrigin = cloud.http().send(cloud.http().request(path).header("Origin", base)
        .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(sameOrigin.status()).isEqualTo(201);
  }

  @Test
  void everyEndpointFamilyCarriesTheSecurityHeaders() {
    Map<String, Http.Answer> answers = Map.of(
        "console", Http.anonymous(base).get("/console/"),
        "admin API", Http.anonymous(base).get("/api/v1/regions"),
        "admin API signed in", Setup.operator(base).get("/api/v1/regions"),
        "SCIM", Http.bearer(base, "prv_unknown").get("/scim/v2/Users"),
        "OAuth", Http.anonymous(base).send("POST", "/oauth/token", "grant_type=client_credentials",
            "application/x-www-form-urlencoded"),
        "health", Http.anonymous(base).get("/health"),
        "unknown path", Http.anonymous(base).get("/no-such-page"));
    answers.forEach((family, answer) -> {
      assertThat(answer.header("X-Content-Type-Options")).as(family).isEqualTo("nosniff");
      assertThat(answer.header("Content-Security-Policy")).as(family).contains("frame-ancestors 'none'");
      assertThat(answer.header("Referrer-Policy")).as(family).isEqualTo("no-referrer");
      assertThat(answer.header("Cache-Control")).as(family).contains("no-store");
      assertThat(answer.header("Server")).as(family + ": no banner").isNullOrEmpty();
      assertThat(answer.header("X-Powered-By")).as(family).isNull();
      assertThat(answer.header("Strict-Transport-Security")).as(family + " over plain HTTP").isNull();
    });
    var unknown = answers.get("unknown path");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).contains("json");
    assertThat(unknown.body()).doesNotContain("<html").doesNotContain("Payara");
    var https = Http.anonymous(base).send(Http.anonymous(base).request("/health").header("X-Forwarded-Proto", "https").GET());
    assertThat(https.header("Strict-Transport-Security")).as("behind the trusted TLS proxy").contains("max-age=");
  }

  @Test
  void aSignedOutBrowserIsToldSoWithoutAnErrorAndWrongCredentialsStillAre() {
    // no session: a question with an answer (a 401 would be logged in the browser on every page load)
    var anonymous = Http.anonymous(base).send(Http.anonymous(base).request("/api/v1/session")
        .header("X-Provisio-Console", "1").GET());
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.json().getBoolean("signedIn")).isFalse();
    assertThat(anonymous.json().keySet()).containsExactly("signedIn");
    // credentials given and wrong: refused as before
    assertThat(basicFrom("203.0.113.77", Deployments.unique("nobody") + "@provisio.test", "wrong-password-123", "/api/v1/session")
        .status()).isEqualTo(401);
    // signed in: who, and whether mail can go out at all (this embedded default has no mail session)
    String body = "{\"email\":\"" + Deployments.operatorEmail() + "\",\"password\":\"" + Deployments.operatorPassword() + "\"}";
    var signIn = Http.anonymous(base).send(Http.anonymous(base).request("/api/v1/session")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(signIn.status()).isEqualTo(200);
    assertThat(signIn.json().getBoolean("signedIn")).isTrue();
    assertThat(signIn.json().getBoolean("mailConfigured")).isFalse();
  }

  @Test
  void behindTheTrustedTlsProxyTheSessionCookieIsSecure() {
    String body = "{\"email\":\"" + Deployments.operatorEmail() + "\",\"password\":\"" + Deployments.operatorPassword() + "\"}";
    var viaTls = Http.anonymous(base).send(Http.anonymous(base).request("/api/v1/session")
        .header("X-Forwarded-Proto", "https").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(viaTls.status()).isEqualTo(200);
    var sessionCookie = viaTls.response().headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID=")).toList();
    assertThat(sessionCookie).isNotEmpty().last().asString().contains("Secure").contains("HttpOnly");
    String cookies = String.join("; ", viaTls.response().headers().allValues("Set-Cookie").stream()
        .map(c -> c.split(";", 2)[0]).toList());
    var current = Http.anonymous(base).send(Http.anonymous(base).request("/api/v1/session")
        .header("Cookie", cookies).header("X-Provisio-Console", "1").GET());
    assertThat(current.status()).as("the Secure cookie carries the session").isEqualTo(200);

    var plain = Http.anonymous(base).send(Http.anonymous(base).request("/api/v1/session")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(plain.response().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")))
        .as("plain HTTP").noneMatch(c -> c.contains("Secure"));
  }

  @Test
  void theEmbeddedDefaultExposesOnlyItsHttpPort() throws Exception {
    assertThat(Http.anonymous(base).get("/api/application.wadl").status()).isEqualTo(404);
    assertThat(Http.anonymous(base).get("/metrics").status()).isIn(403, 404);
    assertThat(listeningPorts(server.pid())).as("TCP ports the process listens on").containsExactly(server.port());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(WORK.resolve("data"))))
        .isEqualTo("rwx------");
  }

  private static Set<Integer> listeningPorts(long pid) throws Exception {
    var ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ss.waitFor();
    Set<Integer> ports = new TreeSet<>();
    Pattern line = Pattern.compile("\\S+\\s+\\d+\\s+\\d+\\s+\\S*:(\\d+)\\s+.*pid=" + pid + ",");
    for (String l : out.lines().toList()) {
      Matcher m = line.matcher(l);
      if (m.find()) ports.add(Integer.parseInt(m.group(1)));
    }
    return ports;
  }
}
