package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The warm-up before readiness (README "Performance", issue 19 item 5): a fresh server is alive at
 * once, its first readiness probe starts the warm-up and answers 503 until the warm-up's
 * calls (authenticated through the whole SCIM stack) are done, then 200; the IdP is served all
 * along.
 */
class WarmUpIT {

  @Test
  void readinessWaitsForTheWarmUpOfTheScimReadPaths() throws Exception {
    Path work = PayaraMicroProcess.workDir("warm-up-it");
    Map<String, String> env = new HashMap<>(PayaraMicroProcess.ownDatabase(work));
    env.put("PROVISIO_WARMUP_SECONDS", "8");
    try (var server = PayaraMicroProcess.startAlive(work, env)) {
      var anonymous = Http.anonymous(server.base());
      // a tenant with a group, served while the member warms up
      String tenantId = Setup.tenant(server.base(), Deployments.unique("Warm"));
      var cloud = Setup.admin(server.base(), tenantId, "CLOUD_ADMIN");
      cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
      var idp = Http.bearer(server.base(), cloud.http().post("/api/v1/tenants/" + tenantId + "/scim-token", null)
          .json().getString("token"));
      assertThat(idp.post("/scim/v2/Groups", "{\"displayName\":\"Warm\"}").status()).isEqualTo(201);

      // the first probe of readiness starts it: not ready, and says why
      var first = anonymous.get("/health/ready");
      assertThat(first.status()).isEqualTo(503);
      assertThat(first.json().getString("status")).isEqualTo("DOWN");
      assertThat(check(first.json(), "database").getString("status")).isEqualTo("UP");
      assertThat(check(first.json(), "warm-up").getString("status")).isEqualTo("DOWN");
      assertThat(anonymous.get("/health").status()).as("/health includes readiness").isEqualTo(503);
      assertThat(anonymous.get("/health/live").status()).as("alive while warming up").isEqualTo(200);
      // the IdP is served meanwhile: readiness steers a balancer, it refuses nobody
      assertThat(idp.get("/scim/v2/Groups?filter=displayName%20eq%20%22Warm%22").json()
          .getInt("totalResults")).isEqualTo(1);

      long started = System.nanoTime();
      Http.Answer ready = anonymous.get("/health/ready");
      while (ready.status() == 503 && System.nanoTime() - started < 90_000_000_000L) {
        Thread.sleep(500);
        ready = anonymous.get("/health/ready");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(ready.status()).as("ready after %.1f s", seconds).isEqualTo(200);
      assertThat(seconds).as("the warm-up runs its configured 8 s, not less").isGreaterThan(6);
      JsonObject warmUp = check(ready.json(), "warm-up");
      assertThat(warmUp.getString("status")).isEqualTo("UP");
      // every call answered what it should (authenticated reads 200 or 404, the call without a
      // token 401): a refused credential or a failing read would have ended it with one unexpected
      assertThat(warmUp.getJsonObject("data").getJsonNumber("unexpected").longValue()).isZero();
      assertThat(warmUp.getJsonObject("data").getJsonNumber("calls").longValue()).isGreaterThan(9);
      assertThat(anonymous.get("/health").status()).isEqualTo(200);

      assertThat(idp.get("/scim/v2/Groups").json().getInt("totalResults")).isEqualTo(1);

      // the warm-up's credential is never logged, and a made-up one from this (loopback) machine
      // is an ordinary unknown token
      String serverLog = Files.readString(server.log());
      assertThat(serverLog).contains("0 unexpected").doesNotContain("ends early");
      assertThat(Http.bearer(server.base(), UUID.randomUUID().toString()).get("/scim/v2/ServiceProviderConfig").status())
          .isEqualTo(401);
    }
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
  }
}
