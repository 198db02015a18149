package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Profiles, mappings, classification, failure reasons and the provisioning log (SPEC §4, §7). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MappingsIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL url;

  private String base() {
    return url.toString();
  }

  private record Tenant(Setup.TenantAdmin admin, Http scim) {
    String api(String path) {
      return "/api/v1/tenants/" + admin.tenantId() + path;
    }

    Http.Answer create(String json) {
      return scim.send("POST", "/scim/v2/Users", json, "application/scim+json");
    }
  }

  private Tenant tenant() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Map"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    String token = cloud.http().post("/api/v1/tenants/" + tenantId + "/scim-token", null).json().getString("token");
    return new Tenant(cloud, Http.bearer(base(), token));
  }

  private static String user(String userName, String title, String department) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"%s","title":"%s","emails":[{"value":"%s@acme.example","primary":true}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"%s"}}"""
        .formatted(userName, title, userName, department);
  }

  private JsonObject reportRow(Tenant t, String userName) {
    var report = t.admin().http().get(t.api("/users?q=" + userName));
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.json().getJsonArray("items")).hasSize(1);
    return report.json().getJsonArray("items").getJsonObject(0);
  }

  @Test
  void theUserSearchFindsAnyPartOfUserNameEmailDisplayNameOrExternalIdIgnoringCase() {
    var t = tenant();
    Setup.allUsersMapping(base(), t.admin());
    String tag = Deployments.unique("q").substring(2);
    String jose = "jose.mueller." + tag;
    assertThat(t.create("""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","displayName":"José Müller %s",
         "externalId":"EXT-%s-42","emails":[{"value":"%s@Acme-Example.com","primary":true}]}""".formatted(jose, tag, tag, jose))
        .status()).isEqualTo(201);
    String other = "user.number.5." + tag;
    assertThat(t.create(user(other, "Dev", "x")).status()).isEqualTo(201);
    for (String fragment : List.of("mueller." + tag, "MÜLLER " + tag, "acme-example.com", "ext-" + tag + "-4", "JOSÉ")) {
      var found = t.admin().http().get(t.api("/users?q=" + URLEncoder.encode(fragment, StandardCharsets.UTF_8)));
      assertThat(found.status()).isEqualTo(200);
      assertThat(found.json().getInt("total")).as(fragment).isEqualTo(1);
      assertThat(found.json().getJsonArray("items").getJsonObject(0).getString("userName")).isEqualTo(jose);
    }
    // the middle of a userName, and a pattern character taken literally
    assertThat(t.admin().http().get(t.api("/users?q=number.5." + tag)).json().getInt("total")).isEqualTo(1);
    assertThat(t.admin().http().get(t.api("/users?q=" + URLEncoder.encode("%", StandardCharsets.UTF_8))).json().getInt("total"))
        .isZero();
    var csv = t.admin().http().get(t.api("/users?q=ext-" + tag), "text/csv");
    assertThat(csv.body()).contains(jose).doesNotContain(other);
  }

  @Test
  void usersLandWhereThePriorityOrderSays() {
    var t = tenant();
    String region = Setup.region(base(), "HEALTHY");
    String execProfile = Setup.profile(t.admin(), 0);
    String engProfile = Setup.profile(t.admin(), 0);
    String exec = Setup.mapping(t.admin(), "Executives", "{\"attribute\":\"title\",\"values\":[\"CEO\",\"CFO\"]}", region, execProfile, 500);
    String eng = Setup.mapping(t.admin(), "Engineering", "{\"attribute\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\",\"values\":\"Engineering, R&D\"}", region, engProfile, 100);

    var list = t.admin().http().get(t.api("/mappings"));
    assertThat(list.array().getJsonObject(0).getString("id")).isEqualTo(exec);
    assertThat(list.array().getJsonObject(1).getJsonObject("criterion").getJsonArray("values").toString()).contains("Engineering", "R&D");

    String first = Deployments.unique("cto");
    assertThat(t.create(user(first, "CEO", "Engineering")).status()).isEqualTo(201);
    var row = reportRow(t, first);
    assertThat(row.getString("mapping")).isEqualTo("Executives");
    assertThat(row.getInt("quotaGb")).isEqualTo(500);
    assertThat(row.getString("status")).isEqualTo("ACTIVE");

    var moved = t.admin().http().post(t.api("/mappings/" + eng + "/move"), "{\"to\":\"TOP\"}");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.array().getJsonObject(0).getString("id")).isEqualTo(eng);
    String second = Deployments.unique("cto");
    assertThat(t.create(user(second, "CEO", "Engineering")).status()).isEqualTo(201);
    assertThat(reportRow(t, second).getString("mapping")).isEqualTo("Engineering");
    // the report sorts by the mapping's name (names come from the mappings component)
    var byMapping = t.admin().http().get(t.api("/users?sort=mapping&order=asc"));
    assertThat(byMapping.json().getJsonArray("items").getJsonObject(0).getString("mapping")).isEqualTo("Engineering");
    var byMappingDesc = t.admin().http().get(t.api("/users?sort=mapping&order=desc"));
    assertThat(byMappingDesc.json().getJsonArray("items").getJsonObject(0).getString("mapping")).isEqualTo("Executives");

    var profiles = t.admin().http().get(t.api("/profiles/" + engProfile));
    assertThat(profiles.json().getInt("userCount")).isEqualTo(1);
    var inUse = t.admin().http().delete(t.api("/profiles/" + engProfile));
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.json().getString("message")).contains("Engineering");

    var criterionChange = t.admin().http().patch(t.api("/mappings/" + eng), "{\"criterion\":{\"allUsers\":true}}");
    assertThat(criterionChange.status()).isEqualTo(400);
    assertThat(criterionChange.json().getString("message")).contains("cannot change after creation");
    var renamed = t.admin().http().patch(t.api("/mappings/" + eng), "{\"name\":\"Engineers\",\"quotaGb\":200}");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().getInt("quotaGb")).isEqualTo(200);

    assertThat(t.admin().http().put(t.api("/mappings/order"), "{\"ids\":[\"" + exec + "\"]}").status()).isEqualTo(400);
    var order = t.admin().http().put(t.api("/mappings/order"), "{\"ids\":[\"" + exec + "\",\"" + eng + "\"]}");
    assertThat(order.status()).isEqualTo(200);
    assertThat(order.array().getJsonObject(0).getString("id")).isEqualTo(exec);
    assertThat(t.admin().http().post(t.api("/mappings/" + eng + "/move"), "{\"to\":\"SIDEWAYS\"}").status()).isEqualTo(400);

    var audit = t.admin().http().get(t.api("/audit?limit=100"));
    assertThat(audit.body()).contains("MAPPING_CREATED", "MAPPING_CHANGED", "MAPPINGS_REORDERED", "PROFILE_CREATED");

    var csv = t.admin().http().get(t.api("/users"), "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    // a byte-order mark, so that a spreadsheet reads UTF-8; a file name that says whose and when
    assertThat(csv.body()).startsWith("\uFEFFid,userName,").contains(first, second, "Executives", "Engineers");
    String tenantName = t.admin().http().get(t.api("/summary")).json().getString("name");
    assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"provisioned-users-"
        + tenantName.toLowerCase() + "-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".csv\"");
  }

  @Test
  void eachFailureReasonReachesTheIdpAndTheLog() {
    var t = tenant();
    String healthy = Setup.region(base(), "HEALTHY");
    String sick = Setup.region(base(), "UNHEALTHY");
    String full = Setup.profile(t.admin(), 1);
    String open = Setup.profile(t.admin(), 0);
    Setup.mapping(t.admin(), "Sick", "{\"attribute\":\"title\",\"values\":[\"Sick\"]}", sick, open, 1);
    Setup.mapping(t.admin(), "Small", "{\"attribute\":\"title\",\"values\":[\"Small\"]}", healthy, full, 1);
    Setup.mapping(t.admin(), "Eng", "{\"attribute\":\"department\",\"values\":[\"Engineering\"]}", healthy, open, 1);

    String nobody = Deployments.unique("nobody");
    var noMatch = t.create(user(nobody, "Clerk", "Marketing"));
    assertThat(noMatch.status()).isEqualTo(400);
    assertThat(noMatch.json().getString("detail")).contains("No mapping matched", "title", "department", "Marketing");

    String sickUser = Deployments.unique("sick");
    var unhealthy = t.create(user(sickUser, "Sick", "x"));
    assertThat(unhealthy.status()).isEqualTo(503);
    assertThat(unhealthy.header("Retry-After")).isNotBlank();

    assertThat(t.create(user(Deployments.unique("small"), "Small", "x")).status()).isEqualTo(201);
    String fullUser = Deployments.unique("small");
    var fullAnswer = t.create(user(fullUser, "Small", "x"));
    assertThat(fullAnswer.status()).isEqualTo(403);
    assertThat(fullAnswer.json().getString("detail")).contains("is full");

    String taken = Deployments.unique("eng");
    assertThat(t.create(user(taken, "Dev", "Engineering")).status()).isEqualTo(201);
    var other = tenant();
    Setup.allUsersMapping(base(), other.admin());
    var emailTaken = other.create(user(taken, "Dev", "Engineering"));
    assertThat(emailTaken.status()).isEqualTo(409);
    assertThat(emailTaken.json().getString("scimType")).isEqualTo("uniqueness");

    var log = t.admin().http().get(t.api("/provisioning-log?q=" + nobody));
    assertThat(log.status()).isEqualTo(200);
    var entry = log.json().getJsonArray("items").getJsonObject(0);
    assertThat(entry.getString("outcome")).isEqualTo("FAILURE");
    assertThat(entry.getString("reason")).isEqualTo("NO_MAPPING_MATCHED");
    assertThat(entry.getString("remedy")).contains("mapping");
    assertThat(entry.getString("userName")).isEqualTo(nobody);

    var failures = t.admin().http().get(t.api("/provisioning-log?outcome=FAILURE&limit=100")).body();
    assertThat(failures).contains("REGION_UNHEALTHY", "PROFILE_FULL");
    // a refused placement names the mapping that chose it, in the log's own column
    var sickEntry = t.admin().http().get(t.api("/provisioning-log?q=" + sickUser)).json().getJsonArray("items").getJsonObject(0);
    assertThat(sickEntry.getString("reason")).isEqualTo("REGION_UNHEALTHY");
    assertThat(sickEntry.getString("mapping")).isEqualTo("Sick");
    var fullEntry = t.admin().http().get(t.api("/provisioning-log?q=" + fullUser)).json().getJsonArray("items").getJsonObject(0);
    assertThat(fullEntry.getString("reason")).isEqualTo("PROFILE_FULL");
    assertThat(fullEntry.getString("mapping")).isEqualTo("Small");
    assertThat(other.admin().http().get(other.api("/provisioning-log?outcome=FAILURE")).body()).contains("EMAIL_TAKEN");
    var successes = t.admin().http().get(t.api("/provisioning-log?q=" + taken)).json().getJsonArray("items");
    assertThat(successes.getJsonObject(0).getString("outcome")).isEqualTo("SUCCESS");
    assertThat(successes.getJsonObject(0).getString("mapping")).isEqualTo("Eng");

    var summary = t.admin().http().get(t.api("/summary"));
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.json().getString("userManagementMode")).isEqualTo("SCIM");
    assertThat(summary.json().getJsonObject("token").getString("status")).isEqualTo("ACTIVE");
    assertThat(summary.json().getJsonObject("failuresLast24h").getInt("NO_MAPPING_MATCHED")).isEqualTo(1);
    assertThat(summary.json().isNull("lastSuccessfulScimCall")).isFalse();
  }

  @Test
  void aProfileLimitHoldsUnderFiftyConcurrentCreates() throws Exception {
    var t = tenant();
    String profile = Setup.profile(t.admin(), 1);
    Setup.mapping(t.admin(), "All", "{\"allUsers\":true}", Setup.region(base(), "HEALTHY"), profile, 1);
    var pool = Executors.newFixedThreadPool(16);
    List<Callable<Integer>> creates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String name = Deployments.unique("race");
      creates.add(() -> t.create("{\"userName\":\"" + name + "\"}").status());
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : pool.invokeAll(creates)) statuses.add(f.get());
    pool.shutdown();
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    assertThat(statuses.stream().filter(s -> s == 403)).hasSize(49);
    assertThat(t.admin().http().get(t.api("/profiles/" + profile)).json().getInt("userCount")).isEqualTo(1);
  }

  /**
   * A profile without a maximum is filled with no lock that creates wait for (issue 19), and its
   * users are counted when asked; a maximum set while creates run is exact all the same.
   */
  @Test
  void aMaximumSetWhileCreatesRunIsExact() throws Exception {
    var t = tenant();
    String profile = Setup.profile(t.admin(), 0);
    Setup.mapping(t.admin(), "All", "{\"allUsers\":true}", Setup.region(base(), "HEALTHY"), profile, 1);
    for (int i = 0; i < 10; i++) {
      assertThat(t.create("{\"userName\":\"" + Deployments.unique("before") + "\"}").status()).isEqualTo(201);
    }
    var http = t.admin().http();
    assertThat(http.get(t.api("/profiles/" + profile)).json().getInt("userCount")).isEqualTo(10);
    var below = http.patch(t.api("/profiles/" + profile), "{\"maxUsers\":5}");
    assertThat(below.status()).isEqualTo(400);
    assertThat(below.json().getString("message")).contains("below the 10 users");

    var pool = Executors.newFixedThreadPool(16);
    var someDone = new java.util.concurrent.CountDownLatch(3);
    List<Callable<Integer>> creates = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = Deployments.unique("during");
      creates.add(() -> {
        int status = t.create("{\"userName\":\"" + name + "\"}").status();
        someDone.countDown();
        return status;
      });
    }
    List<Future<Integer>> running = creates.stream().map(pool::submit).toList();
    someDone.await();
    // the administrator's call (its password checked first) arrives while many creates still wait
    var limited = http.patch(t.api("/profiles/" + profile), "{\"maxUsers\":150}");
    long doneWhenLimited = running.stream().filter(Future::isDone).count();
    System.out.printf("the maximum was set when %d of 200 creates had answered%n", doneWhenLimited);
    assertThat(doneWhenLimited).as("the maximum is set while creates run").isLessThan(140);
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : running) statuses.add(f.get());
    pool.shutdown();
    assertThat(limited.status()).as(limited.toString()).isEqualTo(200);
    // 10 before, then exactly 140 of the 200 however the maximum fell among them
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(140);
    assertThat(statuses.stream().filter(s -> s == 403)).hasSize(60);
    assertThat(http.get(t.api("/profiles/" + profile)).json().getInt("userCount")).isEqualTo(150);
    assertThat(t.create("{\"userName\":\"" + Deployments.unique("after") + "\"}").status()).isEqualTo(403);
    // without a maximum again, the profile takes users and counts them
    assertThat(http.patch(t.api("/profiles/" + profile), "{\"maxUsers\":0}").status()).isEqualTo(200);
    assertThat(t.create("{\"userName\":\"" + Deployments.unique("unlimited") + "\"}").status()).isEqualTo(201);
    assertThat(http.get(t.api("/profiles/" + profile)).json().getInt("userCount")).isEqualTo(151);
  }

  @Test
  void concurrentReordersNeverCorruptTheOrder() throws Exception {
    var t = tenant();
    String region = Setup.region(base(), "HEALTHY");
    String profile = Setup.profile(t.admin(), 0);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(Setup.mapping(t.admin(), "M" + i, "{\"attribute\":\"title\",\"values\":[\"T" + i + "\"]}", region, profile, 1));
    }
    var pool = Executors.newFixedThreadPool(8);
    List<Callable<Integer>> moves = new ArrayList<>();
    String[] directions = {"TOP", "BOTTOM", "UP", "DOWN"};
    for (int i = 0; i < 40; i++) {
      String id = ids.get(i % ids.size());
      String to = directions[i % directions.length];
      moves.add(() -> t.admin().http().post(t.api("/mappings/" + id + "/move"), "{\"to\":\"" + to + "\"}").status());
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : pool.invokeAll(moves)) statuses.add(f.get());
    pool.shutdown();
    assertThat(statuses).allMatch(s -> s == 200 || s == 409);
    var list = t.admin().http().get(t.api("/mappings")).array();
    var seenIds = new HashSet<String>();
    for (int i = 0; i < list.size(); i++) {
      assertThat(list.getJsonObject(i).getInt("priority")).isEqualTo(i + 1);
      seenIds.add(list.getJsonObject(i).getString("id"));
    }
    assertThat(seenIds).containsExactlyInAnyOrderElementsOf(ids);
  }

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
