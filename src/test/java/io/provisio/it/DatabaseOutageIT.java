package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.provisio.it.ThrowawayPostgres.Outage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The database goes away under load and comes back (README "Reliability"): a PostgreSQL of the
 * test's own is restarted (fast and immediate), stopped for 20 s and frozen for 15 s while IdP
 * clients create, deactivate and read users and an administrator reads the summary, against one
 * instance and against a cluster of three. While it is away every answer is a 2xx or a 503 with
 * {@code Retry-After} and the right error body (never a 500, never a hang past the bound); within
 * 10 s after it is back everything is served again, {@code /health} included; every acknowledged
 * write is there with its provisioning-log entry, and nothing is half-written.
 */
class DatabaseOutageIT {

  private static final Path WORK = PayaraMicroProcess.workDir("outage-it");
  /**
   * The longest any call may take (README: the pool's bounds). A frozen database can make one
   * request meet up to three 5-s read timeouts in a row while the pool replaces its connections,
   * so its bound is wider; a restarted or stopped one answers within a few seconds.
   */
  private static final long BOUND_MILLIS = 10_000;
  private static final long FROZEN_BOUND_MILLIS = 20_000;
  private static final long RECOVERY_MILLIS = 10_000;
  /** Trust authentication ignores it; the logs must not show it all the same. */
  private static final String DB_PASSWORD = "db-password-" + java.util.UUID.randomUUID();

  private static ThrowawayPostgres postgres;
  private static final Map<String, List<PayaraMicroProcess>> DEPLOYMENTS = new HashMap<>();

  @BeforeAll
  static void startDatabaseAndServers() throws Exception {
    postgres = ThrowawayPostgres.start();
    postgres.createDatabase("outage_single");
    postgres.createDatabase("outage_cluster");
    DEPLOYMENTS.put("one instance", List.of(PayaraMicroProcess.start(WORK, environment("outage_single"))));
    List<Integer> hazelcast = PayaraMicroProcess.freePorts(3);
    String name = Deployments.unique("provisio-outage");
    Map<String, String> env = environment("outage_cluster");
    List<PayaraMicroProcess> members = new ArrayList<>();
    members.add(PayaraMicroProcess.startClusterMember(WORK, env, name, hazelcast, 0));
    List<CompletableFuture<PayaraMicroProcess>> joining = new ArrayList<>();
    for (int m = 1; m <= 2; m++) {
      int member = m;
      joining.add(CompletableFuture.supplyAsync(() -> {
        try {
          return PayaraMicroProcess.startClusterMember(WORK, env, name, hazelcast, member);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (var member : joining) members.add(member.get());
    DEPLOYMENTS.put("cluster of three", members);
  }

  private static Map<String, String> environment(String database) {
    return Map.of(
        "PROVISIO_POSTBOOT", Path.of("server-config", "payara-micro", "postgresql.asadmin").toAbsolutePath().toString(),
        "PROVISIO_DB_HOST", "127.0.0.1",
        "PROVISIO_DB_PORT", String.valueOf(postgres.port()),
        "PROVISIO_DB_NAME", database,
        "PROVISIO_DB_USER", "postgres",
        "PROVISIO_DB_PASSWORD", DB_PASSWORD);
  }

  @AfterAll
  static void stopAll() throws Exception {
    List<Path> logs = new ArrayList<>();
    for (var members : DEPLOYMENTS.values()) {
      for (var member : members) {
        member.close();
        logs.add(member.log());
      }
    }
    if (postgres != null) postgres.close();
    for (Path log : logs) {
      assertThat(Files.readString(log)).as("the database password in " + log).doesNotContain(DB_PASSWORD);
    }
  }

  static Stream<Arguments> outages() {
    return Stream.of("one instance", "cluster of three")
        .flatMap(deployment -> Stream.of(Outage.values()).map(outage -> Arguments.of(deployment, outage)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("outages")
  void theDatabaseGoesAwayAndComesBack(String deployment, Outage outage) throws Exception {
    List<PayaraMicroProcess> members = DEPLOYMENTS.get(deployment);
    String base = members.get(0).base();
    String tenantId = Setup.tenant(base, Deployments.unique("Outage"));
    var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    cloud.http().patch("/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}");
    String token = cloud.http().post("/api/v1/tenants/" + tenantId + "/scim-token", null).json().getString("token");
    Setup.allUsersMapping(base, cloud);
    List<Http> scim = members.stream().map(m -> Http.bearer(m.base(), token)).toList();

    var calls = new CallLog();
    String marker = Deployments.unique("outage");
    var writes = new AcknowledgedWrites(scim, members.size() == 1 ? 3 : 1, marker, calls);
    var readers = new Readers(members, scim, cloud, tenantId, calls);
    Thread.sleep(4_000);
    long away = System.currentTimeMillis();
    postgres.interrupt(outage);
    long back = System.currentTimeMillis();
    Thread.sleep(RECOVERY_MILLIS + 3_000);
    writes.stop();
    readers.stop();

    // what the callers saw
    // (a member may still hold connections broken by the previous case's outage: 503 is fine)
    assertThat(calls.where(c -> c.startMillis() < away && c.kind().startsWith("scim") && c.ok()))
        .as("served before").isNotEmpty();
    assertThat(calls.where(c -> !c.ok() && c.status() != 503)).as("answers other than 2xx and 503").isEmpty();
    long bound = outage == Outage.HANG_15_SECONDS ? FROZEN_BOUND_MILLIS : BOUND_MILLIS;
    assertThat(calls.where(c -> c.millis() > bound)).as("calls longer than " + bound + " ms").isEmpty();
    for (var refused : calls.where(c -> c.status() == 503)) {
      if (refused.kind().equals("health")) {
        assertThat(refused.body()).contains("\"DOWN\"");
        continue;
      }
      assertThat(refused.retryAfter()).as(refused.toString()).isNotBlank();
      assertThat(refused.body()).as(refused.toString()).contains("temporarily unavailable");
      if (refused.kind().startsWith("scim")) {
        assertThat(refused.body()).contains("urn:ietf:params:scim:api:messages:2.0:Error").contains("\"503\"");
      } else {
        assertThat(refused.body()).contains("\"status\":503");
      }
    }
    long lastRefused = calls.where(c -> !c.ok()).stream().mapToLong(CallLog.Call::startMillis).max().orElse(away);
    long recovered = Math.max(0, lastRefused - back);
    assertThat(recovered).as("ms after the database was back until everything was served").isLessThanOrEqualTo(RECOVERY_MILLIS);
    for (String kind : List.of("scim-write", "scim-read", "admin", "health")) {
      assertThat(calls.where(c -> c.kind().equals(kind) && c.startMillis() > back + RECOVERY_MILLIS))
          .as(kind + " after recovery").isNotEmpty().allMatch(CallLog.Call::ok);
    }
    var healthDown = calls.where(c -> c.kind().equals("health") && c.status() == 503);
    if (outage == Outage.STOP_20_SECONDS || outage == Outage.HANG_15_SECONDS) {
      assertThat(healthDown).as("/health DOWN while the database is away").isNotEmpty();
      assertThat(calls.where(c -> c.kind().startsWith("scim") && c.status() == 503)).as("SCIM 503s").isNotEmpty();
    }

    // nothing acknowledged is lost, nothing is half-written
    writes.assertAllFound(scim.get(0), cloud);
    assertNothingHalfWritten(members.size() == 1 ? "outage_single" : "outage_cluster", tenantId);

    long refusedWhileAway = calls.where(c -> c.status() == 503 && !c.kind().equals("health")).size();
    System.out.printf("%s, %s: %d calls; %d answered 503 (%d of them /health DOWN), none 500; longest"
            + " call %.1f s; database away %.1f s; everything served again %.1f s after it was back;"
            + " %d creates and %d deactivations acknowledged, all found%n",
        deployment, outage, calls.where(c -> true).size(), refusedWhileAway + healthDown.size(), healthDown.size(),
        calls.where(c -> true).stream().mapToLong(CallLog.Call::millis).max().orElse(0) / 1000.0,
        (back - away) / 1000.0, recovered / 1000.0, writes.creates(), writes.deactivations());
  }

  /** Start-up waits for a database that is not there yet (bounded, logged), then serves. */
  @Test
  void anInstanceStartedWhileTheDatabaseIsDownWaitsForIt() throws Exception {
    postgres.stopServer();
    CompletableFuture<PayaraMicroProcess> starting;
    try {
      List<Path> earlierLogs = serverLogs();
      starting = CompletableFuture.supplyAsync(() -> {
        try {
          return PayaraMicroProcess.start(WORK, environment("outage_single"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // the database stays away until the new server says it waits for it, however long its boot
      // takes (a fixed pause let a slow machine boot past it, and the database was back in time)
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (serverLogs().stream().filter(log -> !earlierLogs.contains(log))
          .noneMatch(log -> read(log).contains("Waiting for the database of data source jdbc/provisio"))) {
        assertThat(System.nanoTime()).as("the new server logged that it waits for the database").isLessThan(deadline);
        Thread.sleep(500);
      }
      Thread.sleep(5_000); // a few more attempts while the database is away
    } finally {
      postgres.startServer();
    }
    try (var server = starting.get(4, TimeUnit.MINUTES)) {
      assertThat(Files.readString(server.log()))
          .contains("Waiting for the database of data source jdbc/provisio")
          .contains("Database of data source jdbc/provisio reachable after");
      assertThat(Http.anonymous(server.base()).get("/health").status()).isEqualTo(200);
      assertThat(Files.readString(server.log())).as("the database password").doesNotContain(DB_PASSWORD);
      assertThat(Setup.operator(server.base()).get("/api/v1/tenants").status()).isEqualTo(200);
    }
  }

  private static List<Path> serverLogs() throws java.io.IOException {
    try (var files = Files.list(WORK)) {
      return files.filter(f -> f.getFileName().toString().startsWith("payara-")).toList();
    }
  }

  /** A log being written: bytes cut in the middle of a character are replaced, not refused. */
  private static String read(Path log) {
    try {
      return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** The console says so while the database is away, and clears the banner by itself after. */
  @Test
  void theConsoleShowsThatTheServiceIsTemporarilyUnavailable() throws Exception {
    String base = DEPLOYMENTS.get("one instance").get(0).base();
    String tenantId = Setup.tenant(base, Deployments.unique("Console"));
    var cloud = Setup.admin(base, tenantId, "CLOUD_ADMIN");
    Path profile = Files.createTempDirectory("provisio-outage-chromium");
    var driver = HeadlessChromium.start(profile, profile);
    try {
      var wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
      driver.get(base + "/console/");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-email"))).sendKeys(cloud.email());
      driver.findElement(By.id("login-password")).sendKeys(cloud.password());
      driver.findElement(By.id("login-submit")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app-view")));
      assertThat(driver.findElement(By.id("unavailable")).isDisplayed()).isFalse();
      // the console's navigation is drawn after the view appears: wait for it before the outage
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[data-nav='users']")));
      postgres.stopServer();
      try {
        driver.findElement(By.cssSelector("#nav a[data-nav='users']")).click();
        var banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("unavailable")));
        assertThat(banner.getText()).contains("Service temporarily unavailable").contains("database cannot be reached");
      } finally {
        postgres.startServer();
      }
      new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(100))
          .until(ExpectedConditions.invisibilityOfElementLocated(By.id("unavailable")));
    } finally {
      driver.quit();
    }
  }

  /** Every user of the tenant has its email and its CREATE log entry; every logged create its user. */
  private static void assertNothingHalfWritten(String database, String tenantId) throws Exception {
    try (var connection = DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database, "postgres", "");
        var check = connection.prepareStatement("""
            SELECT (SELECT COUNT(*) FROM scim_user u WHERE u.tenant_id = ? AND (u.email IS NULL OR NOT EXISTS
                      (SELECT 1 FROM provisioning_log l WHERE l.user_id = u.id AND l.operation = 'CREATE'
                         AND l.outcome = 'SUCCESS'))),
                   (SELECT COUNT(*) FROM provisioning_log l WHERE l.tenant_id = ? AND l.operation = 'CREATE'
                      AND l.outcome = 'SUCCESS' AND NOT EXISTS (SELECT 1 FROM scim_user u WHERE u.id = l.user_id))""")) {
      check.setString(1, tenantId);
      check.setString(2, tenantId);
      try (var row = check.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).as("users without email or CREATE log entry").isZero();
        assertThat(row.getLong(2)).as("logged creates without their user").isZero();
      }
    }
  }

  /** IdP reads, an administrator's summary and a load balancer's health checks, on every member. */
  private static final class Readers {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService pool;
    private final List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();

    Readers(List<PayaraMicroProcess> members, List<Http> scim, Setup.TenantAdmin admin, String tenantId, CallLog calls) {
      pool = Executors.newFixedThreadPool(members.size() * 3);
      for (int m = 0; m < members.size(); m++) {
        Http idp = scim.get(m);
        Http console = Http.basic(members.get(m).base(), admin.email(), admin.password());
        Http balancer = Http.anonymous(members.get(m).base());
        repeat(() -> calls.record("scim-read", () -> idp.get("/scim/v2/Users?count=5")), 20);
        repeat(() -> calls.record("admin", () -> console.get("/api/v1/tenants/" + tenantId + "/summary")), 100);
        repeat(() -> calls.record("health", () -> balancer.get("/health")), 200);
      }
    }

    private void repeat(Runnable call, long pauseMillis) {
      tasks.add(pool.submit(() -> {
        while (running.get()) {
          try {
            call.run();
          } catch (RuntimeException recorded) {
            // CallLog recorded it as "no answer"
          }
          Thread.sleep(pauseMillis);
        }
        return null;
      }));
    }

    void stop() throws Exception {
      running.set(false);
      for (var task : tasks) task.get();
      pool.shutdownNow();
    }
  }
}
