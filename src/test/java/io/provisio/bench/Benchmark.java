package io.provisio.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The load generator (README "Performance"). It targets a running Provisio on PostgreSQL, seeds
 * data straight into the migrations' schema (1,000 tenants of 1,000 users, and one tenant of
 * 101,000 users with a group of 100,000 members), then runs each scenario at a fixed concurrency
 * for a fixed time after a warm-up, and prints throughput and latency percentiles, each as a
 * ratio to a baseline that does no work. Run with bench/run (see README).
 */
public final class Benchmark {

  private static final String SCIM = "application/scim+json";

  private final String base = System.getProperty("bench.url", "http://localhost:8080");
  private final String operator = System.getProperty("bench.operator.email", System.getenv("PROVISIO_OPERATOR_EMAIL"));
  private final String operatorPassword = System.getProperty("bench.operator.password", System.getenv("PROVISIO_OPERATOR_PASSWORD"));
  private final int connections = Integer.getInteger("bench.connections", 32);
  private final int seconds = Integer.getInteger("bench.seconds", 15);
  private final int warmup = Integer.getInteger("bench.warmup", 5);
  private final int bigTenantUsers = Integer.getInteger("bench.users", 101_000);
  /** Users of the big tenant outside the group, which the member scenarios add and remove. */
  private static final int OUTSIDERS = 1_000;
  private final int otherTenants = Integer.getInteger("bench.tenants", 1_000);
  private final int usersPerTenant = Integer.getInteger("bench.users-per-tenant", 1_000);
  private final int creates = Integer.getInteger("bench.creates", 100_000);
  private final String jdbc = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/provisio_bench");
  private final String serverPid = System.getProperty("bench.pid");
  /** HTTP/1.1 as the IdPs speak it: every worker thread keeps a connection of its own (no h2c multiplexing). */
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private String token;
  private String tenantId;
  private String groupId;
  private final List<String> userIds = new ArrayList<>();
  private final List<String> userNames = new ArrayList<>();
  private final List<String> outsiders = new ArrayList<>();
  private String cursorNearEnd;
  private final AtomicLong peakHeap = new AtomicLong();

  private String groupSize() {
    return String.format(Locale.ROOT, "%,d", bigTenantUsers - OUTSIDERS);
  }

  public static void main(String[] args) throws Exception {
    new Benchmark().run();
  }

  private void run() throws Exception {
    if ("flood".equals(System.getProperty("bench.scenario"))) {
      flood();
      return;
    }
    System.out.printf(Locale.ROOT, "Provisio benchmark against %s: %d connections, %d s per scenario after %d s warm-up%n",
        base, connections, seconds, warmup);
    setUp();
    seed();
    Thread sampler = new Thread(this::sampleHeap, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    var results = new ArrayList<Result>();
    Result baseline = measure("baseline GET /ServiceProviderConfig", () -> get("/scim/v2/ServiceProviderConfig", token));
    results.add(baseline);
    results.add(measure("no token (401) GET /ServiceProviderConfig", () -> get("/scim/v2/ServiceProviderConfig", null)));
    results.add(measure("GET /Users/{id}", () -> get("/scim/v2/Users/" + any(userIds), token)));
    results.add(measure("filter userName eq", () -> get("/scim/v2/Users?filter="
        + enc("userName eq \"" + any(userNames) + "\""), token)));
    results.add(measure("filter emails[type eq work].value eq", () -> get("/scim/v2/Users?filter="
        + enc("emails[type eq \"work\"].value eq \"" + any(userNames) + "\""), token)));
    results.add(measure("POST /Users", () -> send("POST", "/scim/v2/Users", newUser())));
    results.add(measure("PATCH deactivate (no path)", () -> send("PATCH", "/scim/v2/Users/" + any(userIds),
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":"
            + ThreadLocalRandom.current().nextBoolean() + "}}]}")));
    results.add(measure("PUT /Users/{id}", () -> {
      int i = ThreadLocalRandom.current().nextInt(userIds.size());
      return send("PUT", "/scim/v2/Users/" + userIds.get(i), "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
          + userNames.get(i) + "\",\"displayName\":\"Put " + i + "\",\"emails\":[{\"value\":\"" + userNames.get(i) + "\",\"type\":\"work\",\"primary\":true}]}");
    }));
    results.add(measure("page startIndex (count=100)", () -> get("/scim/v2/Users?count=100&startIndex="
        + (1 + ThreadLocalRandom.current().nextInt(bigTenantUsers - 100)), token)));
    results.add(measure("cursor first page (count=100)", () -> get("/scim/v2/Users?count=100&cursor=", token)));
    results.add(measure("cursor page near the end (count=100)", () -> get("/scim/v2/Users?count=100&cursor=" + cursorNearEnd, token)));
    results.add(measure("group member add (group of " + groupSize() + ")", () -> send("PATCH", "/scim/v2/Groups/" + groupId,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
            + any(outsiders) + "\"}]}]}")));
    results.add(measure("group member remove (group of " + groupSize() + ")", () -> send("PATCH", "/scim/v2/Groups/" + groupId,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + any(outsiders) + "\\\"]\"}]}")));

    System.out.println();
    System.out.printf(Locale.ROOT, "%-42s %10s %8s %8s %8s %8s %8s%n", "scenario", "req/s", "ratio", "p50 ms", "p95 ms", "p99 ms", "errors");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-42s %10.0f %8.2f %8.2f %8.2f %8.2f %8d%n", r.name, r.throughput, r.throughput / baseline.throughput,
          r.p50, r.p95, r.p99, r.errors);
    }
    // the cost of the token check itself, without queueing: one connection, valid token vs. none
    Result alone = measure("1 connection: GET /ServiceProviderConfig", 1, () -> get("/scim/v2/ServiceProviderConfig", token));
    Result refused = measure("1 connection: same without token (401)", 1, () -> get("/scim/v2/ServiceProviderConfig", null));
    System.out.printf(Locale.ROOT, "%ntoken authentication at the median, 1 connection: %.2f ms (valid token %.2f ms minus refused request %.2f ms)%n",
        alone.p50 - refused.p50, alone.p50, refused.p50);

    if (creates > 0) {
      long start = System.nanoTime();
      var done = new AtomicLong();
      var errors = new AtomicLong();
      var threads = new ArrayList<Thread>();
      for (int t = 0; t < connections; t++) {
        threads.add(startThread(() -> {
          while (done.incrementAndGet() <= creates) {
            if (send("POST", "/scim/v2/Users", newUser()) != 201) errors.incrementAndGet();
          }
        }));
      }
      for (Thread t : threads) t.join();
      double secondsTaken = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%d creates in %.1f s: %.0f creates/s sustained, %d errors%n", creates, secondsTaken, creates / secondsTaken, errors.get());
    }
    System.out.printf(Locale.ROOT, "server peak heap used: %s MiB; peak resident memory: %s%n",
        peakHeap.get() == 0 ? "n/a" : String.valueOf(peakHeap.get() / (1024 * 1024)), residentPeak());
  }

  private record Result(String name, double throughput, double p50, double p95, double p99, long errors) {}

  /**
   * README "Security": SCIM throughput on 2 connections of its own, alone and under an anonymous
   * flood of bogus HTTP Basic credentials on 64 connections (loopback, bounded in time); and the
   * server's processor time per flood request, for the bogus credentials and for requests with no
   * credentials at all (401).
   */
  private void flood() throws Exception {
    int floodConnections = Integer.getInteger("bench.flood.connections", 64);
    System.out.printf(Locale.ROOT, "Flood benchmark against %s: SCIM on 2 connections, flood on %d, %d s each after %d s warm-up%n",
        base, floodConnections, seconds, warmup);
    setUp();
    String userId = Json.createReader(new StringReader(client.send(HttpRequest.newBuilder(URI.create(base + "/scim/v2/Users"))
        .header("Authorization", "Bearer " + token).header("Content-Type", SCIM)
        .POST(HttpRequest.BodyPublishers.ofString(newUser())).build(), HttpResponse.BodyHandlers.ofString()).body()))
        .readObject().getString("id");
    Supplier<Integer> scim = () -> get("/scim/v2/Users/" + userId, token);
    measure("warm-up: SCIM GET /Users/{id}", 2, scim);
    Result alone = measure("SCIM GET /Users/{id}, alone", 2, scim);

    var statuses = new java.util.concurrent.ConcurrentHashMap<Integer, AtomicLong>();
    Supplier<Integer> bogus = () -> {
      String email = "nobody-" + UUID.randomUUID() + "@bench.example";
      var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants")).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":wrong-password").getBytes(StandardCharsets.UTF_8)))
          .GET();
      int status = status(request);
      statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
      return status;
    };
    var flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
    var floodThreads = new ArrayList<Thread>();
    for (int t = 0; t < floodConnections; t++) {
      floodThreads.add(startThread(() -> {
        while (flooding.get()) bogus.get();
      }));
    }
    Result underFlood = measure("SCIM GET /Users/{id}, under the flood", 2, scim);
    flooding.set(false);
    for (Thread t : floodThreads) t.join();
    long floodRequests = statuses.values().stream().mapToLong(AtomicLong::get).sum();
    String floodAnswers = statuses.toString();

    // what the idle server spends anyway (timers, GC), to count only what a request adds
    long idleStart = serverCpuMillis();
    Thread.sleep((warmup + seconds) * 1000L);
    double idleCpu = serverCpuMillis() - idleStart;
    // the flood alone, its address now backing off: what each refused request costs the server
    statuses.clear();
    long cpuBefore = serverCpuMillis();
    Result floodAlone = measure("the flood alone (address backing off)", floodConnections, bogus);
    double floodCpu = serverCpuMillis() - cpuBefore - idleCpu;
    long floodAloneRequests = statuses.values().stream().mapToLong(AtomicLong::get).sum();
    String floodAloneAnswers = statuses.toString();

    statuses.clear();
    // requests without credentials at the same rate as the refused flood (one a second per
    // connection), so that both are compared per request at the same load
    Supplier<Integer> anonymous = () -> {
      long start = System.nanoTime();
      int status = get("/api/v1/tenants", null);
      statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
      try {
        Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - start) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return status;
    };
    long cpuAnonymous = serverCpuMillis();
    Result noCredentials = measure("no credentials (401), 1/s per connection", floodConnections, anonymous);
    double anonymousCpu = serverCpuMillis() - cpuAnonymous - idleCpu;
    long anonymousRequests = statuses.values().stream().mapToLong(AtomicLong::get).sum();

    System.out.printf(Locale.ROOT, "%nSCIM on its own 2 connections: %.0f req/s alone, %.0f req/s under the flood: ratio %.2f%n",
        alone.throughput, underFlood.throughput, underFlood.throughput / alone.throughput);
    System.out.printf(Locale.ROOT, "the flood beside SCIM: %d requests in %d s (%.0f/s), answers by status %s%n", floodRequests,
        warmup + seconds, floodRequests / (double) (warmup + seconds), floodAnswers);
    System.out.printf(Locale.ROOT, "the flood alone: %.0f req/s, answers by status %s%n", floodAlone.throughput, floodAloneAnswers);
    System.out.printf(Locale.ROOT, "idle server: %.0f ms of processor time in %d s, subtracted below%n", idleCpu, warmup + seconds);
    System.out.printf(Locale.ROOT, "server processor time per request: bogus Basic while backing off %.3f ms, no credentials (401) %.3f ms%n",
        floodCpu / Math.max(1, floodAloneRequests), anonymousCpu / Math.max(1, anonymousRequests));
  }

  /** utime + stime of the server process, from /proc (clock ticks of 10 ms). */
  private long serverCpuMillis() {
    if (serverPid == null) return 0;
    try {
      String stat = Files.readString(Path.of("/proc", serverPid, "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (Exception e) {
      return 0;
    }
  }

  private Result measure(String name, Supplier<Integer> call) throws InterruptedException {
    return measure(name, connections, call);
  }

  private Result measure(String name, int threadCount, Supplier<Integer> call) throws InterruptedException {
    var histogram = new ConcurrentHistogram(3);
    var count = new AtomicLong();
    var errors = new AtomicLong();
    long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
    long end = warmEnd + seconds * 1_000_000_000L;
    var threads = new ArrayList<Thread>();
    for (int t = 0; t < threadCount; t++) {
      threads.add(startThread(() -> {
        while (true) {
          long before = System.nanoTime();
          if (before >= end) break;
          int status = call.get();
          long after = System.nanoTime();
          if (before >= warmEnd) {
            histogram.recordValue((after - before) / 1000);
            count.incrementAndGet();
            if (status >= 400 && !name.startsWith("no token")) errors.incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : threads) t.join();
    Histogram h = histogram;
    var result = new Result(name, count.get() / (double) seconds, h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0, errors.get());
    System.out.printf(Locale.ROOT, "  %-42s %8.0f req/s  p50 %.2f ms  p99 %.2f ms%n", name, result.throughput, result.p50, result.p99);
    return result;
  }

  private int get(String path, String bearer) {
    var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
    if (bearer != null) request.header("Authorization", "Bearer " + bearer);
    return status(request);
  }

  private int send(String method, String path, String body) {
    return status(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", SCIM)
        .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  private int status(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return 599;
    }
  }

  private String newUser() {
    String name = "bench-" + UUID.randomUUID() + "@bench.example";
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + name
        + "\",\"name\":{\"givenName\":\"Bench\",\"familyName\":\"User\"},\"emails\":[{\"value\":\"" + name + "\",\"type\":\"work\",\"primary\":true}]}";
  }

  private static Thread startThread(Runnable work) {
    Thread thread = new Thread(work);
    thread.start();
    return thread;
  }

  private static <T> T any(List<T> list) {
    return list.get(ThreadLocalRandom.current().nextInt(list.size()));
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private JsonObject admin(String method, String path, String body, String user, String password) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " " + response.body());
    }
    return response.body().isBlank() || !response.body().startsWith("{") ? Json.createObjectBuilder().build()
        : Json.createReader(new StringReader(response.body())).readObject();
  }

  /** The benchmark's own tenant, through the API as an administrator would set it up. */
  private void setUp() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    tenantId = admin("POST", "/api/v1/tenants", "{\"name\":\"bench-" + suffix + "\"}", operator, operatorPassword).getString("id");
    String email = "bench-" + suffix + "@bench.example";
    String password = "bench-password-" + suffix;
    admin("POST", "/api/v1/tenants/" + tenantId + "/administrators",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"role\":\"CLOUD_ADMIN\"}", operator, operatorPassword);
    admin("PATCH", "/api/v1/tenants/" + tenantId + "/settings", "{\"userManagementMode\":\"SCIM\"}", email, password);
    token = admin("POST", "/api/v1/tenants/" + tenantId + "/scim-token", null, email, password).getString("token");
    String region = admin("POST", "/api/v1/regions", "{\"name\":\"bench-" + suffix + "\"}", operator, operatorPassword).getString("id");
    String profile = admin("POST", "/api/v1/tenants/" + tenantId + "/profiles", "{\"name\":\"bench\",\"maxUsers\":0}", email, password).getString("id");
    admin("POST", "/api/v1/tenants/" + tenantId + "/mappings", "{\"name\":\"All users\",\"criterion\":{\"allUsers\":true},\"regionId\":\""
        + region + "\",\"profileId\":\"" + profile + "\",\"quotaGb\":10,\"sendActivationEmail\":false}", email, password);
    var group = client.send(HttpRequest.newBuilder(URI.create(base + "/scim/v2/Groups")).header("Authorization", "Bearer " + token)
        .header("Content-Type", SCIM).POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"bench-" + suffix + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    groupId = Json.createReader(new StringReader(group.body())).readObject().getString("id");
  }

  /** Seeds straight into the schema the migrations made (PostgreSQL): fast, and exactly what the service would store. */
  private void seed() throws Exception {
    long start = System.nanoTime();
    try (Connection db = DriverManager.getConnection(jdbc, System.getProperty("bench.jdbc.user", "postgres"),
        System.getProperty("bench.jdbc.password", "postgres"))) {
      try (var session = db.createStatement()) {
        // the foreign-key checks plan once per session, while the tables are still empty; without
        // this they would scan instead of using the primary key as the tables grow
        session.execute("SET enable_seqscan = off");
      }
      db.setAutoCommit(false);
      String batch = UUID.randomUUID().toString().substring(0, 6);
      // set-based: all other tenants in one statement, all their users (and email rows) in another
      try (var tenants = db.prepareStatement(
              "INSERT INTO tenant (id, name, name_lower, user_management_mode, api_access, created_at, version)"
                  + " SELECT md5(? || t)::uuid::text, 'bench-' || ? || '-' || t, 'bench-' || ? || '-' || t, 'SCIM', true, now(), 1"
                  + " FROM generate_series(1, ?) t");
          var others = db.prepareStatement(OTHER_USERS_SQL);
          var users = db.prepareStatement(USERS_SQL)) {
        tenants.setString(1, batch);
        tenants.setString(2, batch);
        tenants.setString(3, batch);
        tenants.setInt(4, otherTenants);
        tenants.executeUpdate();
        others.setInt(1, usersPerTenant);
        others.setString(2, "bench-" + batch + "-%");
        others.executeUpdate();
        db.commit();
        System.out.printf(Locale.ROOT, "  seeded %,d tenants of %,d users%n", otherTenants, usersPerTenant);
        insertUsers(users, tenantId, "big-" + batch, bigTenantUsers);
        db.commit();
      }
      try (var ids = db.prepareStatement("SELECT id, user_name FROM scim_user WHERE tenant_id = ? ORDER BY id")) {
        ids.setString(1, tenantId);
        var rows = ids.executeQuery();
        int i = 0;
        List<String> all = new ArrayList<>();
        while (rows.next()) {
          all.add(rows.getString(1));
          if (i % 10 == 0 && userIds.size() < 10_000) {
            userIds.add(rows.getString(1));
            userNames.add(rows.getString(2));
          }
          i++;
        }
        cursorNearEnd = Base64.getUrlEncoder().withoutPadding().encodeToString(all.get(all.size() - 150).getBytes(StandardCharsets.UTF_8));
        try (var members = db.prepareStatement("INSERT INTO group_member (group_id, user_id) VALUES (?, ?)")) {
          for (int m = 0; m < all.size(); m++) {
            if (m >= all.size() - OUTSIDERS) { // the rest of the tenant is in the group
              outsiders.add(all.get(m));
              continue;
            }
            members.setString(1, groupId);
            members.setString(2, all.get(m));
            members.addBatch();
            if (m % 5000 == 0) members.executeBatch();
          }
          members.executeBatch();
        }
      }
      db.commit();
      // a database in service has been vacuumed: statistics, and the visibility map that lets
      // counts run as index-only scans; and no autovacuum competes with the first scenarios
      try (var vacuum = db.createStatement()) {
        db.setAutoCommit(true);
        vacuum.execute("VACUUM ANALYZE");
      }
    }
    System.out.printf(Locale.ROOT, "seeded %,d users in %d tenants + %,d users (group of %,d) in %.0f s%n",
        (long) otherTenants * usersPerTenant, otherTenants, bigTenantUsers, bigTenantUsers - outsiders.size(), (System.nanoTime() - start) / 1e9);
  }

  private static final String OTHER_USERS_SQL =
      "WITH u AS (INSERT INTO scim_user (id, tenant_id, status, user_name, user_name_lower, display_name, given_name, family_name, active,"
          + " email, email_lower, account_name, user_principal_name, resource_json, created_at, last_modified, version)"
          + " SELECT md5(t.id || g)::uuid::text, t.id, 'ACTIVE', n, lower(n), 'User ' || g, 'User', 'No ' || g, true, n, lower(n), n, 'User ' || g,"
          + " '{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"' || n || '\",\"displayName\":\"User ' || g"
          + " || '\",\"emails\":[{\"value\":\"' || n || '\",\"type\":\"work\",\"primary\":true}],\"active\":true}', now(), now(), 1"
          + " FROM (SELECT t.id, g, 'user' || g || '@' || t.name || '.bench.example' AS n FROM tenant t, generate_series(1, ?) g"
          + " WHERE t.name LIKE ?) t"
          + " RETURNING id, email, email_lower)"
          + " INSERT INTO scim_user_value (user_id, attribute, item_position, item_value, item_value_lower, item_type, item_type_lower, primary_flag)"
          + " SELECT id, 'emails', 0, email, email_lower, 'work', 'work', true FROM u";

  // the big tenant: its users and (through the CTE) their email rows
  private static final String USERS_SQL =
      "WITH u AS (INSERT INTO scim_user (id, tenant_id, status, user_name, user_name_lower, display_name, given_name, family_name, active,"
          + " email, email_lower, account_name, user_principal_name, resource_json, created_at, last_modified, version)"
          + " SELECT md5(? || g)::uuid::text, ?, 'ACTIVE', n, lower(n), 'User ' || g, 'User', 'No ' || g, true, n, lower(n), n, 'User ' || g,"
          + " '{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"' || n || '\",\"name\":{\"givenName\":\"User\",\"familyName\":\"No ' || g"
          + " || '\"},\"displayName\":\"User ' || g || '\",\"emails\":[{\"value\":\"' || n || '\",\"type\":\"work\",\"primary\":true}],\"active\":true}',"
          + " now(), now(), 1 FROM (SELECT g, 'user' || g || '@' || ? || '.bench.example' AS n FROM generate_series(1, ?) g) s"
          + " RETURNING id, email, email_lower)"
          + " INSERT INTO scim_user_value (user_id, attribute, item_position, item_value, item_value_lower, item_type, item_type_lower, primary_flag)"
          + " SELECT id, 'emails', 0, email, email_lower, 'work', 'work', true FROM u";

  private static void insertUsers(java.sql.PreparedStatement users, String tenantId, String domain, int count)
      throws java.sql.SQLException {
    users.setString(1, tenantId);
    users.setString(2, tenantId);
    users.setString(3, domain);
    users.setInt(4, count);
    users.executeUpdate();
  }

  /** Samples the server's used heap with jcmd (same machine) every ten seconds. */
  private void sampleHeap() {
    if (serverPid == null) return;
    var used = java.util.regex.Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    while (true) {
      try {
        var process = new ProcessBuilder("jcmd", serverPid, "GC.heap_info").redirectErrorStream(true).start();
        var matcher = used.matcher(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        if (matcher.find()) peakHeap.accumulateAndGet(Long.parseLong(matcher.group(1)) * 1024, Math::max);
        process.waitFor();
        Thread.sleep(10_000); // jcmd starts a JVM: sampling more often would load the machine
      } catch (Exception e) {
        return;
      }
    }
  }

  private String residentPeak() {
    if (serverPid == null) return "n/a (set -Dbench.pid)";
    try {
      for (String line : Files.readAllLines(Path.of("/proc", serverPid, "status"))) {
        if (line.startsWith("VmHWM")) return line.substring(6).trim();
      }
    } catch (Exception e) {
      return "n/a";
    }
    return "n/a";
  }
}
