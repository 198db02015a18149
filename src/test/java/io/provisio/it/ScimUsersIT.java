package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SCIM /Users as Okta and Entra ID call it (SPEC §3, §6). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScimUsersIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL url;

  private String base() {
    return url.toString();
  }

  /** A tenant in SCIM mode and an IdP client holding its token. */
  private Idp idp() {
    String tenantId = Setup.tenant(base(), Deployments.unique("Scim"));
    var cloud = Setup.admin(base(), tenantId, "CLOUD_ADMIN");
    cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    String token = cloud.http().post("/api/v1/tenants/" + tenantId + "/scim-token", null).json().getString("token");
    Setup.allUsersMapping(base(), cloud);
    return new Idp(tenantId, Http.bearer(base(), token));
  }

  private record Idp(String tenantId, Http http) {
    Http.Answer post(String path, String body) {
      return http.send("POST", "/scim/v2" + path, body, "application/scim+json");
    }

    Http.Answer put(String path, String body) {
      return http.send("PUT", "/scim/v2" + path, body, "application/scim+json");
    }

    Http.Answer patch(String path, String body) {
      return http.send("PATCH", "/scim/v2" + path, body, "application/scim+json");
    }

    Http.Answer get(String path) {
      return http.get("/scim/v2" + path);
    }

    Http.Answer delete(String path) {
      return http.delete("/scim/v2" + path);
    }
  }

  private static String q(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }

  @Test
  void oktaFlow() {
    var idp = idp();
    String userName = Deployments.unique("jane.doe") + "@acme.example";
    var lookup = idp.get("/Users?filter=" + q("userName eq \"" + userName + "\"") + "&startIndex=1&count=100");
    assertThat(lookup.status()).isEqualTo(200);
    assertThat(lookup.json().getInt("totalResults")).isZero();

    var created = idp.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
         "name":{"givenName":"Jane","familyName":"Doe"},
         "emails":[{"primary":true,"value":"%s","type":"work"}],
         "displayName":"Jane Doe","locale":"en-US","externalId":"00u1","groups":[],
         "password":"t1meMa$heen","active":true}""".formatted(userName, userName));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(created.header("Location")).endsWith("/scim/v2/Users/" + id);
    assertThat(created.header("Content-Type")).startsWith("application/scim+json");
    assertThat(created.header("ETag")).isNotBlank();
    assertThat(created.json().getJsonObject("meta").getString("resourceType")).isEqualTo("User");
    assertThat(created.body()).doesNotContain("password", "t1meMa$heen");

    var found = idp.get("/Users?filter=" + q("userName eq \"" + userName.toUpperCase() + "\""));
    assertThat(found.json().getInt("totalResults")).isEqualTo(1);
    assertThat(found.json().getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);

    var read = idp.get("/Users/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().getJsonObject("name").getString("givenName")).isEqualTo("Jane");

    // Okta's full PUT echoes id and meta
    String echoed = read.json().toString()
        .replace("\"givenName\":\"Jane\"", "\"givenName\":\"Janet\"");
    var replaced = idp.put("/Users/" + id, echoed);
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.json().getJsonObject("name").getString("givenName")).isEqualTo("Janet");
    assertThat(replaced.json().getString("id")).isEqualTo(id);

    var deactivated = idp.patch("/Users/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"replace","value":{"active":false}}]}""");
    assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
    assertThat(deactivated.json().getBoolean("active")).isFalse();
    var stillListed = idp.get("/Users?filter=" + q("active eq false and userName eq \"" + userName + "\""));
    assertThat(stillListed.json().getInt("totalResults")).isEqualTo(1);

    var reactivated = idp.patch("/Users/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"replace","value":{"active":true}}]}""");
    assertThat(reactivated.json().getBoolean("active")).isTrue();
  }

  @Test
  void lookupsByKeyFindExactlyTheTenantsVisibleAccounts() {
    var idp = idp();
    var other = idp();
    String suffix = Deployments.unique("k");
    String alice = "Alice." + suffix + "@key.example";
    String bob = "bob." + suffix + "@key.example";
    String home = "home." + suffix + "@key.example";
    for (var account : java.util.List.of(
        new String[] {alice, "Ext-" + suffix, "work", alice},
        new String[] {bob, "ext-" + suffix, "home", home})) {
      var created = idp.post("/Users", """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"%s",
           "emails":[{"type":"%s","value":"%s","primary":true}]}""".formatted((Object[]) account));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }
    // the other tenant holds the same userName (unique per tenant only)
    assertThat(other.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"Ext-%s"}"""
        .formatted(alice, suffix)).status()).isEqualTo(201);

    assertThat(userNames(idp, "userName eq \"" + alice.toUpperCase() + "\"")).containsExactly(alice);
    assertThat(userNames(idp, "externalId eq \"Ext-" + suffix + "\"")).containsExactly(alice); // exact case
    assertThat(userNames(idp, "externalId eq \"EXT-" + suffix + "\"")).isEmpty();
    assertThat(userNames(idp, "emails eq \"" + home.toUpperCase() + "\"")).containsExactly(bob);
    assertThat(userNames(idp, "emails.value eq \"" + alice + "\"")).containsExactly(alice);
    assertThat(userNames(idp, "emails[type eq \"work\"].value eq \"" + alice + "\"")).containsExactly(alice);
    assertThat(userNames(idp, "emails[type eq \"work\"].value eq \"" + home + "\"")).isEmpty();
    assertThat(userNames(other, "userName eq \"" + alice + "\"")).containsExactly(alice);

    // a page past the one match still says how many there are
    var past = idp.get("/Users?startIndex=2&count=1&filter=" + q("userName eq \"" + alice + "\""));
    assertThat(past.json().getInt("totalResults")).isEqualTo(1);
    assertThat(past.json().getJsonArray("Resources")).isEmpty();

    // a deleted (preserved) account is no longer found by any key
    String aliceId = idp.get("/Users?filter=" + q("userName eq \"" + alice + "\"")).json()
        .getJsonArray("Resources").getJsonObject(0).getString("id");
    assertThat(idp.delete("/Users/" + aliceId).status()).isEqualTo(204);
    assertThat(userNames(idp, "userName eq \"" + alice + "\"")).isEmpty();
    assertThat(userNames(idp, "externalId eq \"Ext-" + suffix + "\"")).isEmpty();
    assertThat(userNames(idp, "emails eq \"" + alice + "\"")).isEmpty();
  }

  private static java.util.List<String> userNames(Idp idp, String filter) {
    var answer = idp.get("/Users?filter=" + q(filter));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    var names = answer.json().getJsonArray("Resources").stream()
        .map(r -> r.asJsonObject().getString("userName")).toList();
    assertThat(answer.json().getInt("totalResults")).isEqualTo(names.size());
    return names;
  }

  @Test
  void entraFlow() {
    var idp = idp();
    String externalId = Deployments.unique("ext");
    var lookup = idp.get("/Users?filter=" + q("externalId eq \"" + externalId + "\""));
    assertThat(lookup.json().getInt("totalResults")).isZero();

    String upn = Deployments.unique("bob") + "@contoso.example";
    var created = idp.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId":"%s","userName":"%s","active":true,
         "emails":[{"primary":true,"type":"work","value":"%s"}],
         "meta":{"resourceType":"User"},
         "name":{"formatted":"Bob Smith","familyName":"Smith","givenName":"Bob"},
         "title":"Engineer","countryCode":"DE",
         "addresses":[{"type":"work","country":"DE","locality":"Berlin","primary":true}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Engineering","employeeNumber":"42"}}
        """.formatted(externalId, upn, upn));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(created.body()).doesNotContain("countryCode");
    assertThat(created.json().getJsonObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        .getString("department")).isEqualTo("Engineering");

    assertThat(idp.get("/Users?filter=" + q("externalId eq \"" + externalId + "\"")).json().getInt("totalResults"))
        .isEqualTo(1);

    String newEmail = Deployments.unique("robert") + "@contoso.example";
    var patched = idp.patch("/Users/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[
           {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"%s"},
           {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"},
           {"op":"Replace","path":"active","value":"False"},
           {"op":"Add","value":{"name.givenName":"Robert","title":"Lead"}}]}""".formatted(newEmail));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    var user = idp.get("/Users/" + id).json();
    assertThat(user.getJsonArray("emails").getJsonObject(0).getString("value")).isEqualTo(newEmail);
    assertThat(user.getJsonObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").getString("department"))
        .isEqualTo("Sales");
    assertThat(user.getBoolean("active")).isFalse();
    assertThat(user.getJsonObject("name").getString("givenName")).isEqualTo("Robert");
    assertThat(user.getString("title")).isEqualTo("Lead");

    var byEmail = idp.get("/Users?filter=" + q("emails[type eq \"work\"].value eq \"" + newEmail.toUpperCase() + "\""));
    assertThat(byEmail.json().getInt("totalResults")).isEqualTo(1);
    var byDepartment = idp.get("/Users?filter="
        + q("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Sales\"")
        + "&excludedAttributes=emails");
    assertThat(byDepartment.json().getInt("totalResults")).isEqualTo(1);
    assertThat(byDepartment.body()).doesNotContain(newEmail);
    var byAddress = idp.get("/Users?filter=" + q("addresses[type eq \"work\" and country eq \"DE\"].locality eq \"Berlin\""));
    assertThat(byAddress.json().getInt("totalResults")).isEqualTo(1);
    assertThat(idp.get("/Users?filter=" + q("addresses.country eq \"FR\"")).json().getInt("totalResults")).isZero();
  }

  @Test
  void aUserWithMoreValuesThanOneStatementHoldsKeepsThemAll() {
    var idp = idp();
    String userName = Deployments.unique("many") + "@acme.example";
    var phones = new StringBuilder();
    for (int i = 0; i < 1_201; i++) {
      phones.append(i == 0 ? "" : ",").append("{\"value\":\"+1-555-").append(i).append("\",\"type\":\"work\"}");
    }
    var created = idp.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
         "emails":[{"value":"%s","primary":true}],"phoneNumbers":[%s]}""".formatted(userName, userName, phones));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(idp.get("/Users/" + id).json().getJsonArray("phoneNumbers")).hasSize(1_201);
    for (String number : new String[] {"+1-555-0", "+1-555-499", "+1-555-500", "+1-555-1200"}) {
      var found = idp.get("/Users?filter=" + q("phoneNumbers.value eq \"" + number + "\""));
      assertThat(found.json().getInt("totalResults")).as(number).isEqualTo(1);
      assertThat(found.json().getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);
    }
  }

  @Test
  void deleteKeepsTheAccountAndALaterCreateRestoresIt() {
    var idp = idp();
    String userName = Deployments.unique("leaver");
    String email = userName + "@acme.example";
    String body = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"%s",
         "emails":[{"value":"%s","primary":true}]}""".formatted(userName, userName, email);
    String id = idp.post("/Users", body).json().getString("id");
    assertThat(idp.delete("/Users/" + id).status()).isEqualTo(204);
    var gone = idp.get("/Users/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().getString("status")).isEqualTo("404");
    assertThat(idp.get("/Users?filter=" + q("userName eq \"" + userName + "\"")).json().getInt("totalResults")).isZero();

    var restored = idp.post("/Users", body);
    assertThat(restored.status()).isEqualTo(201);
    assertThat(restored.json().getString("id")).isEqualTo(id);
  }

  @Test
  void uniquenessAndErrors() {
    var idp = idp();
    var other = idp();
    String userName = Deployments.unique("dup");
    String email = userName + "@acme.example";
    String body = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","emails":[{"value":"%s"}]}"""
        .formatted(userName, email);
    String id = idp.post("/Users", body).json().getString("id");

    var sameName = idp.post("/Users", body.replace(email, "x" + email).replace(userName, userName.toUpperCase()));
    assertThat(sameName.status()).isEqualTo(409);
    assertThat(sameName.json().getString("scimType")).isEqualTo("uniqueness");

    var sameEmailOtherTenant = other.post("/Users", body.replace("\"userName\":\"" + userName, "\"userName\":\"z" + userName)
        .replace(email, email.toUpperCase()));
    assertThat(sameEmailOtherTenant.status()).isEqualTo(409);
    assertThat(sameEmailOtherTenant.json().getString("scimType")).isEqualTo("uniqueness");
    assertThat(sameEmailOtherTenant.json().getString("detail")).doesNotContain(idp.tenantId());

    assertThat(other.get("/Users/" + id).status()).isEqualTo(404);

    var malformed = idp.post("/Users", "{\"userName\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().getString("scimType")).isEqualTo("invalidSyntax");

    var noUserName = idp.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}");
    assertThat(noUserName.status()).isEqualTo(400);
    assertThat(noUserName.json().getString("detail")).contains("userName");

    var badFilter = idp.get("/Users?filter=" + q("userName eq"));
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.json().getString("scimType")).isEqualTo("invalidFilter");
    var unknownAttribute = idp.get("/Users?filter=" + q("shoeSize gt 3"));
    assertThat(unknownAttribute.status()).isEqualTo(400);
    assertThat(unknownAttribute.json().getString("detail")).contains("shoeSize");

    var stale = idp.http().send(idp.http().request("/scim/v2/Users/" + id)
        .header("If-Match", "W/\"999\"").header("Content-Type", "application/scim+json")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}")));
    assertThat(stale.status()).isEqualTo(412);

    var wrongType = idp.http().send("POST", "/scim/v2/Users", "userName=x", "text/plain");
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(wrongType.header("Content-Type")).startsWith("application/scim+json");

    var wrongMethod = idp.http().send("PUT", "/scim/v2/Users", "{}", "application/scim+json");
    assertThat(wrongMethod.status()).isEqualTo(405);

    var lowerCase = idp.http().get("/scim/v2/users");
    assertThat(lowerCase.status()).isEqualTo(404);
    assertThat(lowerCase.json().getString("detail")).contains("/scim/v2");
    var wrongVersion = idp.http().get("/scim/v1/Users");
    assertThat(wrongVersion.status()).isEqualTo(404);
    assertThat(wrongVersion.json().getString("detail")).contains("/scim/v2");
  }

  @Test
  void pagingSortingAndCursor() {
    var idp = idp();
    for (int i = 0; i < 7; i++) {
      assertThat(idp.post("/Users", "{\"userName\":\"user" + i + "-" + Deployments.unique("p") + "\"}").status()).isEqualTo(201);
    }
    var page = idp.get("/Users?startIndex=3&count=2&sortBy=userName&sortOrder=descending");
    assertThat(page.json().getInt("totalResults")).isEqualTo(7);
    assertThat(page.json().getInt("itemsPerPage")).isEqualTo(2);
    assertThat(page.json().getInt("startIndex")).isEqualTo(3);
    assertThat(page.json().getJsonArray("Resources").getJsonObject(0).getString("userName")).startsWith("user4");

    var seen = new java.util.HashSet<String>();
    String cursor = "";
    for (int walk = 0; walk < 10; walk++) {
      var answer = idp.get("/Users?count=3&cursor=" + cursor);
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      answer.json().getJsonArray("Resources").forEach(r -> seen.add(r.asJsonObject().getString("id")));
      if (!answer.json().containsKey("nextCursor")) break;
      cursor = answer.json().getString("nextCursor");
    }
    assertThat(seen).hasSize(7);

    var discovery = idp.get("/ResourceTypes");
    assertThat(discovery.body()).contains("\"User\"", "/Users");
    var schemas = idp.get("/Schemas");
    assertThat(schemas.body()).contains("urn:ietf:params:scim:schemas:core:2.0:User", "enterprise:2.0:User", "userName");
    var config = idp.get("/ServiceProviderConfig");
    assertThat(config.json().getJsonObject("patch").getBoolean("supported")).isTrue();
  }

  /** Several preserved accounts match a new user: which one comes back is decided, not arbitrary. */
  @Test
  void restoringPicksTheSameAccountEveryTime() throws InterruptedException {
    var idp = idp();
    String shared = Deployments.unique("ext");
    String alice = created(idp, "alice", shared, null);
    String bob = created(idp, "bob", shared, null);
    String carolEmail = Deployments.unique("carol") + "@acme.example";
    String carol = created(idp, "carol-old", null, carolEmail);
    assertThat(idp.delete("/Users/" + alice).status()).isEqualTo(204);
    Thread.sleep(20);
    assertThat(idp.delete("/Users/" + bob).status()).isEqualTo(204);
    Thread.sleep(20);
    assertThat(idp.delete("/Users/" + carol).status()).isEqualTo(204);

    // externalId matches alice and bob: the most recently preserved, bob
    var restored = idp.post("/Users", user(Deployments.unique("dave"), shared, null));
    assertThat(restored.status()).as(restored.toString()).isEqualTo(201);
    assertThat(restored.json().getString("id")).isEqualTo(bob);

    // one matching both the externalId and the email wins over a more recently preserved one
    String other = Deployments.unique("ext");
    String frankEmail = Deployments.unique("frank") + "@acme.example";
    String frank = created(idp, "frank", other, frankEmail);
    String gina = created(idp, "gina", other, null);
    assertThat(idp.delete("/Users/" + frank).status()).isEqualTo(204);
    Thread.sleep(20);
    assertThat(idp.delete("/Users/" + gina).status()).isEqualTo(204);
    var both = idp.post("/Users", user(Deployments.unique("frank-again"), other, frankEmail));
    assertThat(both.status()).as(both.toString()).isEqualTo(201);
    assertThat(both.json().getString("id")).isEqualTo(frank);
    assertThat(carol).isNotEqualTo(frank);
  }

  private static String user(String userName, String externalId, String email) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\""
        + (externalId == null ? "" : ",\"externalId\":\"" + externalId + "\"")
        + (email == null ? "" : ",\"emails\":[{\"value\":\"" + email + "\",\"primary\":true}]") + "}";
  }

  private String created(Idp idp, String name, String externalId, String email) {
    var answer = idp.post("/Users", user(Deployments.unique(name), externalId, email));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getString("id");
  }

  @Test
  void attributesRoundTripAsSent() {
    var idp = idp();
    String enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    var created = idp.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s",
         "emails":[{"value":"%s@acme.example","type":"work","primary":true},{"value":"b@acme.example","type":"home","primary":false}],
         "%s":{"schemas":["%s"],"manager":{"value":"m-1","$ref":"../Users/m-1"}}}"""
        .formatted(enterprise, Deployments.unique("round"), Deployments.unique("a"), enterprise, enterprise));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    var read = idp.get("/Users/" + id);
    assertThat(read.header("Location")).endsWith("/scim/v2/Users/" + id);
    assertThat(read.json().getJsonArray("emails").getJsonObject(1).getBoolean("primary")).isFalse();
    assertThat(read.json().getJsonObject(enterprise).getJsonObject("manager").getString("$ref")).isEqualTo("../Users/m-1");

    var patched = idp.patch("/Users/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"replace","value":{"%s":{"schemas":["%s"],"manager":{"value":"m-2","$ref":"../Users/m-2"}}}}]}"""
        .formatted(enterprise, enterprise));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.header("Location")).endsWith("/scim/v2/Users/" + id);
    assertThat(patched.json().getJsonObject(enterprise).getJsonObject("manager").getString("$ref")).isEqualTo("../Users/m-2");

    // removing "active" would make a deactivated account active again: refused, nothing changes
    idp.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
    var remove = idp.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"active\"}]}");
    assertThat(remove.status()).isEqualTo(400);
    assertThat(remove.json().getString("scimType")).isEqualTo("mutability");
    assertThat(idp.get("/Users/" + id).json().getBoolean("active")).isFalse();
  }
}
