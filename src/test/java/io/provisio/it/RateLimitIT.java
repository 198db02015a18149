package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-token and per-address rate limits: 429 with Retry-After, then service again. */
class RateLimitIT {

  @Test
  void aClientOverItsLimitIsToldWhenToComeBack() throws Exception {
    Path work = PayaraMicroProcess.workDir("rate-limit-it");
    Map<String, String> env = new HashMap<>(PayaraMicroProcess.ownDatabase(work));
    env.putAll(Map.of(
        "PROVISIO_RATE_LIMIT_PER_TOKEN", "5",
        "PROVISIO_RATE_LIMIT_PER_IP", "50",
        "PROVISIO_RATE_LIMIT_BURST_SECONDS", "2"));
    try (var server = PayaraMicroProcess.start(work, env)) {
      String base = server.base();
      String tenantId = Setup.tenant(base, Deployments.unique("Rate"));
      var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
      cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
      String path = "/api/v1/tenants/" + tenantId + "/scim-token";
      var idp = Http.bearer(base, cloud.http().post(path, null).json().getString("token"));
      Thread.sleep(2_000); // the address's bucket refills after the set-up calls

      // 5 per second with bursts of 10: the burst is served, then the token is refused; a slow
      // machine refills the bucket while it sends, so the bound grows with the time taken
      long tokenStart = System.nanoTime();
      int tokenServed = 0;
      Http.Answer limited = idp.get("/scim/v2/Users");
      while (limited.status() == 200 && tokenServed < 200) {
        tokenServed++;
        limited = idp.get("/scim/v2/Users");
      }
      double tokenSeconds = (System.nanoTime() - tokenStart) / 1e9;
      assertThat(limited.status()).isEqualTo(429);
      assertThat(tokenServed).as("served in %.1f s", tokenSeconds)
          .isBetween(10, 10 + (int) Math.ceil(5 * tokenSeconds));
      assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
      assertThat(limited.json().getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
      assertThat(limited.json().getString("detail")).contains("Too many requests with this token");

      Thread.sleep(Integer.parseInt(limited.header("Retry-After")) * 1000L);
      assertThat(idp.get("/scim/v2/Users").status()).as("served again after Retry-After").isEqualTo(200);

      // per address: anonymous calls to the admin API, 50 per second with bursts of 100
      Thread.sleep(2_000);
      long start = System.nanoTime();
      int served = 0;
      Http.Answer answer = Http.anonymous(base).get("/api/v1/regions");
      while (answer.status() != 429 && served < 2_000) {
        served++;
        answer = Http.anonymous(base).get("/api/v1/regions");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(answer.status()).isEqualTo(429);
      assertThat(served).as("served in %.1f s", seconds).isLessThanOrEqualTo(100 + (int) Math.ceil(50 * seconds));
      assertThat(answer.header("Retry-After")).isEqualTo("1");
      assertThat(answer.json().getString("message")).contains("Too many requests from this address");
      // the token endpoint, refused by the same limit, answers as OAuth clients read errors (RFC 6749 §5.2)
      Http.Answer token;
      int tries = 0;
      do { // the bucket refills by one every 20 ms: a few calls may pass (401, no client) before the refusal
        token = Http.anonymous(base).send("POST", "/oauth/token", "grant_type=client_credentials",
            "application/x-www-form-urlencoded");
      } while (token.status() == 401 && ++tries < 2_000);
      assertThat(token.status()).isEqualTo(429);
      assertThat(token.json().getString("error")).isEqualTo("temporarily_unavailable");
      assertThat(token.json().getString("error_description")).contains("Too many requests from this address");
    }
  }
}
