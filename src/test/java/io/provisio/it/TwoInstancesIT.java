package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database: a token regenerated through one fails on the other on the very
 * next call, because no instance caches tokens.
 */
class TwoInstancesIT {

  @Test
  void aRegeneratedTokenFailsAtOnceOnTheOtherInstance() throws Exception {
    Path work = PayaraMicroProcess.workDir("two-instances-it");
    Map<String, String> env = PayaraMicroProcess.ownDatabase(work);
    // the first start creates the schema; the second instance joins the migrated database
    try (var a = PayaraMicroProcess.start(work, env)) {
      var startB = CompletableFuture.supplyAsync(() -> {
        try {
          return PayaraMicroProcess.start(work, env);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      String tenantId = Setup.tenant(a.base(), Deployments.unique("Two"));
      var cloud = Setup.admin(a.base(), tenantId, "CLOUD_ADMIN");
      cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
      String path = "/api/v1/tenants/" + tenantId + "/scim-token";
      String old = cloud.http().post(path, null).json().getString("token");
      try (var b = startB.get()) {
        assertThat(Http.bearer(b.base(), old).get("/scim/v2/ServiceProviderConfig").status()).isEqualTo(200);
        String fresh = cloud.http().post(path, null).json().getString("token");
        var onB = Http.bearer(b.base(), old).get("/scim/v2/ServiceProviderConfig");
        assertThat(onB.status()).isEqualTo(401);
        assertThat(onB.json().getString("detail")).contains("revoked");
        assertThat(Http.bearer(b.base(), fresh).get("/scim/v2/ServiceProviderConfig").status()).isEqualTo(200);
      }
    }
  }
}
