package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How many times a SCIM create waits for PostgreSQL (issue 19 item 3: at most four), counted on
 * the wire: the server's connections go through {@link PostgresRoundTrips}, which ends a round
 * trip at every message after which the driver waits for an answer. A create's round trips are
 * those of its transaction, on the connection that carried its insert, up to its COMMIT. Run on
 * PostgreSQL only (the embedded H2 has no wire).
 */
class RoundTripsIT {

  private static final int CREATES = 20;

  @Test
  void aCreateWaitsForTheDatabaseAtMostFourTimesWithAndWithoutAProfileMaximum() throws Exception {
    Path work = PayaraMicroProcess.workDir("round-trips-it");
    try (var relay = new PostgresRoundTrips(Integer.parseInt(System.getenv("PROVISIO_DB_PORT")))) {
      Map<String, String> env = new HashMap<>();
      env.put("PROVISIO_DB_PORT", String.valueOf(relay.port()));
      try (var server = PayaraMicroProcess.start(work, env)) {
        var unlimited = idp(server.base(), 0);
        var limited = idp(server.base(), 10_000);

        for (var idp : List.of(unlimited, limited)) {
          for (int i = 0; i < 10; i++) { // the statements are prepared on the server from their fifth use
            assertThat(idp.post("/scim/v2/Users", user()).status()).isEqualTo(201);
          }
        }

        List<Integer> withoutMaximum = roundTripsOfCreates(relay, unlimited);
        List<Integer> withMaximum = roundTripsOfCreates(relay, limited);

        assertThat(median(withoutMaximum)).as("round trips per create, profile without a maximum: %s", withoutMaximum)
            .isLessThanOrEqualTo(4);
        assertThat(median(withMaximum)).as("round trips per create, profile with a maximum: %s", withMaximum)
            .isLessThanOrEqualTo(4);
        // what the batched insert wrote reads back as sent: the account, its email row, version 1
        String email = Deployments.unique("read-back") + "@example.com";
        var created = unlimited.post("/scim/v2/Users", user(email));
        var read = unlimited.get("/scim/v2/Users/" + created.json().getString("id")).json();
        assertThat(read.getJsonArray("emails").getJsonObject(0).getString("value")).isEqualTo(email);
        assertThat(read.getJsonObject("name").getString("familyName")).isEqualTo("T");
        assertThat(read.getJsonObject("meta").getString("version")).isEqualTo("W/\"1\"");
        assertThat(unlimited.get("/scim/v2/Users?filter=emails%20eq%20%22" + email + "%22").json()
            .getInt("totalResults")).isEqualTo(1);
      }
    }
  }

  private static String user() {
    return user(Deployments.unique("rt") + "@example.com");
  }

  private static String user(String email) {
    String name = Deployments.unique("rt");
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + name
        + "\",\"externalId\":\"" + name + "\",\"name\":{\"givenName\":\"R\",\"familyName\":\"T\"},"
        + "\"emails\":[{\"value\":\"" + email + "\",\"type\":\"work\",\"primary\":true}],\"active\":true}";
  }

  /** A tenant whose every user goes to a profile with this maximum (0: none), and its IdP. */
  private static Http idp(String base, int maxUsers) {
    String tenantId = Setup.tenant(base, Deployments.unique("RoundTrips"));
    var admin = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    admin.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    Setup.mapping(admin, "All users", "{\"allUsers\":true}", Setup.region(base, "HEALTHY"),
        Setup.profile(admin, maxUsers), 50);
    return Http.bearer(base, admin.http().post("/api/v1/tenants/" + tenantId + "/scim-token", null)
        .json().getString("token"));
  }

  /** Makes {@link #CREATES} creates one after the other; the round trips of each. */
  private static List<Integer> roundTripsOfCreates(PostgresRoundTrips relay, Http idp) throws InterruptedException {
    List<Integer> counts = new ArrayList<>();
    for (int i = 0; i < CREATES; i++) {
      relay.take();
      assertThat(idp.post("/scim/v2/Users", user()).status()).isEqualTo(201);
      List<PostgresRoundTrips.RoundTrip> seen = new ArrayList<>();
      List<PostgresRoundTrips.RoundTrip> transaction = null;
      for (int wait = 0; wait < 100 && transaction == null; wait++) {
        seen.addAll(relay.take());
        transaction = transactionOfCreate(seen);
        if (transaction == null) Thread.sleep(20);
      }
      assertThat(transaction).as("the create's transaction among %s", seen).isNotNull();
      System.out.println("[round trips] create " + i + ": " + transaction.size() + " " + transaction);
      counts.add(transaction.size());
    }
    return counts;
  }

  /**
   * The round trips of the transaction that inserted a user: on its connection, from the first
   * after an earlier COMMIT or ROLLBACK to its own COMMIT; null while the COMMIT is not seen yet.
   */
  static List<PostgresRoundTrips.RoundTrip> transactionOfCreate(List<PostgresRoundTrips.RoundTrip> seen) {
    int insert = -1;
    for (int i = 0; i < seen.size(); i++) {
      if (seen.get(i).carries("INSERT INTO scim_user (")) insert = i;
    }
    if (insert < 0) return null;
    int connection = seen.get(insert).connection();
    List<PostgresRoundTrips.RoundTrip> before = new ArrayList<>();
    for (int i = insert - 1; i >= 0; i--) {
      var roundTrip = seen.get(i);
      if (roundTrip.connection() != connection) continue;
      if (roundTrip.carries("COMMIT") || roundTrip.carries("ROLLBACK")) break;
      before.add(0, roundTrip);
    }
    List<PostgresRoundTrips.RoundTrip> transaction = new ArrayList<>(before);
    for (int i = insert; i < seen.size(); i++) {
      var roundTrip = seen.get(i);
      if (roundTrip.connection() != connection) continue;
      transaction.add(roundTrip);
      if (roundTrip.carries("COMMIT")) return transaction;
    }
    return null;
  }

  private static int median(List<Integer> counts) {
    var sorted = counts.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
