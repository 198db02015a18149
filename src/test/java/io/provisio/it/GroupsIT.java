package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SCIM /Groups as Okta's group push and Entra ID's group provisioning use it (SPEC §5). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GroupsIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL url;

  private record Idp(Setup.TenantAdmin admin, Http http) {
    Http.Answer send(String method, String path, String body) {
      return http.send(method, "/scim/v2" + path, body, "application/scim+json");
    }

    Http.Answer get(String path) {
      return http.get("/scim/v2" + path);
    }

    String user(String prefix) {
      var answer = send("POST", "/Users", "{\"userName\":\"" + Deployments.unique(prefix) + "\",\"displayName\":\"" + prefix + "\"}");
      assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
      return answer.json().getString("id");
    }
  }

  private Idp idp() {
    String base = url.toString();
    String tenantId = Setup.tenant(base, Deployments.unique("Grp"));
    var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    String token = cloud.http().post("/api/v1/tenants/" + tenantId + "/scim-token", null).json().getString("token");
    Setup.allUsersMapping(base, cloud);
    return new Idp(cloud, Http.bearer(base, token));
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static List<String> memberIds(Http.Answer group) {
    List<String> ids = new ArrayList<>();
    if (!group.json().containsKey("members")) {
      return ids; // an empty multi-valued attribute is left out (RFC 7643 §2.5)
    }
    group.json().getJsonArray("members").forEach(m -> ids.add(m.asJsonObject().getString("value")));
    return ids;
  }

  /**
   * A user's groups come with the user in one statement (UserStore.withGroups): every way of
   * reading one user shows them, in display-name order, whatever characters the names hold.
   */
  @Test
  void aUsersGroupsComeWithEveryReadOfTheUserWhateverTheirNames() {
    var idp = idp();
    String userName = Deployments.unique("member");
    var created = idp.send("POST", "/Users", "{\"userName\":\"" + userName + "\",\"externalId\":\"ext-" + userName + "\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String user = created.json().getString("id");
    // no groups: the empty attribute is left out (RFC 7643 §2.5)
    assertThat(idp.get("/Users/" + user).json().containsKey("groups")).isFalse();

    String tricky = "B; R\\&D: \u00e9quipe \uD83D\uDE00 " + Deployments.unique("x");
    String plain = "A " + Deployments.unique("plain");
    List<String> groupIds = new ArrayList<>();
    for (String name : List.of(tricky, plain)) {
      var group = idp.send("POST", "/Groups", jakarta.json.Json.createObjectBuilder()
          .add("schemas", jakarta.json.Json.createArrayBuilder().add("urn:ietf:params:scim:schemas:core:2.0:Group"))
          .add("displayName", name)
          .add("members", jakarta.json.Json.createArrayBuilder().add(jakarta.json.Json.createObjectBuilder().add("value", user)))
          .build().toString());
      assertThat(group.status()).as(group.toString()).isEqualTo(201);
      groupIds.add(group.json().getString("id"));
    }
    var byId = idp.get("/Users/" + user).json().getJsonArray("groups");
    var byUserName = idp.get("/Users?filter=" + q("userName eq \"" + userName + "\"")).json()
        .getJsonArray("Resources").getJsonObject(0).getJsonArray("groups");
    var byExternalId = idp.get("/Users?filter=" + q("externalId eq \"ext-" + userName + "\"")).json()
        .getJsonArray("Resources").getJsonObject(0).getJsonArray("groups");
    for (var groups : List.of(byId, byUserName, byExternalId)) {
      assertThat(groups.stream().map(g -> g.asJsonObject().getString("display")).toList()).containsExactly(plain, tricky);
      assertThat(groups.stream().map(g -> g.asJsonObject().getString("value")).toList())
          .containsExactly(groupIds.get(1), groupIds.get(0));
      assertThat(groups.getJsonObject(0).getString("$ref")).endsWith("/Groups/" + groupIds.get(1));
    }
  }

  @Test
  void oktaGroupPush() {
    var idp = idp();
    String alice = idp.user("alice");
    String bob = idp.user("bob");
    String carol = idp.user("carol");
    String name = Deployments.unique("Engineering");
    var created = idp.send("POST", "/Groups", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
         "members":[{"value":"%s","display":"alice"}]}""".formatted(name, alice));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(created.header("Location")).endsWith("/Groups/" + id);
    assertThat(memberIds(created)).containsExactly(alice);

    var swap = idp.send("PATCH", "/Groups/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"remove","path":"members[value eq \\"%s\\"]"},
          {"op":"add","path":"members","value":[{"value":"%s","display":"bob"},{"value":"%s"}]}]}"""
        .formatted(alice, bob, carol));
    assertThat(swap.status()).as(swap.toString()).isEqualTo(204);
    assertThat(memberIds(idp.get("/Groups/" + id))).containsExactlyInAnyOrder(bob, carol);

    // GET /Groups/{id} shows each member with its user's own display name (read with the group in
    // one statement), in id order; a user sent without displayName is shown by its userName
    String tricky = idp.user("R\\\\D; Ops: a");
    String namelessUserName = Deployments.unique("nameless");
    String noName = idp.send("POST", "/Users", "{\"userName\":\"" + namelessUserName + "\"}").json().getString("id");
    assertThat(idp.send("PATCH", "/Groups/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"add","path":"members","value":[{"value":"%s"},{"value":"%s"}]}]}""".formatted(tricky, noName))
        .status()).isEqualTo(204);
    var shown = idp.get("/Groups/" + id).json().getJsonArray("members").getValuesAs(jakarta.json.JsonObject.class);
    assertThat(shown.stream().map(m -> m.getString("value")).toList())
        .containsExactlyElementsOf(java.util.stream.Stream.of(bob, carol, tricky, noName).sorted().toList());
    assertThat(shown.stream().map(m -> m.getString("display")).toList())
        .containsExactlyElementsOf(java.util.stream.Stream.of(bob, carol, tricky, noName).sorted()
            .map(u -> u.equals(bob) ? "bob" : u.equals(carol) ? "carol" : u.equals(tricky) ? "R\\D; Ops: a" : namelessUserName)
            .toList());
    assertThat(idp.get("/Groups/" + id + "?excludedAttributes=members").json().containsKey("members")).isFalse();
    assertThat(idp.send("PATCH", "/Groups/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"remove","path":"members[value eq \\"%s\\"]"},{"op":"remove","path":"members[value eq \\"%s\\"]"}]}"""
        .formatted(tricky, noName)).status()).isEqualTo(204);

    String renamed = name + "-renamed";
    var rename = idp.send("PATCH", "/Groups/" + id + "?attributes=displayName", """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"replace","value":{"id":"%s","displayName":"%s"}}]}""".formatted(id, renamed));
    assertThat(rename.status()).isEqualTo(200);
    assertThat(rename.json().getString("displayName")).isEqualTo(renamed);
    assertThat(rename.json().containsKey("members")).isFalse();

    var replaceAll = idp.send("PATCH", "/Groups/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"replace","path":"members","value":[{"value":"%s"}]}]}""".formatted(alice));
    assertThat(replaceAll.status()).isEqualTo(204);
    assertThat(memberIds(idp.get("/Groups/" + id))).containsExactly(alice);

    var put = idp.send("PUT", "/Groups/" + id, """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"%s","displayName":"%s",
         "members":[{"value":"%s"},{"value":"%s"}]}""".formatted(id, renamed, bob, carol));
    assertThat(put.status()).isEqualTo(200);
    assertThat(memberIds(put)).containsExactlyInAnyOrder(bob, carol);

    var user = idp.get("/Users/" + bob);
    assertThat(user.json().getJsonArray("groups").getJsonObject(0).getString("value")).isEqualTo(id);
    var page = idp.get("/Users?filter=" + q("groups.value eq \"" + id + "\"") + "&count=1");
    assertThat(page.json().getInt("totalResults")).isEqualTo(2);
    assertThat(page.json().getJsonArray("Resources")).hasSize(1);

    assertThat(idp.send("DELETE", "/Groups/" + id, null).status()).isEqualTo(204);
    assertThat(idp.get("/Groups/" + id).status()).isEqualTo(404);
    assertThat(idp.get("/Users/" + bob).status()).isEqualTo(200);
  }

  @Test
  void entraGroupProvisioning() {
    var idp = idp();
    String alice = idp.user("alice");
    String bob = idp.user("bob");
    String carol = idp.user("carol");
    String name = Deployments.unique("Sales");
    var lookup = idp.get("/Groups?excludedAttributes=members&filter=" + q("displayName eq \"" + name + "\""));
    assertThat(lookup.json().getInt("totalResults")).isZero();
    String id = idp.send("POST", "/Groups", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"ext-1","displayName":"%s","members":[]}"""
        .formatted(name)).json().getString("id");

    var add = idp.send("PATCH", "/Groups/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"},{"$ref":null,"value":"%s"},{"$ref":null,"value":"%s"}]}]}"""
        .formatted(alice, bob, carol));
    assertThat(add.status()).isEqualTo(204);

    var removeListed = idp.send("PATCH", "/Groups/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"Remove","path":"members","value":[{"value":"%s"}]}]}""".formatted(alice));
    assertThat(removeListed.status()).isEqualTo(204);
    assertThat(memberIds(idp.get("/Groups/" + id))).containsExactlyInAnyOrder(bob, carol);

    var removeFiltered = idp.send("PATCH", "/Groups/" + id, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"Remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(bob));
    assertThat(removeFiltered.status()).isEqualTo(204);
    assertThat(memberIds(idp.get("/Groups/" + id))).containsExactly(carol);

    var found = idp.get("/Groups?excludedAttributes=members&filter=" + q("displayName eq \"" + name.toUpperCase() + "\""));
    assertThat(found.json().getInt("totalResults")).isEqualTo(1);
    assertThat(found.body()).doesNotContain("\"members\"");

    // deleting (preserving) a user removes it from its groups
    assertThat(idp.send("DELETE", "/Users/" + carol, null).status()).isEqualTo(204);
    assertThat(memberIds(idp.get("/Groups/" + id))).isEmpty();
    var log = idp.admin().http().get("/api/v1/tenants/" + idp.admin().tenantId() + "/provisioning-log?q=" + name.toLowerCase());
    assertThat(log.body()).contains("GROUP_CREATE", "GROUP_PATCH");
  }

  @Test
  void groupErrors() {
    var idp = idp();
    var other = idp();
    String foreign = other.user("foreign");
    String name = Deployments.unique("Ops");
    var badMember = idp.send("POST", "/Groups", "{\"displayName\":\"" + name + "\",\"members\":[{\"value\":\"" + foreign + "\"}]}");
    assertThat(badMember.status()).isEqualTo(400);
    assertThat(badMember.json().getString("scimType")).isEqualTo("invalidValue");
    assertThat(badMember.json().getString("detail")).contains(foreign);
    // a deleted (preserved) user of the same account is no member either
    String deleted = idp.user("deleted");
    assertThat(idp.send("DELETE", "/Users/" + deleted, null).status()).isEqualTo(204);
    var preservedMember = idp.send("POST", "/Groups", "{\"displayName\":\"" + name + "\",\"members\":[{\"value\":\"" + deleted + "\"}]}");
    assertThat(preservedMember.status()).isEqualTo(400);
    assertThat(preservedMember.json().getString("detail")).contains(deleted);

    var created = idp.send("POST", "/Groups", "{\"displayName\":\"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    // a refused write of a stored group is logged under the group's name, which the request does not carry
    var stale = idp.http().send(idp.http().request("/scim/v2/Groups/" + created.json().getString("id"))
        .header("Content-Type", "application/scim+json").header("If-Match", "W/\"999\"")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
            patch("{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"x\"}"))));
    assertThat(stale.status()).isEqualTo(412);
    var duplicate = idp.send("POST", "/Groups", "{\"displayName\":\"" + name.toLowerCase() + "\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().getString("scimType")).isEqualTo("uniqueness");
    var log = idp.admin().http().get("/api/v1/tenants/" + idp.admin().tenantId() + "/provisioning-log?q=" + name.toLowerCase());
    assertThat(log.body()).as("a group's name, not a userName, with its own remedy")
        .contains("GROUP_NAME_TAKEN", "displayName").doesNotContain("USERNAME_TAKEN");
    var staleEntry = log.json().getJsonArray("items").stream().map(jakarta.json.JsonValue::asJsonObject)
        .filter(e -> "GROUP_PATCH".equals(e.getString("operation", ""))).findFirst().orElseThrow();
    assertThat(staleEntry.getString("outcome")).isEqualTo("FAILURE");
    assertThat(staleEntry.getString("userName")).isEqualTo(name);

    var noName = idp.send("POST", "/Groups", "{\"members\":[]}");
    assertThat(noName.status()).isEqualTo(400);
    var discovery = idp.get("/ResourceTypes");
    assertThat(discovery.body()).contains("\"Group\"", "/Groups");
  }

  private static String patch(String... operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
        + String.join(",", operations) + "]}";
  }

  /** Every PATCH form of RFC 7644 §3.5.2 and of the IdPs, on a group of several members. */
  @Test
  void everyPatchFormChangesOnlyTheMembersItNames() {
    var idp = idp();
    String u1 = idp.user("u1");
    String u2 = idp.user("u2");
    String u3 = idp.user("u3");
    String u4 = idp.user("u4");
    String u5 = idp.user("u5");
    String id = idp.send("POST", "/Groups", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
         "members":[{"value":"%s"},{"value":"%s"},{"value":"%s"}]}""".formatted(Deployments.unique("Team"), u1, u2, u3))
        .json().getString("id");
    String group = "/Groups/" + id;

    // replace the matched member only (RFC 7644 §3.5.2.3): u2 and u3 stay
    var replaceOne = idp.send("PATCH", group, patch(
        "{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + u1 + "\\\"]\",\"value\":{\"value\":\"" + u4 + "\"}}"));
    assertThat(replaceOne.status()).as(replaceOne.toString()).isEqualTo(204);
    assertThat(memberIds(idp.get(group))).containsExactlyInAnyOrder(u2, u3, u4);

    // a member's display is the user's: read-only, refused, nothing changed
    var display = idp.send("PATCH", group, patch(
        "{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + u2 + "\\\"].display\",\"value\":\"Someone\"}"));
    assertThat(display.status()).as(display.toString()).isEqualTo(400);
    assertThat(display.json().getString("scimType")).isEqualTo("mutability");
    assertThat(memberIds(idp.get(group))).containsExactlyInAnyOrder(u2, u3, u4);

    // Entra: capitalised op, "$ref": null, adding a member twice changes nothing
    var add = idp.send("PATCH", group, patch(
        "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + u5 + "\"},{\"value\":\"" + u4 + "\"}]}"));
    assertThat(add.status()).as(add.toString()).isEqualTo(204);
    assertThat(memberIds(idp.get(group))).containsExactlyInAnyOrder(u2, u3, u4, u5);

    // Entra: remove with a value array removes only those listed
    var removeListed = idp.send("PATCH", group, patch(
        "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + u2 + "\"}]}"));
    assertThat(removeListed.status()).isEqualTo(204);
    assertThat(memberIds(idp.get(group))).containsExactlyInAnyOrder(u3, u4, u5);

    // a value filter on another sub-attribute than value
    var removeByDisplay = idp.send("PATCH", group, patch(
        "{\"op\":\"remove\",\"path\":\"members[display eq \\\"u3\\\"]\"}"));
    assertThat(removeByDisplay.status()).as(removeByDisplay.toString()).isEqualTo(204);
    assertThat(memberIds(idp.get(group))).containsExactlyInAnyOrder(u4, u5);

    // Okta: a path-less replace renames and leaves the members alone; several operations at once
    var okta = idp.send("PATCH", group, patch(
        "{\"op\":\"replace\",\"value\":{\"id\":\"" + id + "\",\"displayName\":\"Renamed " + id + "\"}}",
        "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u5 + "\\\"]\"}",
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u1 + "\"}]}"));
    assertThat(okta.status()).as(okta.toString()).isEqualTo(204);
    var after = idp.get(group);
    assertThat(after.json().getString("displayName")).isEqualTo("Renamed " + id);
    assertThat(memberIds(after)).containsExactlyInAnyOrder(u1, u4);

    // one bad operation: none applies
    var atomic = idp.send("PATCH", group, patch(
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u2 + "\"}]}",
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"no-such-user\"}]}"));
    assertThat(atomic.status()).isEqualTo(400);
    assertThat(memberIds(idp.get(group))).containsExactlyInAnyOrder(u1, u4);

    // remove "members": all of them
    assertThat(idp.send("PATCH", group, patch("{\"op\":\"remove\",\"path\":\"members\"}")).status()).isEqualTo(204);
    assertThat(memberIds(idp.get(group))).isEmpty();
  }

  @Test
  void oneProtocolForGroupsAndUsers() {
    var idp = idp();
    String user = idp.user("root-search");
    String name = Deployments.unique("Engineering");
    var created = idp.send("POST", "/Groups", "{\"displayName\":\"" + name + "\",\"members\":[{\"value\":\"" + user + "\"}]}");
    String id = created.json().getString("id");
    String etag = created.header("ETag");

    // ETags, preconditions and Location on every answer that carries the group
    var read = idp.get("/Groups/" + id);
    assertThat(read.header("Location")).endsWith("/Groups/" + id);
    assertThat(read.header("ETag")).isEqualTo(etag);
    var notModified = idp.http().send(idp.http().request("/scim/v2/Groups/" + id).header("If-None-Match", etag).GET());
    assertThat(notModified.status()).isEqualTo(304);
    var stale = idp.http().send(idp.http().request("/scim/v2/Groups/" + id)
        .header("If-Match", "W/\"999\"").header("Content-Type", "application/scim+json")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(patch("{\"op\":\"remove\",\"path\":\"members\"}"))));
    assertThat(stale.status()).isEqualTo(412);
    var put = idp.send("PUT", "/Groups/" + id, "{\"displayName\":\"" + name + "\"}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.header("Location")).endsWith("/Groups/" + id);

    // the same parameter parsing as /Users
    for (String query : List.of("startIndex=abc", "count=many")) {
      var bad = idp.get("/Groups?" + query);
      assertThat(bad.status()).as(query).isEqualTo(400);
      assertThat(bad.json().getString("scimType")).isEqualTo("invalidValue");
      assertThat(bad.json().getString("detail")).contains(query.split("=")[0]);
    }
    var searched = idp.send("POST", "/Groups/.search",
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"displayName eq \\\"" + name + "\\\"\",\"count\":\"1\"}");
    assertThat(searched.status()).as(searched.toString()).isEqualTo(200);
    assertThat(searched.json().getInt("itemsPerPage")).isEqualTo(1);

    // a root query covers every resource type (RFC 7644 §3.4.2.1)
    var root = idp.send("POST", "/.search", "{\"filter\":\"displayName eq \\\"" + name + "\\\"\"}");
    assertThat(root.status()).as(root.toString()).isEqualTo(200);
    assertThat(root.json().getInt("totalResults")).isEqualTo(1);
    assertThat(root.json().getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);
    var groupsOnly = idp.send("POST", "/.search", "{\"filter\":\"meta.resourceType eq \\\"Group\\\"\"}");
    assertThat(groupsOnly.status()).as(groupsOnly.toString()).isEqualTo(200);
    assertThat(groupsOnly.json().getInt("totalResults")).isEqualTo(1);
    var both = idp.send("POST", "/.search", "{\"filter\":\"id eq \\\"" + id + "\\\" or id eq \\\"" + user + "\\\"\"}");
    assertThat(both.json().getInt("totalResults")).isEqualTo(2);
    assertThat(both.body()).contains("\"resourceType\":\"User\"", "\"resourceType\":\"Group\"");
  }
}
