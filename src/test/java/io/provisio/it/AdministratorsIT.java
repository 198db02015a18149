package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The lifecycle of administrators and account security (issue 16), against one Payara Micro of
 * the test's own with a mail session on GreenMail and {@code provisio.public-url} set, so that
 * reset mails carry a link and the server's whole log can be searched for secrets: role changes,
 * disabling, removal and unlock with the roles that may and may not, the last active CLOUD_ADMIN
 * under concurrent demotions, one's own password, password resets by email (once only), operators,
 * and the audit trail of each. The cluster-wide effect is in {@code ClusterIT}, the console's
 * flows in {@code ConsoleIT}, the reset link shown where no mail is configured in {@code SecurityIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdministratorsIT {

  private static final Path WORK = PayaraMicroProcess.workDir("administrators-it");
  private static final Pattern RESET_LINK = Pattern.compile("(\\S+/console/#/reset/)(prvr_[A-Za-z0-9_-]+)");
  /** Every password and token the tests used: none may appear in the server's log. */
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private static GreenMail smtp;
  private static PayaraMicroProcess server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    List<Integer> ports = PayaraMicroProcess.freePorts(2);
    smtp = new GreenMail(new ServerSetup(ports.get(0), "127.0.0.1", "smtp"));
    smtp.start();
    int port = ports.get(1);
    server = PayaraMicroProcess.start(WORK, Map.of(
        "PROVISIO_SMTP_PORT", String.valueOf(ports.get(0)),
        "PROVISIO_PUBLIC_URL", "http://localhost:" + port,
        // the tests play clients at several addresses through X-Forwarded-For
        "PROVISIO_TRUSTED_PROXIES", "127.0.0.1",
        "PROVISIO_LOGIN_FREE_FAILURES_PER_ADDRESS", "1000"), port);
    base = server.base();
    SECRETS.add(Deployments.operatorPassword());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (smtp != null) smtp.stop();
  }

  // ---------------------------------------------------------------- helpers

  private record Tenant(String id, Setup.TenantAdmin cloud) {
    String admins() {
      return "/api/v1/tenants/" + id + "/administrators";
    }
  }

  private static Tenant tenant() {
    String id = Setup.tenant(base, Deployments.unique("Lifecycle"));
    return new Tenant(id, admin(id, "CLOUD_ADMIN"));
  }

  private static Setup.TenantAdmin admin(String tenantId, String role) {
    var admin = Setup.admin(base, tenantId, role);
    SECRETS.add(admin.password());
    return admin;
  }

  private static String idOf(Tenant t, String email) {
    return t.cloud().http().get(t.admins()).array().stream()
        .map(v -> v.asJsonObject())
        .filter(a -> a.getString("email").equals(email))
        .findFirst().orElseThrow().getString("id");
  }

  private static JsonObject entry(Tenant t, String email) {
    return Setup.operator(base).get(t.admins()).array().stream()
        .map(v -> v.asJsonObject())
        .filter(a -> a.getString("email").equals(email))
        .findFirst().orElseThrow();
  }

  private static String audit(Tenant t) {
    return Setup.operator(base).get("/api/v1/tenants/" + t.id() + "/audit?limit=500").body();
  }

  /** A call as if from {@code address}, through the trusted proxy. */
  private static Http.Answer from(String address, Http http, String method, String path, String body) {
    var request = http.request(path).header("X-Forwarded-For", address);
    if (body != null) request.header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request);
  }

  private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

  /** A client address no other call of this run used. */
  private static String address() {
    int n = ADDRESSES.incrementAndGet();
    return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
  }

  /** A console sign-in: its cookie and CSRF token. */
  private record Console(String cookies, String csrf) {
    Http.Answer get(String path) {
      var http = Http.anonymous(base);
      return http.send(http.request(path).header("Cookie", cookies).header("X-Provisio-Console", "1").GET());
    }

    Http.Answer send(String method, String path, String body) {
      var http = Http.anonymous(base);
      var request = http.request(path).header("Cookie", cookies).header("X-CSRF-Token", csrf)
          .header("X-Provisio-Console", "1");
      if (body != null) request.header("Content-Type", "application/json");
      return http.send(request.method(method,
          body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }
  }

  private static Console console(String email, String password) {
    var signIn = Http.anonymous(base).post("/api/v1/session",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(signIn.status()).as(signIn.toString()).isEqualTo(200);
    String cookies = signIn.response().headers().allValues("Set-Cookie").stream()
        .map(c -> c.split(";", 2)[0]).collect(Collectors.joining("; "));
    return new Console(cookies, signIn.json().getString("csrfToken"));
  }

  private static List<String> resetLinks(String recipient) throws Exception {
    List<String> links = new ArrayList<>();
    for (var mail : Mailbox.mailsTo(smtp, recipient, "reset your password")) {
      Matcher m = RESET_LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "="));
      if (m.find()) links.add(m.group(0));
    }
    return links;
  }

  private static String tokenOf(String link) {
    String token = link.substring(link.lastIndexOf('/') + 1);
    SECRETS.add(token);
    return token;
  }

  private static String awaitResetLink(String recipient, int count) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> resetLinks(recipient).size() >= count);
    try {
      return resetLinks(recipient).get(count - 1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- the tests

  @Test
  @Order(1)
  void onlyTheTenantsCloudAdminAndTheOperatorManageAdministrators() {
    var t = tenant();
    var admin = admin(t.id(), "ADMIN");
    var reader = admin(t.id(), "READ_ONLY");
    var target = admin(t.id(), "READ_ONLY");
    String targetPath = t.admins() + "/" + idOf(t, target.email());

    for (var refused : List.of(admin, reader)) {
      assertThat(refused.http().patch(targetPath, "{\"role\":\"ADMIN\"}").status()).as(refused.email()).isEqualTo(403);
      assertThat(refused.http().patch(targetPath, "{\"disabled\":true}").status()).isEqualTo(403);
      assertThat(refused.http().delete(targetPath).status()).isEqualTo(403);
      assertThat(refused.http().post(targetPath + "/unlock", null).status()).isEqualTo(403);
      assertThat(refused.http().post(targetPath + "/password-reset", null).status()).isEqualTo(403);
      assertThat(refused.http().get("/api/v1/operators").status()).isEqualTo(403);
      assertThat(refused.http().get("/api/v1/audit").status()).isEqualTo(403);
      // but every administrator reads the list, with each one's state
      var list = refused.http().get(t.admins());
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).contains("\"disabled\":false", "\"backingOff\":false").doesNotContain("password");
    }
    assertThat(t.cloud().http().get("/api/v1/operators").status()).isEqualTo(403);
    assertThat(t.cloud().http().post("/api/v1/operators", "{\"email\":\"x@example.com\",\"password\":\"long-enough-pass\"}").status())
        .isEqualTo(403);

    // another tenant's CLOUD_ADMIN finds nothing there
    var stranger = tenant();
    assertThat(stranger.cloud().http().patch(targetPath, "{\"role\":\"ADMIN\"}").status()).isEqualTo(404);
    assertThat(stranger.cloud().http().delete(targetPath).status()).isEqualTo(404);
    assertThat(stranger.cloud().http().post(targetPath + "/unlock", null).status()).isEqualTo(404);
    // and an administrator of the tenant, under another tenant's path, is not found either
    assertThat(stranger.cloud().http().patch(stranger.admins() + "/" + idOf(t, target.email()), "{\"role\":\"ADMIN\"}").status())
        .isEqualTo(404);

    // refusals that say what to fix
    var cloud = t.cloud().http();
    var badRole = cloud.patch(targetPath, "{\"role\":\"GOD\"}");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.json().getString("field")).isEqualTo("role");
    assertThat(cloud.patch(targetPath, "{\"role\":\"PLATFORM_OPERATOR\"}").json().getString("field")).isEqualTo("role");
    var badFlag = cloud.patch(targetPath, "{\"disabled\":\"yes\"}");
    assertThat(badFlag.status()).isEqualTo(400);
    assertThat(badFlag.json().getString("field")).isEqualTo("disabled");
    assertThat(cloud.patch(targetPath, "{}").status()).isEqualTo(400);
    assertThat(cloud.patch(t.admins() + "/no-such-admin", "{\"role\":\"ADMIN\"}").status()).isEqualTo(404);

    // the CLOUD_ADMIN does each; so does the operator
    var promoted = cloud.patch(targetPath, "{\"role\":\"ADMIN\"}");
    assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
    assertThat(promoted.json().getString("role")).isEqualTo("ADMIN");
    assertThat(Setup.operator(base).patch(targetPath, "{\"role\":\"CLOUD_ADMIN\",\"disabled\":true}").json().toString())
        .contains("\"role\":\"CLOUD_ADMIN\"", "\"disabled\":true");
    assertThat(Setup.operator(base).post(targetPath + "/unlock", null).status()).isEqualTo(200);
    assertThat(cloud.delete(targetPath).status()).isEqualTo(204);
    assertThat(cloud.delete(targetPath).status()).isEqualTo(404);

    String trail = audit(t);
    assertThat(trail).contains("ADMINISTRATOR_ROLE_CHANGED", "ADMINISTRATOR_DISABLED", "ADMINISTRATOR_UNLOCKED",
        "ADMINISTRATOR_REMOVED", t.cloud().email(), Deployments.operatorEmail());
  }

  @Test
  @Order(2)
  void aRoleChangeOrDisablingHoldsForBasicApiTokensAndConsoleSessionsOnTheNextRequest() {
    var t = tenant();
    var person = admin(t.id(), "ADMIN");
    String path = t.admins() + "/" + idOf(t, person.email());
    String profiles = "/api/v1/tenants/" + t.id() + "/profiles";
    String token = person.http().post("/api/v1/me/api-tokens", "{\"name\":\"script\"}").json().getString("token");
    SECRETS.add(token);
    var script = Http.bearer(base, token);
    var console = console(person.email(), person.password());
    // each way in works, and HTTP Basic has its verification cached
    assertThat(person.http().post(profiles, "{\"name\":\"" + Deployments.unique("p") + "\"}").status()).isEqualTo(201);
    assertThat(script.get(profiles).status()).isEqualTo(200);
    assertThat(console.get(profiles).status()).isEqualTo(200);

    // demoted to READ_ONLY: restricted at once, the console session ended
    assertThat(t.cloud().http().patch(path, "{\"role\":\"READ_ONLY\"}").status()).isEqualTo(200);
    assertThat(person.http().post(profiles, "{\"name\":\"" + Deployments.unique("p") + "\"}").status()).isEqualTo(403);
    assertThat(person.http().get(profiles).status()).isEqualTo(200);
    assertThat(script.post(profiles, "{\"name\":\"" + Deployments.unique("p") + "\"}").status()).isEqualTo(403);
    var ended = console.get(profiles);
    assertThat(ended.status()).isEqualTo(401);
    assertThat(ended.json().getString("message")).contains("session has ended");

    // promoted to CLOUD_ADMIN: at once too
    assertThat(t.cloud().http().patch(path, "{\"role\":\"CLOUD_ADMIN\"}").status()).isEqualTo(200);
    assertThat(person.http().patch("/api/v1/tenants/" + t.id() + "/settings", "{\"userManagementMode\":\"MANUAL\"}").status())
        .isEqualTo(200);

    // disabled: refused exactly as an unknown account, by every way in
    var again = console(person.email(), person.password());
    var disabled = t.cloud().http().patch(path, "{\"disabled\":true}");
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json().getBoolean("disabled")).isTrue();
    var refused = person.http().get(profiles);
    var unknown = Http.basic(base, Deployments.unique("nobody") + "@example.com", person.password()).get(profiles);
    assertThat(refused.status()).isEqualTo(401).isEqualTo(unknown.status());
    assertThat(refused.body()).isEqualTo(unknown.body());
    assertThat(script.get(profiles).status()).isEqualTo(401);
    assertThat(again.get(profiles).status()).isEqualTo(401);
    var signIn = Http.anonymous(base).post("/api/v1/session",
        "{\"email\":\"" + person.email() + "\",\"password\":\"" + person.password() + "\"}");
    assertThat(signIn.status()).isEqualTo(401);
    assertThat(signIn.json().getString("message")).isEqualTo("Wrong email or password.");

    // enabled again: the same password and token work
    var enabled = t.cloud().http().patch(path, "{\"disabled\":false}");
    assertThat(enabled.json().getBoolean("disabled")).isFalse();
    assertThat(person.http().get(profiles).status()).isEqualTo(200);
    assertThat(script.get(profiles).status()).isEqualTo(200);

    // removed: nothing works, on the next request
    var third = console(person.email(), person.password());
    assertThat(t.cloud().http().delete(path).status()).isEqualTo(204);
    assertThat(person.http().get(profiles).status()).isEqualTo(401);
    assertThat(script.get(profiles).status()).isEqualTo(401);
    var who = third.get("/api/v1/session");
    assertThat(who.status()).as("a signed-out browser is answered, not refused").isEqualTo(200);
    assertThat(who.json().getBoolean("signedIn")).as("the removed administrator's session has ended").isFalse();
    assertThat(who.json().containsKey("email")).isFalse();

    String trail = audit(t);
    assertThat(trail).contains("ADMINISTRATOR_ROLE_CHANGED", "\\\"role\\\":\\\"READ_ONLY\\\"", "ADMINISTRATOR_DISABLED",
        "ADMINISTRATOR_ENABLED", "ADMINISTRATOR_REMOVED");
  }

  @Test
  @Order(3)
  void theLastActiveCloudAdminCannotBeDemotedDisabledOrRemoved() {
    var t = tenant();
    String self = t.admins() + "/" + idOf(t, t.cloud().email());
    for (var attempt : List.of(
        t.cloud().http().patch(self, "{\"role\":\"ADMIN\"}"),
        t.cloud().http().patch(self, "{\"disabled\":true}"),
        t.cloud().http().delete(self),
        Setup.operator(base).patch(self, "{\"role\":\"READ_ONLY\"}"),
        Setup.operator(base).delete(self))) {
      assertThat(attempt.status()).as(attempt.toString()).isEqualTo(409);
      assertThat(attempt.json().getString("message")).contains("last CLOUD_ADMIN", "make another administrator CLOUD_ADMIN first");
    }
    // a disabled CLOUD_ADMIN does not count: it cannot sign in
    var second = admin(t.id(), "CLOUD_ADMIN");
    String secondPath = t.admins() + "/" + idOf(t, second.email());
    assertThat(t.cloud().http().patch(secondPath, "{\"disabled\":true}").status()).isEqualTo(200);
    assertThat(t.cloud().http().patch(self, "{\"role\":\"ADMIN\"}").status()).isEqualTo(409);
    // with another active one, a CLOUD_ADMIN may step down itself
    assertThat(t.cloud().http().patch(secondPath, "{\"disabled\":false}").status()).isEqualTo(200);
    assertThat(t.cloud().http().patch(self, "{\"role\":\"ADMIN\"}").status()).isEqualTo(200);
    assertThat(t.cloud().http().patch(self, "{\"role\":\"CLOUD_ADMIN\"}").status()).as("no longer a CLOUD_ADMIN").isEqualTo(403);
    assertThat(entry(t, t.cloud().email()).getString("role")).isEqualTo("ADMIN");
  }

  @Test
  @Order(4)
  void twoConcurrentDemotionsNeverLeaveATenantWithoutAnActiveCloudAdmin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 6; round++) {
        var t = tenant();
        var other = admin(t.id(), "CLOUD_ADMIN");
        String first = t.admins() + "/" + idOf(t, t.cloud().email());
        String second = t.admins() + "/" + idOf(t, other.email());
        // even rounds: the operator demotes (or disables) both at once; odd rounds: each demotes the other
        boolean byOperator = round % 2 == 0;
        Http a = byOperator ? Setup.operator(base) : t.cloud().http();
        Http b = byOperator ? Setup.operator(base) : other.http();
        String change = round % 4 == 2 ? "{\"disabled\":true}" : "{\"role\":\"READ_ONLY\"}";
        // sign-ins verified (and cached) beforehand, so that both changes reach the database together
        assertThat(a.get(t.admins()).status()).isEqualTo(200);
        assertThat(b.get(t.admins()).status()).isEqualTo(200);
        var go = new CountDownLatch(1);
        Future<Http.Answer> one = pool.submit(() -> { go.await(); return a.patch(second, change); });
        Future<Http.Answer> two = pool.submit(() -> { go.await(); return b.patch(first, change); });
        go.countDown();
        List<Http.Answer> answers = List.of(one.get(), two.get());
        assertThat(answers.stream().filter(x -> x.status() == 200)).as(answers.toString()).hasSize(1);
        assertThat(answers.stream().filter(x -> x.status() == 409 || x.status() == 403)).as(answers.toString()).hasSize(1);
        var active = Setup.operator(base).get(t.admins()).array().stream().map(v -> v.asJsonObject())
            .filter(x -> x.getString("role").equals("CLOUD_ADMIN") && !x.getBoolean("disabled")).count();
        assertThat(active).as("round " + round + ": " + answers).isEqualTo(1);
        System.out.printf("concurrent demotions, round %d (%s, %s): %d and %d%n", round,
            byOperator ? "the operator demotes both" : "each demotes the other", change,
            answers.get(0).status(), answers.get(1).status());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(5)
  void anAdministratorChangesItsOwnPasswordAndAWrongCurrentOneCountsAsAFailedSignIn() {
    var t = tenant();
    var person = admin(t.id(), "READ_ONLY");
    String me = "/api/v1/me/password";
    String fresh = "fresh-" + Deployments.unique("pw");
    SECRETS.add(fresh);
    var elsewhere = console(person.email(), person.password());
    var here = console(person.email(), person.password());

    var weak = person.http().put(me, "{\"currentPassword\":\"" + person.password() + "\",\"newPassword\":\"short\"}");
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.json().getString("field")).isEqualTo("newPassword");
    String address = address();
    var wrong = from(address(), person.http(), "PUT", me, "{\"currentPassword\":\"not-it\",\"newPassword\":\"" + fresh + "\"}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().getString("field")).isEqualTo("currentPassword");
    assertThat(wrong.json().getString("message")).isEqualTo("The current password is wrong.");
    SignInBackoff.atLeast(Duration.ofSeconds(4), () -> from(address, person.http(), "PUT", me,
        "{\"currentPassword\":\"not-it-" + System.nanoTime() + "\",\"newPassword\":\"" + fresh + "\"}"));
    var backingOff = from(address, person.http(), "PUT", me,
        "{\"currentPassword\":\"" + person.password() + "\",\"newPassword\":\"" + fresh + "\"}");
    assertThat(backingOff.status()).as("counted as failed sign-ins").isEqualTo(429);
    assertThat(backingOff.header("Retry-After")).isNotNull();
    assertThat(audit(t)).contains("SIGN_IN_FAILED", address);

    var same = here.send("PUT", me, "{\"currentPassword\":\"" + person.password() + "\",\"newPassword\":\"" + person.password() + "\"}");
    assertThat(same.status()).isEqualTo(400);
    var changed = here.send("PUT", me, "{\"currentPassword\":\"" + person.password() + "\",\"newPassword\":\"" + fresh + "\"}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
    assertThat(person.http().get(t.admins()).status()).as("the old password, at once").isEqualTo(401);
    assertThat(Http.basic(base, person.email(), fresh).get(t.admins()).status()).isEqualTo(200);
    assertThat(elsewhere.get(t.admins()).status()).as("the other console session ended").isEqualTo(401);
    assertThat(here.get(t.admins()).status()).as("the session that changed it goes on").isEqualTo(200);
    assertThat(audit(t)).contains("PASSWORD_CHANGED");

    // the operator too: a second operator changes its own password
    String opEmail = Deployments.unique("op") + "@provisio.test";
    String opPassword = "op-" + Deployments.unique("pw");
    String opNew = "op-new-" + Deployments.unique("pw");
    SECRETS.addAll(List.of(opPassword, opNew));
    assertThat(Setup.operator(base).post("/api/v1/operators", "{\"email\":\"" + opEmail + "\",\"password\":\"" + opPassword + "\"}").status())
        .isEqualTo(201);
    assertThat(Http.basic(base, opEmail, opPassword).put(me, "{\"currentPassword\":\"" + opPassword + "\",\"newPassword\":\"" + opNew + "\"}").status())
        .isEqualTo(204);
    assertThat(Http.basic(base, opEmail, opNew).get("/api/v1/operators").status()).isEqualTo(200);
    assertThat(Setup.operator(base).get("/api/v1/audit?limit=500").body()).contains("PASSWORD_CHANGED", opEmail, "OPERATOR_CREATED");
  }

  @Test
  @Order(6)
  void aPasswordResetByEmailWorksOnceAndRevealsNothing() throws Exception {
    var t = tenant();
    var person = admin(t.id(), "ADMIN");
    String unknown = Deployments.unique("nobody") + "@example.com";
    var console = console(person.email(), person.password());

    long started = System.nanoTime();
    var known = Http.anonymous(base).post("/api/v1/password-resets", "{\"email\":\"" + person.email().toUpperCase() + "\"}");
    long knownMillis = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    var stranger = Http.anonymous(base).post("/api/v1/password-resets", "{\"email\":\"" + unknown + "\"}");
    long strangerMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(known.status()).isEqualTo(202).isEqualTo(stranger.status());
    assertThat(known.body()).isEqualTo(stranger.body());
    assertThat(List.of(knownMillis, strangerMillis)).allMatch(ms -> ms >= 950);

    String link = awaitResetLink(person.email(), 1);
    assertThat(link).startsWith(base + "/console/#/reset/prvr_");
    String token = tokenOf(link);
    assertThat(Mailbox.mailsTo(smtp, unknown, "reset")).isEmpty();
    var mail = Mailbox.mailsTo(smtp, person.email(), "reset your password").get(0);
    assertThat(GreenMailUtil.getBody(mail)).contains("works once").doesNotContain(person.password());

    // a weak password does not spend the link; the right one sets it, once
    var weak = Http.anonymous(base).post("/api/v1/password-resets/" + token, "{\"newPassword\":\"short\"}");
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.json().getString("field")).isEqualTo("newPassword");
    String chosen = "chosen-" + Deployments.unique("pw");
    SECRETS.add(chosen);
    var used = Http.anonymous(base).post("/api/v1/password-resets/" + token, "{\"newPassword\":\"" + chosen + "\"}");
    assertThat(used.status()).as(used.toString()).isEqualTo(200);
    assertThat(used.json().getString("email")).isEqualTo(person.email());
    var twice = Http.anonymous(base).post("/api/v1/password-resets/" + token, "{\"newPassword\":\"" + chosen + "-2\"}");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().getString("field")).isEqualTo("token");
    assertThat(twice.json().getString("message")).contains("not valid", "Ask for a new one");

    assertThat(person.http().get(t.admins()).status()).as("the old password").isEqualTo(401);
    assertThat(Http.basic(base, person.email(), chosen).get(t.admins()).status()).isEqualTo(200);
    assertThat(console.get(t.admins()).status()).as("every console session ended").isEqualTo(401);

    // only the newest link works; an expired one does not
    Http.anonymous(base).post("/api/v1/password-resets", "{\"email\":\"" + person.email() + "\"}");
    String older = tokenOf(awaitResetLink(person.email(), 2));
    Http.anonymous(base).post("/api/v1/password-resets", "{\"email\":\"" + person.email() + "\"}");
    String newest = tokenOf(awaitResetLink(person.email(), 3));
    assertThat(Http.anonymous(base).post("/api/v1/password-resets/" + older, "{\"newPassword\":\"" + chosen + "-3\"}").status())
        .isEqualTo(400);
    expireResetsOf(person.email());
    assertThat(Http.anonymous(base).post("/api/v1/password-resets/" + newest, "{\"newPassword\":\"" + chosen + "-4\"}").status())
        .isEqualTo(400);
    // at most three mails an hour per account: the fourth request mails nothing, and says the same
    var fourth = Http.anonymous(base).post("/api/v1/password-resets", "{\"email\":\"" + person.email() + "\"}");
    assertThat(fourth.body()).isEqualTo(stranger.body());
    Thread.sleep(3_000);
    assertThat(resetLinks(person.email())).hasSize(3);

    // a disabled account gets no mail
    var off = admin(t.id(), "READ_ONLY");
    t.cloud().http().patch(t.admins() + "/" + idOf(t, off.email()), "{\"disabled\":true}");
    assertThat(Http.anonymous(base).post("/api/v1/password-resets", "{\"email\":\"" + off.email() + "\"}").status()).isEqualTo(202);
    Thread.sleep(3_000);
    assertThat(resetLinks(off.email())).isEmpty();

    assertThat(audit(t)).contains("PASSWORD_RESET_REQUESTED", "PASSWORD_RESET\"").doesNotContain(token, newest);
  }

  private static void expireResetsOf(String email) throws Exception {
    try (var db = Database.connect();
        var update = db.prepareStatement("UPDATE password_reset SET expires_at = ? WHERE administrator_id ="
            + " (SELECT id FROM administrator WHERE email_lower = ?)")) {
      update.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
      update.setString(2, email.toLowerCase(java.util.Locale.ROOT));
      assertThat(update.executeUpdate()).isPositive();
    }
  }

  @Test
  @Order(7)
  void aCloudAdminIssuesAResetThatIsMailedToThePersonNotShownToTheIssuer() throws Exception {
    var t = tenant();
    var person = admin(t.id(), "ADMIN");
    String path = t.admins() + "/" + idOf(t, person.email()) + "/password-reset";
    var issued = t.cloud().http().post(path, null);
    assertThat(issued.status()).as(issued.toString()).isEqualTo(202);
    assertThat(issued.json().getString("delivery")).isEqualTo("EMAIL");
    assertThat(issued.body()).doesNotContain("prvr_");
    String link = awaitResetLink(person.email(), 1);
    var mail = Mailbox.mailsTo(smtp, person.email(), "reset your password").get(0);
    assertThat(GreenMailUtil.getBody(mail)).contains(t.cloud().email());
    String chosen = "issued-" + Deployments.unique("pw");
    SECRETS.add(chosen);
    assertThat(Http.anonymous(base).post("/api/v1/password-resets/" + tokenOf(link), "{\"newPassword\":\"" + chosen + "\"}").status())
        .isEqualTo(200);
    assertThat(Http.basic(base, person.email(), chosen).get(t.admins()).status()).isEqualTo(200);

    var self = t.cloud().http().post(t.admins() + "/" + idOf(t, t.cloud().email()) + "/password-reset", null);
    assertThat(self.status()).isEqualTo(400);
    assertThat(self.json().getString("message")).contains("Change my password");
    assertThat(audit(t)).contains("PASSWORD_RESET_ISSUED", "\\\"delivery\\\":\\\"EMAIL\\\"");
  }

  @Test
  @Order(8)
  void repeatedWrongPasswordsAreMailedToTheOwnerAndAnUnlockLiftsTheBackoffAtOnce() throws Exception {
    var t = tenant();
    var person = admin(t.id(), "READ_ONLY");
    String address = address();
    String path = "/api/v1/tenants/" + t.id();
    for (int i = 0; i < 3; i++) {
      assertThat(from(address, Http.basic(base, person.email(), "wrong-" + i), "GET", path, null).status()).isEqualTo(401);
    }
    // the owner learns it by mail, and the administrators see it
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> !Mailbox.mailsTo(smtp, person.email(), "being slowed down").isEmpty());
    var notice = GreenMailUtil.getBody(Mailbox.mailsTo(smtp, person.email(), "being slowed down").get(0));
    assertThat(notice).contains(address, "unlock", "Forgot your password?").doesNotContain("wrong-");
    assertThat(entry(t, person.email()).getBoolean("backingOff")).isTrue();

    // more failures from elsewhere do not flood the mailbox (one mail an hour), and make a longer wait
    String another = address();
    SignInBackoff.atLeast(Duration.ofSeconds(8),
        () -> from(another, Http.basic(base, person.email(), "wrong-" + System.nanoTime()), "GET", path, null));
    var waiting = from(another, person.http(), "GET", path, null);
    assertThat(waiting.status()).as("even the right password waits").isEqualTo(429);

    String id = idOf(t, person.email());
    var unlocked = t.cloud().http().post(t.admins() + "/" + id + "/unlock", null);
    assertThat(unlocked.status()).isEqualTo(200);
    assertThat(unlocked.json().getBoolean("backingOff")).isFalse();
    assertThat(from(another, person.http(), "GET", path, null).status()).as("at once, from the same address").isEqualTo(200);
    assertThat(from(address, person.http(), "GET", path, null).status()).isEqualTo(200);
    assertThat(Mailbox.mailsTo(smtp, person.email(), "being slowed down")).hasSize(1);
    assertThat(audit(t)).contains("ADMINISTRATOR_UNLOCKED");

    // an unknown email backs off exactly alike: the answers tell nothing
    String stranger = Deployments.unique("nobody") + "@example.com";
    String third = address();
    SignInBackoff.atLeast(Duration.ofSeconds(2),
        () -> from(third, Http.basic(base, stranger, "wrong-" + System.nanoTime()), "GET", path, null));
    var strangerWaits = from(third, Http.basic(base, stranger, "wrong-again"), "GET", path, null);
    assertThat(strangerWaits.status()).isEqualTo(429);
    assertThat(strangerWaits.json().getString("message").replaceAll("\\d+", "N"))
        .isEqualTo(waiting.json().getString("message").replaceAll("\\d+", "N"));
  }

  @Test
  @Order(9)
  void operatorsComeAndGoButNeverFewerThanOne() throws Exception {
    var operator = Setup.operator(base);
    // only the first operator stays from earlier tests
    for (var o : operator.get("/api/v1/operators").array()) {
      if (!o.asJsonObject().getString("email").equalsIgnoreCase(Deployments.operatorEmail())) {
        assertThat(operator.delete("/api/v1/operators/" + o.asJsonObject().getString("id")).status()).isEqualTo(204);
      }
    }
    var list = operator.get("/api/v1/operators").array();
    assertThat(list).hasSize(1);
    String firstId = list.getJsonObject(0).getString("id");
    var last = operator.delete("/api/v1/operators/" + firstId);
    assertThat(last.status()).isEqualTo(409);
    assertThat(last.json().getString("message")).contains("last platform operator");

    String email = Deployments.unique("second-op") + "@provisio.test";
    String password = "second-" + Deployments.unique("pw");
    SECRETS.add(password);
    var created = operator.post("/api/v1/operators", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(operator.post("/api/v1/operators", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").status())
        .isEqualTo(409);
    assertThat(operator.post("/api/v1/operators", "{\"email\":\"x" + email + "\",\"password\":\"short\"}").json().getString("field"))
        .isEqualTo("password");
    var second = Http.basic(base, email, password);
    assertThat(second.get("/api/v1/tenants").status()).isEqualTo(200);
    String secondId = created.json().getString("id");
    var issued = operator.post("/api/v1/operators/" + secondId + "/password-reset", null);
    assertThat(issued.json().getString("delivery")).isEqualTo("EMAIL");
    assertThat(operator.post("/api/v1/operators/" + secondId + "/unlock", null).status()).isEqualTo(200);

    // both remove each other at once: one of them stays
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Http.Answer> answers;
    try {
      assertThat(second.get("/api/v1/operators").status()).isEqualTo(200);
      var go = new CountDownLatch(1);
      Future<Http.Answer> one = pool.submit(() -> { go.await(); return operator.delete("/api/v1/operators/" + secondId); });
      Future<Http.Answer> two = pool.submit(() -> { go.await(); return second.delete("/api/v1/operators/" + firstId); });
      go.countDown();
      answers = List.of(one.get(), two.get());
    } finally {
      pool.shutdownNow();
    }
    assertThat(answers.stream().filter(a -> a.status() == 204)).as(answers.toString()).hasSize(1);
    // the other is refused: as the last operator (409, 403), or, when its caller was removed before
    // its own request was authenticated, as a caller that no longer exists (401)
    int refusedIndex = answers.get(0).status() == 204 ? 1 : 0;
    int refused = answers.get(refusedIndex).status();
    assertThat(refused == 409 || refused == 403 || refused == 401).as(answers.toString()).isTrue();
    System.out.printf("two operators remove each other at once: %d and %d%n", answers.get(0).status(), answers.get(1).status());
    boolean firstStays = answers.get(0).status() == 204;
    Http survivor = firstStays ? operator : second;
    assertThat(survivor.get("/api/v1/operators").array()).hasSize(1);
    if (!firstStays) {
      // the second removed the first: it puts the first back, as the other tests expect it
      assertThat(second.post("/api/v1/operators", "{\"email\":\"" + Deployments.operatorEmail() + "\",\"password\":\""
          + Deployments.operatorPassword() + "\"}").status()).isEqualTo(201);
      assertThat(operator.delete("/api/v1/operators/" + secondId).status()).isEqualTo(204);
    }
    assertThat(operator.get("/api/v1/audit?limit=500").body()).contains("OPERATOR_CREATED", "OPERATOR_REMOVED", "OPERATOR_UNLOCKED");
  }

  @Test
  @Order(100)
  void noPasswordOrTokenReachedTheServersLog() throws Exception {
    String log = Files.readString(server.log(), StandardCharsets.ISO_8859_1);
    assertThat(log).contains("security-event=PASSWORD_RESET ", "security-event=ADMINISTRATOR_DISABLED");
    assertThat(SECRETS).isNotEmpty();
    for (String secret : SECRETS) {
      assertThat(log).as("a secret in " + server.log()).doesNotContain(secret);
    }
    assertThat(log).doesNotContain("prvr_");
  }
}
