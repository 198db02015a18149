package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Payara Micro instances clustered over Hazelcast on loopback, started with
 * server-config/payara-micro/cluster-member.sh on one database (README "Running a cluster"). What
 * one member does, the others see at once; what must happen once happens once in total; losing a
 * member loses no acknowledged write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final String SCIM = "application/scim+json";
  private static final Path WORK = PayaraMicroProcess.workDir("cluster-it");

  private static GreenMail smtp;
  private static final List<PayaraMicroProcess> MEMBERS = new ArrayList<>();

  @BeforeAll
  static void startThree() throws Exception {
    int smtpPort = PayaraMicroProcess.freePorts(1).get(0);
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
    smtp.start();
    Map<String, String> env = new HashMap<>();
    env.put("PROVISIO_SMTP_PORT", String.valueOf(smtpPort));
    // every member runs the expiry notices every minute, so that their timers race
    env.put("PROVISIO_NOTICES_HOUR", "*");
    env.put("PROVISIO_NOTICES_MINUTE", "*");
    // and the alerts every minute
    env.put("PROVISIO_ALERTS_INTERVAL_MINUTES", "1");
    List<Integer> hazelcast = PayaraMicroProcess.freePorts(3);
    String cluster = Deployments.unique("provisio-it");
    // the first member migrates the schema; the other two join it and the migrated database
    MEMBERS.add(PayaraMicroProcess.startClusterMember(WORK, env, cluster, hazelcast, 0));
    List<CompletableFuture<PayaraMicroProcess>> joining = new ArrayList<>();
    for (int member = 1; member <= 2; member++) {
      int m = member;
      joining.add(CompletableFuture.supplyAsync(() -> {
        try {
          return PayaraMicroProcess.startClusterMember(WORK, env, cluster, hazelcast, m);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (var member : joining) MEMBERS.add(member.get());
  }

  @AfterAll
  static void stopThree() throws InterruptedException {
    for (var member : MEMBERS) member.close();
    if (smtp != null) smtp.stop();
  }

  private static String base(int member) {
    return MEMBERS.get(member).base();
  }

  /** A tenant in SCIM mode, through member A, with its token. */
  private record Tenant(String id, Setup.TenantAdmin cloud, String token) {
    Http scim(int member) {
      return Http.bearer(base(member), token);
    }

    Http.Answer create(int member, String userName, String email) {
      return scim(member).send("POST", "/scim/v2/Users", """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
           "emails":[{"value":"%s","type":"work","primary":true}]}""".formatted(userName, email), SCIM);
    }

    String api(String path) {
      return "/api/v1/tenants/" + id + path;
    }
  }

  private static Tenant tenant(boolean placeEveryone) {
    String id = Setup.tenant(base(0), Deployments.unique("Cluster"));
    var cloud = Setup.admin(base(0), id, "CLOUD_ADMIN");
    cloud.http().patch("/api/v1/tenants/" + id + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    String token = cloud.http().post("/api/v1/tenants/" + id + "/scim-token", null).json().getString("token");
    if (placeEveryone) Setup.allUsersMapping(base(0), cloud);
    return new Tenant(id, cloud, token);
  }

  @Test
  @Order(1)
  void theThreeFormOneDataGrid() throws Exception {
    for (var member : MEMBERS) {
      awaitLogLine(member, "DG Size: 3", Duration.ofSeconds(60));
    }
  }

  @Test
  @Order(2)
  void aTokenRegeneratedThroughOneMemberFailsAtOnceOnTheOthers() {
    var t = tenant(false);
    for (int member = 0; member < 3; member++) {
      assertThat(t.scim(member).get("/scim/v2/ServiceProviderConfig").status()).isEqualTo(200);
    }
    String fresh = t.cloud().http().post(t.api("/scim-token"), null).json().getString("token");
    for (int member = 1; member < 3; member++) {
      var old = t.scim(member).get("/scim/v2/Users");
      assertThat(old.status()).as("the old token on member " + member).isEqualTo(401);
      assertThat(old.json().getString("detail")).contains("revoked");
      assertThat(Http.bearer(base(member), fresh).get("/scim/v2/Users").status()).isEqualTo(200);
    }
  }

  @Test
  @Order(3)
  void aConsoleSessionStartedOnOneMemberWorksOnTheOthers() {
    var t = tenant(false);
    var signIn = Http.anonymous(base(0)).post("/api/v1/session",
        "{\"email\":\"" + t.cloud().email() + "\",\"password\":\"" + t.cloud().password() + "\"}");
    assertThat(signIn.status()).isEqualTo(200);
    String cookies = signIn.response().headers().allValues("Set-Cookie").stream()
        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .collect(Collectors.joining("; "));
    String csrf = signIn.json().getString("csrfToken");

    var onB = Http.anonymous(base(1));
    var who = onB.send(onB.request("/api/v1/session").header("Cookie", cookies).GET());
    assertThat(who.status()).as(who.toString()).isEqualTo(200);
    assertThat(who.json().getString("email")).isEqualTo(t.cloud().email());
    var onC = Http.anonymous(base(2));
    var change = onC.send(onC.request(t.api("/settings")).header("Cookie", cookies)
        .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"userManagementMode\":\"SCIM\"}")));
    assertThat(change.status()).as(change.toString()).isEqualTo(200);

    var signOut = onC.send(onC.request("/api/v1/session").header("Cookie", cookies).DELETE());
    assertThat(signOut.status()).isEqualTo(204);
    for (int member = 0; member < 3; member++) {
      var http = Http.anonymous(base(member));
      var after = http.send(http.request("/api/v1/session").header("Cookie", cookies).GET());
      assertThat(after.status()).isEqualTo(200);
      assertThat(after.json().getBoolean("signedIn")).as("signed out, on member " + member).isFalse();
    }
  }

  /** A console sign-in through one member: its cookies and CSRF token, usable on every member. */
  private record ConsoleSession(String cookies, String csrf) {
    int status(int member, String path) {
      var http = Http.anonymous(base(member));
      return http.send(http.request(path).header("Cookie", cookies).header("X-Provisio-Console", "1").GET()).status();
    }

    Http.Answer put(int member, String path, String json) {
      var http = Http.anonymous(base(member));
      return http.send(http.request(path).header("Cookie", cookies).header("X-CSRF-Token", csrf)
          .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }
  }

  private static ConsoleSession signIn(int member, String email, String password) {
    var signIn = Http.anonymous(base(member)).post("/api/v1/session",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(signIn.status()).as(signIn.toString()).isEqualTo(200);
    String cookies = signIn.response().headers().allValues("Set-Cookie").stream()
        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .collect(Collectors.joining("; "));
    return new ConsoleSession(cookies, signIn.json().getString("csrfToken"));
  }

  /**
   * Issue 16: what one member does to an administrator holds on the next request through every
   * member, for HTTP Basic (whose verification each member has cached) and for console sessions.
   */
  @Test
  @Order(4)
  void anAdministratorChangedThroughOneMemberIsRestrictedOrRefusedOnTheOthersAtOnce() {
    var t = tenant(false);
    var person = Setup.admin(base(0), t.id(), "ADMIN");
    String path = t.api("/administrators/") + t.cloud().http().get(t.api("/administrators")).array().stream()
        .map(v -> v.asJsonObject()).filter(a -> a.getString("email").equals(person.email()))
        .findFirst().orElseThrow().getString("id");
    String profiles = t.api("/profiles");
    List<Http> basic = List.of(Http.basic(base(0), person.email(), person.password()),
        Http.basic(base(1), person.email(), person.password()), Http.basic(base(2), person.email(), person.password()));
    for (var http : basic) assertThat(http.get(profiles).status()).isEqualTo(200); // verified and cached on each
    var console = signIn(1, person.email(), person.password());
    for (int m = 0; m < 3; m++) assertThat(console.status(m, profiles)).isEqualTo(200);

    // demoted through A: restricted on B and C at once, its console session over everywhere
    assertThat(Http.basic(base(0), t.cloud().email(), t.cloud().password()).patch(path, "{\"role\":\"READ_ONLY\"}").status())
        .isEqualTo(200);
    for (int m = 1; m < 3; m++) {
      assertThat(basic.get(m).post(profiles, "{\"name\":\"" + Deployments.unique("p") + "\"}").status())
          .as("READ_ONLY on member " + m).isEqualTo(403);
      assertThat(basic.get(m).get(profiles).status()).isEqualTo(200);
    }
    for (int m = 0; m < 3; m++) assertThat(console.status(m, profiles)).as("session on member " + m).isEqualTo(401);

    // disabled through B: refused on A and C; enabled through C: back everywhere
    assertThat(Http.basic(base(1), t.cloud().email(), t.cloud().password()).patch(path, "{\"disabled\":true}").status())
        .isEqualTo(200);
    for (int m : new int[] {0, 2}) assertThat(basic.get(m).get(profiles).status()).as("disabled, member " + m).isEqualTo(401);
    assertThat(Http.basic(base(2), t.cloud().email(), t.cloud().password()).patch(path, "{\"disabled\":false}").status())
        .isEqualTo(200);
    for (var http : basic) assertThat(http.get(profiles).status()).isEqualTo(200);

    // a new password set in a console session on C: the old one fails on A and B at once, the
    // person's other session (on A) ends everywhere, the session that changed it goes on everywhere
    var changing = signIn(2, person.email(), person.password());
    var other = signIn(0, person.email(), person.password());
    String fresh = "fresh-" + Deployments.unique("pw");
    var changed = changing.put(2, "/api/v1/me/password",
        "{\"currentPassword\":\"" + person.password() + "\",\"newPassword\":\"" + fresh + "\"}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
    for (int m = 0; m < 3; m++) {
      assertThat(basic.get(m).get(profiles).status()).as("old password on member " + m).isEqualTo(401);
      assertThat(Http.basic(base(m), person.email(), fresh).get(profiles).status()).isEqualTo(200);
      assertThat(other.status(m, profiles)).as("other session on member " + m).isEqualTo(401);
      assertThat(changing.status(m, profiles)).as("changing session on member " + m).isEqualTo(200);
    }

    // removed through C: refused on A and B on the next request, its session too
    assertThat(Http.basic(base(2), t.cloud().email(), t.cloud().password()).delete(path).status()).isEqualTo(204);
    for (int m = 0; m < 3; m++) {
      assertThat(Http.basic(base(m), person.email(), fresh).get(profiles).status()).as("removed, member " + m).isEqualTo(401);
      assertThat(changing.status(m, profiles)).isEqualTo(401);
    }
    assertThat(t.cloud().http().get(t.api("/audit")).body())
        .contains("ADMINISTRATOR_ROLE_CHANGED", "ADMINISTRATOR_DISABLED", "ADMINISTRATOR_ENABLED", "PASSWORD_CHANGED",
            "ADMINISTRATOR_REMOVED");
  }

  /** An unlock through one member lifts the sign-in backoff that another member counted. */
  @Test
  @Order(5)
  void anUnlockThroughOneMemberLiftsTheBackoffOnAnother() {
    var t = tenant(false);
    var person = Setup.admin(base(0), t.id(), "READ_ONLY");
    String path = t.api("");
    SignInBackoff.atLeast(Duration.ofSeconds(8), () -> Http.basic(base(1), person.email(), "wrong-" + System.nanoTime()).get(path));
    var onB = Http.basic(base(1), person.email(), person.password());
    assertThat(onB.get(path).status()).as("B backs off").isEqualTo(429);
    assertThat(person.http().get(path).status()).as("member A counted nothing").isEqualTo(200);
    String id = t.cloud().http().get(t.api("/administrators")).array().stream()
        .map(v -> v.asJsonObject()).filter(a -> a.getString("email").equals(person.email()))
        .findFirst().orElseThrow().getString("id");
    assertThat(Http.basic(base(2), t.cloud().email(), t.cloud().password()).post(t.api("/administrators/" + id + "/unlock"), null)
        .status()).isEqualTo(200);
    assertThat(onB.get(path).status()).as("unlocked through C, at once on B").isEqualTo(200);
  }

  @Test
  @Order(6)
  void createsThroughAllThreeKeepUserNamesAndEmailsUniqueAndProfileLimitsExact() throws Exception {
    var t = tenant(true);
    String userName = Deployments.unique("same") + "@cluster.example";
    List<Integer> sameUserName = concurrently(60, i -> t.create(i % 3, userName, Deployments.unique("e") + "@cluster.example").status());
    assertThat(sameUserName.stream().filter(s -> s == 201)).as(sameUserName.toString()).hasSize(1);
    assertThat(sameUserName.stream().filter(s -> s == 409)).as(sameUserName.toString()).hasSize(59);

    String email = Deployments.unique("shared") + "@cluster.example";
    List<Integer> sameEmail = concurrently(60, i -> t.create(i % 3, Deployments.unique("u"), email).status());
    assertThat(sameEmail.stream().filter(s -> s == 201)).as(sameEmail.toString()).hasSize(1);
    assertThat(sameEmail.stream().filter(s -> s == 409)).as(sameEmail.toString()).hasSize(59);

    var limited = tenant(false);
    String profile = Setup.profile(limited.cloud(), 10);
    Setup.mapping(limited.cloud(), "All", "{\"allUsers\":true}", Setup.region(base(0), "HEALTHY"), profile, 1);
    List<Integer> intoTen = concurrently(45, i -> {
      String name = Deployments.unique("limit") + "@cluster.example";
      return limited.create(i % 3, name, name).status();
    });
    assertThat(intoTen.stream().filter(s -> s == 201)).as(intoTen.toString()).hasSize(10);
    assertThat(intoTen.stream().filter(s -> s == 403)).as(intoTen.toString()).hasSize(35);
    for (int member = 0; member < 3; member++) {
      assertThat(limited.scim(member).get("/scim/v2/Users").json().getInt("totalResults")).isEqualTo(10);
    }
    assertThat(limited.cloud().http().get(limited.api("/profiles/" + profile)).json().getInt("userCount")).isEqualTo(10);
  }

  @Test
  @Order(7)
  void expiryNoticesAreSentExactlyOnceByTheThree() throws Exception {
    var t = tenant(false);
    var second = Setup.admin(base(0), t.id(), "CLOUD_ADMIN");
    Database.expireGeneratedTokenAt(t.id(), Instant.now().plus(Duration.ofDays(29)).plusSeconds(3600));
    // the three members' timers fire at the start of every minute; one of them sends the notice
    Instant deadline = Instant.now().plusSeconds(90);
    while (Mailbox.mailsTo(smtp, t.cloud().email(), "expires in 29 days").isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(1000);
    }
    assertThat(Mailbox.mailsTo(smtp, t.cloud().email(), "expires in 29 days")).as("sent by a timer").hasSize(1);

    // the next threshold: all three asked at once, three times each, while their timers go on
    Database.expireGeneratedTokenAt(t.id(), Instant.now().plus(Duration.ofDays(6)).plusSeconds(3600));
    var operator = List.of(Setup.operator(base(0)), Setup.operator(base(1)), Setup.operator(base(2)));
    List<Integer> runs = concurrently(9, i -> operator.get(i % 3).post("/api/v1/notices/run", null).status());
    assertThat(runs).containsOnly(200);
    // let every member's timer run once more after the runs
    Instant nextMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(60 + 10);
    Thread.sleep(Duration.between(Instant.now(), nextMinute).toMillis());

    assertThat(Mailbox.mailsTo(smtp, t.cloud().email(), "expires in 29 days")).hasSize(1);
    assertThat(Mailbox.mailsTo(smtp, t.cloud().email(), "expires in 6 days")).hasSize(1);
    assertThat(Mailbox.mailsTo(smtp, second.email(), "expires in")).hasSize(2);
    var notices = t.cloud().http().get(t.api("/scim-token/notices"));
    assertThat(notices.body())
        .contains("\"thresholdDays\":30,\"status\":\"SENT\"", "\"thresholdDays\":7,\"status\":\"SENT\"",
            "\"thresholdDays\":14,\"status\":\"SUPERSEDED\"");
    assertThat(notices.array()).hasSize(3);
  }

  @Test
  @Order(8)
  void anAlertIsRecordedAndMailedExactlyOnceByTheThree() throws Exception {
    var t = tenant(false);
    String region = Setup.region(base(0), "HEALTHY");
    String profile = Setup.profile(t.cloud(), 10);
    Setup.mapping(t.cloud(), "Everyone", "{\"allUsers\":true}", region, profile, 1);
    for (int i = 0; i < 9; i++) {
      String name = Deployments.unique("nine");
      assertThat(t.create(i % 3, name, name + "@cluster.example").status()).isEqualTo(201);
    }
    // all three asked at once, three times each, while their one-minute timers go on
    var operator = List.of(Setup.operator(base(0)), Setup.operator(base(1)), Setup.operator(base(2)));
    List<Integer> runs = concurrently(9, i -> operator.get(i % 3).post("/api/v1/alerts/run", "{}").status());
    assertThat(runs).containsOnly(200);
    Instant nextMinute = Instant.now().plusSeconds(70);
    Thread.sleep(Duration.between(Instant.now(), nextMinute).toMillis());

    assertThat(Mailbox.mailsTo(smtp, t.cloud().email(), "a profile is above 90 %")).hasSize(1);
    var alerts = t.cloud().http().get(t.api("/alerts")).json();
    assertThat(alerts.getJsonArray("items")).hasSize(1);
    assertThat(alerts.getJsonArray("items").getJsonObject(0).getString("kind")).isEqualTo("PROFILE_NEARLY_FULL");
    assertThat(alerts.getJsonArray("items").getJsonObject(0).getString("delivery")).isEqualTo("SENT");
  }

  @Test
  @Order(9)
  void killingOneMemberLosesNoAcknowledgedWriteAndTheOthersServeOn() throws Exception {
    var t = tenant(true);
    var writes = new AcknowledgedWrites(List.of(t.scim(0), t.scim(1), t.scim(2)), 2, "cluster-crash");
    Thread.sleep(8_000);
    MEMBERS.get(2).kill();
    int beforeA = writes.acknowledgedBy(base(0));
    int beforeB = writes.acknowledgedBy(base(1));
    int onC = writes.acknowledgedBy(base(2));
    Thread.sleep(6_000);
    writes.stop();
    assertThat(onC).as("the killed member took writes before").isGreaterThan(5);
    assertThat(writes.acknowledgedBy(base(0))).as("A after the kill").isGreaterThan(beforeA);
    assertThat(writes.acknowledgedBy(base(1))).as("B after the kill").isGreaterThan(beforeB);
    writes.assertAllFound(t.scim(1), t.cloud());
    System.out.printf("cluster, kill -9 of one of three under load: %d acknowledged creates and %d"
        + " deactivations (%d through the killed member), all found%n", writes.creates(), writes.deactivations(), onC);
  }

  private interface Call {
    int status(int index) throws Exception;
  }

  private static List<Integer> concurrently(int calls, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        int index = i;
        tasks.add(() -> call.status(index));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(tasks)) statuses.add(f.get());
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitLogLine(PayaraMicroProcess member, String text, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!Files.readString(member.log(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
      assertThat(Instant.now()).as("'" + text + "' in " + member.log()).isBefore(deadline);
      Thread.sleep(1000);
    }
  }
}
