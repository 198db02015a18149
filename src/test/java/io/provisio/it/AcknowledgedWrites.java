package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady create-then-deactivate load, as an IdP sends it, that records every write the service
 * acknowledged (2xx), and the check that each of them is there afterwards: the user with its email,
 * the deactivation, the provisioning log entry, and nothing half-written.
 */
final class AcknowledgedWrites {

  private static final String DEACTIVATE =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
          + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}";

  private final String marker;
  /** "id userName" of each acknowledged create. */
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final Set<String> deactivated = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> perServer = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService pool;
  private final List<Future<?>> load = new ArrayList<>();
  private final CallLog calls;

  /**
   * Starts {@code threadsPerServer} writers against each of the SCIM clients (one per server, same
   * tenant); the userNames contain {@code marker}, so that the check can find the tenant's rows.
   */
  AcknowledgedWrites(List<Http> servers, int threadsPerServer, String marker) {
    this(servers, threadsPerServer, marker, new CallLog());
  }

  /** The same, recording every call in {@code calls} (kind "scim-write"). */
  AcknowledgedWrites(List<Http> servers, int threadsPerServer, String marker, CallLog calls) {
    this.marker = marker;
    this.calls = calls;
    pool = Executors.newFixedThreadPool(servers.size() * threadsPerServer);
    for (Http scim : servers) {
      perServer.put(scim.base(), new AtomicInteger());
      for (int t = 0; t < threadsPerServer; t++) {
        load.add(pool.submit(() -> write(scim)));
      }
    }
  }

  private Void write(Http scim) throws InterruptedException {
    while (running.get()) {
      String userName = Deployments.unique(marker) + "@acknowledged.example";
      try {
        var answer = calls.record("scim-write",
            () -> scim.send("POST", "/scim/v2/Users", user(userName), "application/scim+json"));
        if (answer.status() == 503) {
          Thread.sleep(200); // the service asks to retry later: back off a little, as IdPs do
        }
        if (answer.status() != 201) continue;
        String id = answer.json().getString("id");
        created.add(id + " " + userName);
        perServer.get(scim.base()).incrementAndGet();
        if (calls.record("scim-write",
                () -> scim.send("PATCH", "/scim/v2/Users/" + id, DEACTIVATE, "application/scim+json"))
            .status() == 200) {
          deactivated.add(id);
          perServer.get(scim.base()).incrementAndGet();
        }
      } catch (RuntimeException connectionLost) {
        // the server is gone: what it did not answer, it did not acknowledge
      }
    }
    return null;
  }

  private static String user(String userName) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true,
         "name":{"givenName":"Acknowledged","familyName":"Write"},
         "emails":[{"value":"%s","type":"work","primary":true}]}""".formatted(userName, userName);
  }

  /** How many writes the server behind this base URL has acknowledged so far. */
  int acknowledgedBy(String base) {
    return perServer.get(base).get();
  }

  int creates() {
    return created.size();
  }

  int deactivations() {
    return deactivated.size();
  }

  void stop() throws Exception {
    running.set(false);
    for (var writer : load) writer.get();
    pool.shutdownNow();
  }

  /** Every acknowledged write is found through these clients, and nothing of the tenant is half-written. */
  void assertAllFound(Http scim, Setup.TenantAdmin admin) {
    for (String entry : created) {
      String id = entry.split(" ")[0];
      String userName = entry.split(" ")[1];
      var user = scim.get("/scim/v2/Users/" + id);
      assertThat(user.status()).as("acknowledged " + userName).isEqualTo(200);
      assertThat(user.json().getJsonArray("emails").getJsonObject(0).getString("value")).isEqualTo(userName);
      if (deactivated.contains(id)) assertThat(user.json().getBoolean("active")).as(userName).isFalse();
      var logged = admin.http().get("/api/v1/tenants/" + admin.tenantId()
          + "/provisioning-log?outcome=SUCCESS&q=" + URLEncoder.encode(userName, StandardCharsets.UTF_8));
      assertThat(logged.json().getJsonArray("items").stream()
          .map(i -> i.asJsonObject().getString("operation"))).as(userName).contains("CREATE");
    }
    var report = admin.http().get("/api/v1/tenants/" + admin.tenantId() + "/users?limit=500&q=" + marker);
    for (var row : report.json().getJsonArray("items")) {
      assertThat(row.asJsonObject().getString("email", null)).as(row.toString()).isNotBlank();
    }
  }
}
