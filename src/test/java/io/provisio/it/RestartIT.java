package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data survives a restart: stop the server, start it again on the same database. */
class RestartIT {

  @Test
  void tenantIsStillThereAfterARestart() throws Exception {
    Path work = PayaraMicroProcess.workDir("restart-it");
    Map<String, String> env = PayaraMicroProcess.ownDatabase(work);
    String name = Deployments.unique("Durable");
    String id;
    try (var server = PayaraMicroProcess.start(work, env)) {
      id = Setup.tenant(server.base(), name);
      server.kill();
    }
    try (var server = PayaraMicroProcess.start(work, env)) {
      var tenant = Setup.operator(server.base()).get("/api/v1/tenants/" + id);
      assertThat(tenant.status()).isEqualTo(200);
      assertThat(tenant.json().getString("name")).isEqualTo(name);
    }
  }
}
