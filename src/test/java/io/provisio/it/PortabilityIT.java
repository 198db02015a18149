package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The same provisio.war on every supported server (README "Servers"): for each server in turn,
 * {@code server-config/<server>/start.sh PORT} on a fresh PostgreSQL database, the same black-box
 * smoke suite against it, then {@code stop.sh PORT}. Run by {@code mvn verify -Pportability}
 * (.ci/run); {@code -Dportability.servers=wildfly,liberty} picks servers.
 *
 * <p>The suite: /health and /openapi; a tenant, an administrator and a SCIM token through the
 * admin API; SCIM create, filter, PUT, PATCH, deactivate, delete and group membership as an IdP
 * sends them; OAuth client credentials; the roles; the console's sign-in and a CSRF-protected change
 * in headless Chromium; an expiry notice reaching a real SMTP server (GreenMail).
 */
class PortabilityIT {

  private static final List<String> ALL = List.of("payara-micro", "payara-server", "glassfish", "wildfly", "liberty");
  private static final int PORT = Integer.parseInt(System.getProperty("portability.port", "8700"));
  private static final String SCIM_JSON = "application/scim+json";

  static GreenMail smtp;
  static Path logs;

  @BeforeAll
  static void start() throws IOException {
    smtp = new GreenMail(new ServerSetup(Integer.parseInt(System.getProperty("provisio.it.smtp.port")), "127.0.0.1", "smtp"));
    smtp.start();
    logs = Path.of(System.getProperty("provisio.server.dir", "target/server")).getParent().resolve("portability");
    Files.createDirectories(logs);
  }

  @AfterAll
  static void stop() {
    smtp.stop();
  }

  @TestFactory
  Stream<DynamicNode> everyServer() {
    String chosen = System.getProperty("portability.servers", "");
    List<String> servers = chosen.isBlank() ? ALL : Arrays.stream(chosen.split(",")).map(String::strip).toList();
    return servers.stream().map(server -> DynamicContainer.dynamicContainer(server, new Run(server).steps()));
  }

  /** One server's run: start, the smoke suite in order, stop (always). */
  private static final class Run {
    private final String server;
    private final String base = "http://127.0.0.1:" + PORT;
    private final String database;
    private boolean started;
    private String tenantId;
    private Setup.TenantAdmin cloud;
    private String token;

    Run(String server) {
      this.server = server;
      this.database = "provisio_portability_" + server.replace('-', '_');
    }

    Stream<DynamicTest> steps() {
      var steps = new ArrayList<DynamicTest>();
      steps.add(DynamicTest.dynamicTest("start.sh deploys the WAR and returns once /health is UP", this::start));
      steps.add(step("GET /health is UP with the database check", this::health));
      steps.add(step("GET /openapi lists every application's paths under its own prefix", this::openapi));
      steps.add(step("tenant, administrators, roles and a SCIM token through the admin API", this::adminApi));
      steps.add(step("SCIM users: create, filter, PUT, PATCH, deactivate, delete", this::scimUsers));
      steps.add(step("SCIM groups: create with a member, add and remove members", this::scimGroups));
      steps.add(step("OAuth client credentials give a SCIM access token", this::oauth));
      steps.add(step("console: sign-in cookie, and a CSRF-protected change in Chromium", this::console));
      steps.add(step("a due expiry notice reaches the SMTP server", this::notice));
      steps.add(DynamicTest.dynamicTest("stop.sh stops the server", this::stop));
      return steps.stream();
    }

    private DynamicTest step(String name, ThrowingStep body) {
      return DynamicTest.dynamicTest(name, () -> {
        assertThat(started).as(server + " did not start; see " + logs.resolve(server + ".log")).isTrue();
        body.run();
      });
    }

    // ------------------------------------------------------------ start and stop

    void start() throws Exception {
      recreateDatabase();
      var process = script("start.sh");
      started = process == 0;
      assertThat(process).as("start.sh " + PORT + " exit status; its output: " + logs.resolve(server + ".log")).isZero();
    }

    void stop() throws Exception {
      assertThat(script("stop.sh")).as("stop.sh exit status; output in " + logs.resolve(server + ".log")).isZero();
      assertThat(reachable()).as("nothing answers on port " + PORT + " after stop.sh").isFalse();
    }

    private int script(String name) throws IOException, InterruptedException {
      var builder = new ProcessBuilder("bash", "server-config/" + server + "/" + name, String.valueOf(PORT))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(server + ".log").toFile()));
      Map<String, String> env = builder.environment();
      env.put("PROVISIO_DB_NAME", database);
      env.put("PROVISIO_WAR", System.getProperty("provisio.war"));
      var process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    }

    private boolean reachable() {
      try (var socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", PORT), 1000);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private void recreateDatabase() throws SQLException {
      String url = System.getProperty("provisio.it.pg.url").replaceAll("/[^/]*$", "/postgres");
      try (var connection = DriverManager.getConnection(url, System.getenv("PROVISIO_DB_USER"), System.getenv("PROVISIO_DB_PASSWORD"));
          var statement = connection.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        statement.execute("CREATE DATABASE " + database);
      }
    }

    // ------------------------------------------------------------ the suite

    void health() {
      var health = Http.anonymous(base).get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().getString("status")).isEqualTo("UP");
      assertThat(health.body()).contains("\"database\"");
    }

    void openapi() {
      var answer = Http.anonymous(base).get("/openapi", "application/json");
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      var paths = answer.json().getJsonObject("paths").keySet();
      assertThat(paths)
          .contains("/api/v1/tenants", "/api/v1/tenants/{tenantId}/administrators", "/scim/v2/Users",
              "/scim/v2/Users/{id}", "/scim/v2/Groups/{id}", "/oauth/token")
          .allMatch(p -> p.startsWith("/api/v1/") || p.startsWith("/scim/v2/") || p.equals("/oauth/token"), "under its own prefix");
    }

    void adminApi() {
      var anonymous = Http.anonymous(base).get("/api/v1/tenants");
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.json().getString("message")).isNotBlank();
      tenantId = Setup.tenant(base, Deployments.unique("Portable"));
      cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
      var reader = Setup.admin(base, tenantId, "READ_ONLY");
      String tenant = "/api/v1/tenants/" + tenantId;
      assertThat(reader.http().get(tenant + "/profiles").status()).isEqualTo(200);
      assertThat(reader.http().post(tenant + "/profiles", "{\"name\":\"nope\",\"maxUsers\":0}").status())
          .as("READ_ONLY may not write").isEqualTo(403);
      assertThat(cloud.http().patch(tenant + "/settings", "{\"userManagementMode\":\"SCIM\"}").status()).isEqualTo(200);
      Setup.allUsersMapping(base, cloud);
      var generated = cloud.http().post(tenant + "/scim-token", null);
      assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
      token = generated.json().getString("token");
      assertThat(Http.bearer(base, token).get("/scim/v2/ServiceProviderConfig").status()).isEqualTo(200);
      assertThat(Http.bearer(base, "not-a-token").get("/scim/v2/Users").status()).isEqualTo(401);
    }

    void scimUsers() {
      var idp = Http.bearer(base, token);
      String userName = Deployments.unique("ada") + "@acme.example";
      var created = idp.send("POST", "/scim/v2/Users", """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"ext-%s",
           "name":{"givenName":"Ada","familyName":"Lovelace"},"active":true,
           "emails":[{"value":"%s","type":"work","primary":true}]}""".formatted(userName, userName, userName), SCIM_JSON);
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      String id = created.json().getString("id");
      assertThat(created.header("Location")).endsWith("/scim/v2/Users/" + id);

      var filtered = idp.get("/scim/v2/Users?filter=" + java.net.URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8));
      assertThat(filtered.status()).isEqualTo(200);
      assertThat(filtered.json().getInt("totalResults")).isEqualTo(1);

      var replaced = idp.send("PUT", "/scim/v2/Users/" + id, """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"ext-%s",
           "name":{"givenName":"Ada","familyName":"King"},"active":true,"title":"Countess",
           "emails":[{"value":"%s","type":"work","primary":true}]}""".formatted(userName, userName, userName), SCIM_JSON);
      assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
      assertThat(replaced.json().getJsonObject("name").getString("familyName")).isEqualTo("King");

      var patched = idp.send("PATCH", "/scim/v2/Users/" + id, """
          {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations":[{"op":"replace","path":"title","value":"Analyst"}]}""", SCIM_JSON);
      assertThat(patched.status()).as(patched.toString()).isIn(200, 204);
      assertThat(idp.get("/scim/v2/Users/" + id).json().getString("title")).isEqualTo("Analyst");

      var deactivated = idp.send("PATCH", "/scim/v2/Users/" + id, """
          {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations":[{"op":"replace","value":{"active":false}}]}""", SCIM_JSON);
      assertThat(deactivated.status()).as(deactivated.toString()).isIn(200, 204);
      assertThat(idp.get("/scim/v2/Users/" + id).json().getBoolean("active")).isFalse();

      assertThat(idp.delete("/scim/v2/Users/" + id).status()).isEqualTo(204);
      assertThat(idp.get("/scim/v2/Users/" + id).status()).isEqualTo(404);
      var log = cloud.http().get("/api/v1/tenants/" + tenantId + "/provisioning-log");
      assertThat(log.status()).isEqualTo(200);
      assertThat(log.body()).contains(userName);
    }

    void scimGroups() {
      var idp = Http.bearer(base, token);
      String first = user(idp, "grace");
      String second = user(idp, "alan");
      var group = idp.send("POST", "/scim/v2/Groups", """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
           "members":[{"value":"%s"}]}""".formatted(Deployments.unique("Engineering"), first), SCIM_JSON);
      assertThat(group.status()).as(group.toString()).isEqualTo(201);
      String id = group.json().getString("id");
      var added = idp.send("PATCH", "/scim/v2/Groups/" + id, """
          {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(second), SCIM_JSON);
      assertThat(added.status()).as(added.toString()).isIn(200, 204);
      assertThat(idp.get("/scim/v2/Groups/" + id).body()).contains(first, second);
      var removed = idp.send("PATCH", "/scim/v2/Groups/" + id, """
          {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(first), SCIM_JSON);
      assertThat(removed.status()).as(removed.toString()).isIn(200, 204);
      assertThat(idp.get("/scim/v2/Groups/" + id).body()).contains(second).doesNotContain(first);
      assertThat(idp.delete("/scim/v2/Groups/" + id).status()).isEqualTo(204);
    }

    private String user(Http idp, String name) {
      String userName = Deployments.unique(name) + "@acme.example";
      var created = idp.send("POST", "/scim/v2/Users", """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
           "emails":[{"value":"%s","primary":true}]}""".formatted(userName, userName), SCIM_JSON);
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      return created.json().getString("id");
    }

    void oauth() {
      var client = cloud.http().post("/api/v1/tenants/" + tenantId + "/oauth-clients", "{\"name\":\"Entra ID\"}");
      assertThat(client.status()).as(client.toString()).isEqualTo(201);
      String credentials = client.json().getString("clientId") + ":" + client.json().getString("clientSecret");
      var answer = Http.anonymous(base).send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      String accessToken = answer.json().getString("access_token");
      assertThat(Http.bearer(base, accessToken).get("/scim/v2/Users?count=1").status()).isEqualTo(200);
    }

    void console() throws IOException {
      Path profile = Files.createTempDirectory("provisio-portability-chromium");
      Path downloads = Files.createTempDirectory("provisio-portability-downloads");
      ChromeDriver driver = HeadlessChromium.start(profile, downloads);
      try {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        driver.get(base + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-email"))).sendKeys(cloud.email());
        driver.findElement(By.id("login-password")).sendKeys(cloud.password());
        driver.findElement(By.id("login-submit")).click();
        wait.until(d -> cloud.email().equals(d.findElement(By.id("who-email")).getText()));

        var cookie = driver.manage().getCookieNamed("JSESSIONID");
        assertThat(cookie).as("the session cookie").isNotNull();
        assertThat(cookie.isHttpOnly()).as("HttpOnly").isTrue();
        assertThat(cookie.getSameSite()).as("SameSite").isEqualTo("Strict");

        // a change through the console (session cookie + X-CSRF-Token), seen through the API
        String name = Deployments.unique("console-profile");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-nav='profiles']"))).click();
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#new-profile-form input[name='name']")));
        field.sendKeys(name);
        driver.findElement(By.cssSelector("#new-profile-form input[name='maxUsers']")).sendKeys("5");
        driver.findElement(By.id("create-profile")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#profiles-table tr[data-profile-name='" + name + "']")));
        assertThat(cloud.http().get("/api/v1/tenants/" + tenantId + "/profiles").body()).contains(name);
      } finally {
        driver.quit();
        for (Path dir : new Path[] {profile, downloads}) {
          try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
      // without the CSRF token, the same session may not change anything
      var session = Http.anonymous(base).send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"email\":\"" + cloud.email() + "\",\"password\":\"" + cloud.password() + "\"}")));
      assertThat(session.status()).as(session.toString()).isEqualTo(200);
      String setCookie = session.response().headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("JSESSIONID=")).reduce((a, b) -> b).orElseThrow();
      assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
      var forged = Http.anonymous(base).send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants/" + tenantId + "/profiles"))
          .header("Content-Type", "application/json")
          .header("Cookie", setCookie.split(";", 2)[0])
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"forged\",\"maxUsers\":0}")));
      assertThat(forged.status()).as(forged.toString()).isIn(401, 403);
      assertThat(cloud.http().get("/api/v1/tenants/" + tenantId + "/profiles").body()).doesNotContain("forged");
    }

    void notice() throws Exception {
      String url = System.getProperty("provisio.it.pg.url").replaceAll("/[^/]*$", "/" + database);
      try (var connection = DriverManager.getConnection(url, System.getenv("PROVISIO_DB_USER"), System.getenv("PROVISIO_DB_PASSWORD"));
          var update = connection.prepareStatement(
              "UPDATE scim_token SET expires_at = ? WHERE tenant_id = ? AND kind = 'GENERATED' AND revoked_at IS NULL")) {
        update.setTimestamp(1, Timestamp.from(Instant.now().plus(Duration.ofDays(6)).plusSeconds(3600)));
        update.setString(2, tenantId);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      var run = Setup.operator(base).post("/api/v1/notices/run", null);
      assertThat(run.status()).as(run.toString()).isEqualTo(200);
      var mails = Mailbox.mailsTo(smtp, cloud.email(), "expires in 6 days");
      assertThat(mails).hasSize(1);
      assertThat(GreenMailUtil.getBody(mails.get(0))).contains("Days left: 6").doesNotContain(token);
    }
  }

  @FunctionalInterface
  private interface ThrowingStep {
    void run() throws Exception;
  }
}
