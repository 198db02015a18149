package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The promises to administrators (README "Reliability"): no tenant sees another's data, hostile
 * input gets a clean 4xx, concurrent writers lose nothing, a crash loses no acknowledged write, and
 * no secret reaches a log. One server process of its own, so that the last test can read every
 * line it logged, and so that it can be killed with {@code kill -9}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

  private static final String SCIM = "application/scim+json";
  private static final Path WORK = PayaraMicroProcess.workDir("reliability-it");
  private static final Map<String, String> ENV = PayaraMicroProcess.ownDatabase(WORK);
  /** Every token, secret and password this class used; none may appear in any log line. */
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static final List<Path> LOGS = new ArrayList<>();

  private static PayaraMicroProcess server;
  private static Idp a;
  private static Idp b;

  /** A tenant in SCIM mode with its CLOUD_ADMIN, token and a mapping that places every user. */
  private record Idp(String tenantId, Setup.TenantAdmin cloud, String token, Http scim) {
    Http.Answer send(String method, String path, String body) {
      return scim.send(method, "/scim/v2" + path, body, body == null ? null : SCIM);
    }

    String api(String path) {
      return "/api/v1/tenants/" + tenantId + path;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    server = PayaraMicroProcess.start(WORK, ENV);
    LOGS.add(server.log());
    SECRETS.add(Deployments.operatorPassword());
    a = idp("A");
    b = idp("B");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) server.close();
  }

  private static String base() {
    return server.base();
  }

  private static Idp idp(String name) {
    String tenantId = Setup.tenant(base(), Deployments.unique("Rel" + name));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    SECRETS.add(cloud.password());
    cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    String token = cloud.http().post("/api/v1/tenants/" + tenantId + "/scim-token", null).json().getString("token");
    SECRETS.add(token);
    Setup.allUsersMapping(base(), cloud);
    return new Idp(tenantId, cloud, token, Http.bearer(base(), token));
  }

  private static String user(String userName) {
    return user(userName, userName);
  }

  private static String user(String userName, String email) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true,
         "name":{"givenName":"Rel","familyName":"Ability"},
         "emails":[{"value":"%s","type":"work","primary":true}]}""".formatted(userName, email);
  }

  private static String unique(String prefix) {
    return Deployments.unique(prefix) + "@reliability.example";
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Answers differ only by the ids they name: strips those so two answers can be compared. */
  private static String anonymized(Http.Answer answer, String... ids) {
    String body = answer.body();
    for (String id : ids) body = body.replace(id, "ID");
    return answer.status() + " " + body;
  }

  @Test
  @Order(1)
  void anotherTenantsTokenAndAdministratorLearnNothingAndChangeNothing() {
    String userName = unique("iso");
    var created = a.send("POST", "/Users", user(userName));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String userId = created.json().getString("id");
    String version = created.header("ETag");
    var group = a.send("POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
        + Deployments.unique("grp") + "\",\"members\":[{\"value\":\"" + userId + "\"}]}");
    assertThat(group.status()).as(group.toString()).isEqualTo(201);
    String groupId = group.json().getString("id");
    String profileId = Setup.profile(a.cloud(), 0);
    var mappings = a.cloud().http().get(a.api("/mappings"));
    String mappingId = mappings.array().getJsonObject(0).getString("id");
    var client = a.cloud().http().post(a.api("/oauth-clients"), "{\"name\":\"Isolation\"}");
    String clientId = client.json().getString("clientId");
    SECRETS.add(client.json().getString("clientSecret"));
    String nobody = java.util.UUID.randomUUID().toString();

    // SCIM: B's token on A's resources answers exactly what it answers for ids that do not exist
    String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}";
    String groupPatch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"displayName\":\"Taken over\"}}]}";
    for (String[] call : new String[][] {
        {"GET", "/Users/%s", null}, {"PUT", "/Users/%s", user(userName)}, {"PATCH", "/Users/%s", patch},
        {"DELETE", "/Users/%s", null}, {"GET", "/Groups/%s", null},
        {"PUT", "/Groups/%s", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Taken over\"}"},
        {"PATCH", "/Groups/%s", groupPatch}, {"DELETE", "/Groups/%s", null}}) {
      String id = call[1].startsWith("/Users") ? userId : groupId;
      var foreign = b.send(call[0], call[1].formatted(id), call[2]);
      var missing = b.send(call[0], call[1].formatted(nobody), call[2]);
      assertThat(foreign.status()).as(call[0] + " " + call[1]).isEqualTo(404);
      assertThat(anonymized(foreign, id)).isEqualTo(anonymized(missing, nobody));
    }
    for (String search : List.of(
        "/Users?filter=" + q("userName eq \"" + userName + "\""),
        "/Users?filter=" + q("id eq \"" + userId + "\""),
        "/Users?filter=" + q("emails.value co \"" + userName + "\""),
        "/Groups?filter=" + q("members.value eq \"" + userId + "\""),
        "/Users?count=1000")) {
      var found = b.send("GET", search, null);
      assertThat(found.status()).isEqualTo(200);
      assertThat(found.body()).as(search).doesNotContain(userId, userName, groupId);
    }
    var rootSearch = b.send("POST", "/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"userName eq \\\"" + userName + "\\\"\"}");
    assertThat(rootSearch.body()).doesNotContain(userId);
    var sameUserName = b.send("POST", "/Users", user(userName, unique("other")));
    assertThat(sameUserName.status()).as("a userName of another tenant is no conflict").isEqualTo(201);
    var sameEmail = b.send("POST", "/Users", user(unique("other"), userName));
    assertThat(sameEmail.status()).as("emails are unique across tenants").isEqualTo(409);
    assertThat(sameEmail.body()).doesNotContain(a.tenantId(), userId, "RelA");

    // admin API: B's CLOUD_ADMIN on every tenant-scoped endpoint of A gets what a nonexistent tenant gets
    var admin = b.cloud().http();
    String aCloudAdmin = "/administrators/" + a.cloud().http().get(a.api("/administrators")).array().getJsonObject(0).getString("id");
    String[][] calls = {
        {"GET", ""}, {"PATCH", "/settings", "{\"userManagementMode\":\"SCIM\"}"},
        {"GET", "/administrators"}, {"POST", "/administrators", "{\"email\":\"intruder@example.com\",\"password\":\"intruder-password-1\",\"role\":\"CLOUD_ADMIN\"}"},
        {"GET", "/users"}, {"GET", "/summary"}, {"GET", "/audit"}, {"GET", "/provisioning-log"},
        {"GET", "/profiles"}, {"POST", "/profiles", "{\"name\":\"Intruder\",\"maxUsers\":1}"},
        {"GET", "/profiles/" + profileId}, {"PATCH", "/profiles/" + profileId, "{\"name\":\"Taken over\"}"},
        {"DELETE", "/profiles/" + profileId},
        {"GET", "/mappings"}, {"GET", "/mappings/" + mappingId}, {"PATCH", "/mappings/" + mappingId, "{\"name\":\"Taken over\"}"},
        {"POST", "/mappings/" + mappingId + "/move", "{\"to\":\"BOTTOM\"}"}, {"PUT", "/mappings/order", "{\"ids\":[\"" + mappingId + "\"]}"},
        {"DELETE", "/mappings/" + mappingId},
        {"GET", "/scim-token"}, {"GET", "/scim-token/notices"}, {"POST", "/scim-token", null},
        {"GET", "/oauth-clients"}, {"POST", "/oauth-clients", "{\"name\":\"Intruder\"}"}, {"DELETE", "/oauth-clients/" + clientId},
        {"PATCH", aCloudAdmin, "{\"role\":\"READ_ONLY\"}"}, {"PATCH", aCloudAdmin, "{\"disabled\":true}"},
        {"POST", aCloudAdmin + "/unlock", null}, {"POST", aCloudAdmin + "/password-reset", null},
        {"DELETE", aCloudAdmin}};
    for (String[] call : calls) {
      String body = call.length > 2 ? call[2] : null;
      var foreign = admin.send(call[0], "/api/v1/tenants/" + a.tenantId() + call[1], body, body == null ? null : "application/json");
      var missing = admin.send(call[0], "/api/v1/tenants/" + nobody + call[1], body, body == null ? null : "application/json");
      assertThat(foreign.status()).as(call[0] + " " + call[1] + ": " + foreign).isIn(403, 404);
      assertThat(anonymized(foreign, a.tenantId())).isEqualTo(anonymized(missing, nobody));
    }
    assertThat(admin.get("/api/v1/tenants").body()).doesNotContain(a.tenantId());

    // and nothing of A changed
    var after = a.send("GET", "/Users/" + userId, null);
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.header("ETag")).isEqualTo(version);
    assertThat(after.json().getBoolean("active")).isTrue();
    assertThat(a.send("GET", "/Groups/" + groupId, null).json().getString("displayName")).doesNotContain("Taken over");
    assertThat(a.cloud().http().get(a.api("/profiles/" + profileId)).json().getString("name")).doesNotContain("Taken over");
    assertThat(a.cloud().http().get(a.api("/mappings")).array()).hasSize(1);
    assertThat(a.cloud().http().get(a.api("/oauth-clients")).body()).contains(clientId);
    assertThat(a.cloud().http().get(a.api("/administrators")).body()).doesNotContain("intruder@example.com")
        .contains("\"role\":\"CLOUD_ADMIN\"", "\"disabled\":false");
    assertThat(a.send("GET", "/ServiceProviderConfig", null).status()).as("A's token still valid").isEqualTo(200);
  }

  @Test
  @Order(2)
  void hostileInputGetsACleanClientError() throws Exception {
    List<Object[]> bodies = List.of(
        new Object[] {"deeply nested JSON", "{\"userName\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"},
        new Object[] {"a huge array", "{\"userName\":\"x\",\"emails\":[" + "{},".repeat(150_000) + "{}]}"},
        new Object[] {"a very long userName", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + "x".repeat(200_000) + "\"}"},
        new Object[] {"a title longer than its column", user(unique("long")).replace("\"active\":true", "\"active\":true,\"title\":\"" + "t".repeat(300) + "\"")},
        new Object[] {"a phone number longer than its column", user(unique("long")).replace("\"active\":true", "\"active\":true,\"phoneNumbers\":[{\"value\":\"" + "1".repeat(3000) + "\"}]")},
        new Object[] {"not JSON", "<user><userName>x</userName></user>"},
        new Object[] {"a JSON array", "[]"},
        new Object[] {"truncated JSON", "{\"userName\":\"x\""},
        new Object[] {"a number overflow", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"n\",\"active\":1e999999}"});
    for (Object[] hostile : bodies) {
      var answer = a.send("POST", "/Users", (String) hostile[1]);
      assertThat(answer.status()).as(hostile[0] + ": " + abbreviated(answer)).isBetween(400, 499);
      assertScimError(answer, (String) hostile[0]);
    }

    String tooLarge = RawHttp.declaringHugeBody(base(), "/scim/v2/Users", 50_000_000);
    assertThat(tooLarge).as("a body over the limit is refused before it is read").startsWith("HTTP/1.1 413").contains("urn:ietf:params:scim:api:messages:2.0:Error");

    byte[] invalidUtf8 = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"\u0000\"}"
        .getBytes(StandardCharsets.UTF_8);
    invalidUtf8[invalidUtf8.length - 3] = (byte) 0xC3; // a lead byte followed by a quote: not UTF-8
    var utf8 = a.scim().send(a.scim().request("/scim/v2/Users").header("Content-Type", SCIM)
        .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)));
    assertThat(utf8.status()).as(utf8.toString()).isEqualTo(400);
    assertScimError(utf8, "invalid UTF-8");

    var wrongType = a.scim().send("POST", "/scim/v2/Users", user(unique("type")), "text/plain");
    assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(415);
    assertScimError(wrongType, "wrong content type");

    for (String filter : List.of("(".repeat(700) + "userName eq \"x\"" + ")".repeat(700),
        "userName eq \"" + "x".repeat(4_500) + "\"", "userName eq", "emails[type eq \"work\"", "x eq \"\u0000\"")) {
      var answer = a.send("GET", "/Users?filter=" + q(filter), null);
      assertThat(answer.status()).as(filter.substring(0, Math.min(40, filter.length()))).isEqualTo(400);
      assertScimError(answer, "filter");
    }

    // a value carrying CR LF never becomes a response header (no response splitting)
    String injected = "split\r\nSet-Cookie: provisio=stolen\r\nX-Injected: yes";
    var splitting = a.send("POST", "/Users", user(unique("crlf")).replace("\"active\":true", "\"active\":true,\"externalId\":\""
        + injected.replace("\r", "\\r").replace("\n", "\\n") + "\""));
    assertThat(splitting.status()).isIn(201, 400);
    assertThat(splitting.response().headers().map()).doesNotContainKeys("Set-Cookie", "set-cookie", "X-Injected", "x-injected");
    String raw = rawRequest("GET /scim/v2/Users?filter=" + q("externalId eq \"split\"") + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + a.token() + "\r\nX-Forwarded-For: 1.2.3.4\rX-Injected: yes\r\nConnection: close\r\n\r\n");
    assertThat(raw).as("a bare CR inside a header").startsWith("HTTP/1.1 4");
    assertThat(raw.toLowerCase()).doesNotContain("x-injected");

    assertThat(a.send("GET", "/ServiceProviderConfig", null).status()).as("the server is still up").isEqualTo(200);
  }

  private static String abbreviated(Http.Answer answer) {
    String text = answer.toString();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static void assertScimError(Http.Answer answer, String what) {
    assertThat(answer.header("Content-Type")).as(what).contains("json");
    var error = answer.json();
    assertThat(error.getJsonArray("schemas").getString(0)).as(what).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(error.getString("detail")).as(what).isNotBlank().doesNotContain("Exception", "at io.", "org.eclipse");
  }

  private static String rawRequest(String request) throws IOException {
    URI uri = URI.create(base());
    try (var socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  @Order(3)
  void fiftyConcurrentCreatesOfOneUserNameYieldOneUser() throws Exception {
    String userName = unique("race");
    var start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        statuses.add(pool.submit(() -> {
          start.await();
          return a.send("POST", "/Users", user(userName)).status();
        }));
      }
      start.countDown();
      List<Integer> answered = new ArrayList<>();
      for (var status : statuses) answered.add(status.get());
      assertThat(answered.stream().filter(s -> s == 201)).hasSize(1);
      assertThat(answered.stream().filter(s -> s == 409)).hasSize(49);
    } finally {
      pool.shutdownNow();
    }
    var found = a.send("GET", "/Users?filter=" + q("userName eq \"" + userName + "\""), null);
    assertThat(found.json().getInt("totalResults")).isEqualTo(1);
  }

  @Test
  @Order(4)
  void concurrentPatchesOfOneUserNeverLoseAnUpdate() throws Exception {
    var created = a.send("POST", "/Users", user(unique("patch")));
    String path = "/Users/" + created.json().getString("id");
    int writers = 8;
    int each = 5;
    var applied = ConcurrentHashMap.<String>newKeySet();
    var start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers * 2);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        // with If-Match: read, change, write; a 412 means "read again", never a silent overwrite
        work.add(pool.submit(() -> {
          start.await();
          for (int n = 0; n < each; n++) {
            String number = "+1-555-" + writer + "0" + n;
            while (true) {
              var read = a.send("GET", path, null);
              var patch = a.scim().send(a.scim().request("/scim/v2" + path).header("Content-Type", SCIM).header("If-Match", read.header("ETag"))
                  .method("PATCH", HttpRequest.BodyPublishers.ofString(addPhone(number))));
              if (patch.status() == 200) {
                applied.add(number);
                break;
              }
              assertThat(patch.status()).as(patch.toString()).isEqualTo(412);
            }
          }
          return null;
        }));
        // without If-Match (as Okta and Entra send them): each one is applied, none overwrites another
        work.add(pool.submit(() -> {
          start.await();
          for (int n = 0; n < each; n++) {
            String number = "+1-666-" + writer + "0" + n;
            var patch = a.send("PATCH", path, addPhone(number));
            assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
            applied.add(number);
          }
          return null;
        }));
      }
      start.countDown();
      for (var f : work) f.get();
    } finally {
      pool.shutdownNow();
    }
    var user = a.send("GET", path, null).json();
    var numbers = user.getJsonArray("phoneNumbers").stream()
        .map(v -> v.asJsonObject().getString("value")).toList();
    assertThat(applied).hasSize(writers * each * 2);
    assertThat(numbers).containsExactlyInAnyOrderElementsOf(applied);
  }

  private static String addPhone(String number) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"phoneNumbers\",\"value\":[{\"value\":\""
        + number + "\",\"type\":\"work\"}]}]}";
  }

  @Test
  @Order(5)
  void aCrashLosesNoAcknowledgedWrite() throws Exception {
    var writes = new AcknowledgedWrites(List.of(a.scim()), 6, "crash");
    Thread.sleep(8_000);
    server.kill();
    writes.stop();
    assertThat(writes.creates()).as("the load ran before the crash").isGreaterThan(10);

    server = PayaraMicroProcess.start(WORK, ENV);
    LOGS.add(server.log());
    // the restarted server listens on another port
    var cloud = new Setup.TenantAdmin(a.tenantId(), a.cloud().email(), a.cloud().password(),
        Http.basic(base(), a.cloud().email(), a.cloud().password()));
    a = new Idp(a.tenantId(), cloud, a.token(), Http.bearer(base(), a.token()));
    writes.assertAllFound(a.scim(), cloud);
    System.out.printf("kill -9 under load: %d acknowledged creates and %d acknowledged deactivations, all found after the restart%n",
        writes.creates(), writes.deactivations());
  }

  @Test
  @Order(6)
  void noTokenSecretOrPasswordReachesAnyLog() throws Exception {
    // a full flow with every kind of secret, refused ones included
    var client = a.cloud().http().post(a.api("/oauth-clients"), "{\"name\":\"Secrets\"}");
    String clientId = client.json().getString("clientId");
    String secret = client.json().getString("clientSecret");
    SECRETS.add(secret);
    var granted = Http.anonymous(base()).send(Http.anonymous(base()).request("/oauth/token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    String accessToken = granted.json().getString("access_token");
    SECRETS.add(accessToken);
    Http oauth = Http.bearer(base(), accessToken);
    assertThat(oauth.send("POST", "/scim/v2/Users", user(unique("secret")), SCIM).status()).isEqualTo(201);
    String wrongPassword = "wrong-" + Deployments.unique("password");
    SECRETS.add(wrongPassword);
    assertThat(Http.basic(base(), a.cloud().email(), wrongPassword).get("/api/v1/tenants").status()).isEqualTo(401);
    assertThat(Http.anonymous(base()).post("/api/v1/session",
        "{\"email\":\"" + a.cloud().email() + "\",\"password\":\"" + wrongPassword + "\"}").status()).isEqualTo(401);
    assertThat(Http.anonymous(base()).post("/api/v1/session",
        "{\"email\":\"" + a.cloud().email() + "\",\"password\":\"" + a.cloud().password() + "\"}").status()).isEqualTo(200);
    String forged = a.token() + "x";
    SECRETS.add(forged);
    assertThat(Http.bearer(base(), forged).get("/scim/v2/Users").status()).isEqualTo(401);
    String regenerated = a.cloud().http().post(a.api("/scim-token"), null).json().getString("token");
    SECRETS.add(regenerated);
    assertThat(Http.bearer(base(), a.token()).get("/scim/v2/Users").status()).as("revoked").isEqualTo(401);
    assertThat(Http.bearer(base(), regenerated).get("/scim/v2/Users").status()).isEqualTo(200);
    server.close(); // flush and end the log

    long lines = 0;
    for (Path log : LOGS) {
      try (Stream<String> content = Files.lines(log, StandardCharsets.ISO_8859_1)) {
        for (String line : (Iterable<String>) content::iterator) {
          lines++;
          for (String value : SECRETS) {
            assertThat(line).as("a secret in " + log).doesNotContain(value);
          }
        }
      }
    }
    assertThat(lines).as("the server logged its start-up at least").isGreaterThan(20);
    assertThat(SECRETS).hasSizeGreaterThanOrEqualTo(9);
  }
}
