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
  /** Every member of a cluster (bench/run with BENCH_MEMBERS): SCIM calls go to each in turn. */
  private final List<String> members = List.of(System.getProperty("bench.urls", base).split(","));
  private final AtomicLong nextMember = new AtomicLong();
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
  /** Seconds of the read mix right after start-up, reported per 10 s (0: none). */
  private final int coldSeconds = Integer.getInteger("bench.cold-seconds", 60);
  private final String jdbc = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/provisio_bench");
  private final String serverPid = System.getProperty("bench.pid");
  /**
   * fresh: VACUUM ANALYZE after seeding (a database in service). empty: the tables are analyzed
   * while still empty and never after the bulk load, the state right after an import or wherever
   * autovacuum is late (PostgreSQL then believes every table empty).
   */
  private final String statistics = statistics(System.getProperty("bench.statistics", "fresh"));

  private static String statistics(String mode) {
    if (!mode.equals("fresh") && !mode.equals("empty")) {
      throw new IllegalArgumentException("-Dbench.statistics is fresh or empty, not " + mode);
    }
    return mode;
  }
  /** HTTP/1.1 as the IdPs speak it: every worker thread keeps a connection of its own (no h2c multiplexing). */
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private String token;
  private String tenantId;
  private String groupId;
  private String adminEmail;
  private String adminPassword;
  private final List<String> userIds = new ArrayList<>();
  private final List<String> userNames = new ArrayList<>();
  private final List<String> externalIds = new ArrayList<>();
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
    if ("doctor".equals(System.getProperty("bench.scenario"))) {
      doctor();
      return;
    }
    if ("scale".equals(System.getProperty("bench.scenario"))) {
      scale();
      return;
    }
    if ("token".equals(System.getProperty("bench.scenario"))) {
      tokenRounds();
      return;
    }
    if ("reads".equals(System.getProperty("bench.scenario"))) {
      readRounds();
      return;
    }
    if ("creates".equals(System.getProperty("bench.scenario"))) {
      // creates alone (after bench.warmup seconds of creates to warm the server up)
      setUp();
      seed();
      measure("warm-up: POST /Users", () -> send("POST", "/scim/v2/Users", newUser()));
      sustainedCreates();
      return;
    }
    System.out.printf(Locale.ROOT, "Provisio benchmark against %s: %d connections, %d s per scenario after %d s warm-up,"
        + " %s statistics%n", base, connections, seconds, warmup, statistics);
    setUp();
    seed();
    Thread sampler = new Thread(this::sampleHeap, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    // the first minute of a server that has served nothing yet (a member joining under load), in
    // 10 s steps; it also warms the server up before the scenarios are measured
    warmGenerator(Integer.getInteger("bench.generator-warmup", 30));
    double[] cold = readMix(coldSeconds, 10);

    var results = new ArrayList<Result>();
    Result baseline = measure("baseline GET /ServiceProviderConfig", () -> get("/scim/v2/ServiceProviderConfig", token));
    results.add(baseline);
    results.add(measure("no token (401) GET /ServiceProviderConfig", () -> get("/scim/v2/ServiceProviderConfig", null)));
    results.add(measure("GET /Users/{id}", () -> get("/scim/v2/Users/" + any(userIds), token)));
    results.add(measure("filter userName eq", () -> get("/scim/v2/Users?filter="
        + enc("userName eq \"" + any(userNames) + "\""), token)));
    results.add(measure("filter externalId eq", () -> get("/scim/v2/Users?filter="
        + enc("externalId eq \"" + any(externalIds) + "\""), token)));
    results.add(measure("filter emails eq", () -> get("/scim/v2/Users?filter="
        + enc("emails eq \"" + any(userNames) + "\""), token)));
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
    databaseAlone(baseline);
    // the cost of the token check itself, without queueing: one connection, valid token vs. none
    Result alone = measure("1 connection: GET /ServiceProviderConfig", 1, () -> get("/scim/v2/ServiceProviderConfig", token));
    Result refused = measure("1 connection: same without token (401)", 1, () -> get("/scim/v2/ServiceProviderConfig", null));
    System.out.printf(Locale.ROOT, "%ntoken authentication at the median, 1 connection: %.2f ms (valid token %.2f ms minus refused request %.2f ms)%n",
        alone.p50 - refused.p50, alone.p50, refused.p50);

    sustainedCreates();
    if (coldSeconds > 0) {
      double warm = readMix(10, 10)[0];
      double coldMean = java.util.Arrays.stream(cold).limit(6).average().orElse(0);
      System.out.printf(Locale.ROOT, "cold start: the read mix's first minute averaged %.0f req/s, %.2f of its warm rate"
          + " at the end of the run (%.0f req/s)%n", coldMean, coldMean / warm, warm);
    }
    System.out.printf(Locale.ROOT, "server peak heap used: %s MiB; peak resident memory: %s%n",
        peakHeap.get() == 0 ? "n/a" : String.valueOf(peakHeap.get() / (1024 * 1024)), residentPeak());
  }

  /**
   * Issue 19 item 1 alone: after bench.cold-seconds of the read mix, bench.rounds rounds of the
   * do-nothing call with a valid token and the same call without one, side by side, each round's
   * ratio printed: how much the token check (and the rest of an authenticated call's path) costs
   * under load, and how much that ratio moves between rounds on a shared machine.
   */
  private void tokenRounds() throws Exception {
    setUp();
    seed();
    readMix(coldSeconds, 10);
    int rounds = Integer.getInteger("bench.rounds", 3);
    var ratios = new ArrayList<Double>();
    for (int round = 1; round <= rounds; round++) {
      Result valid = measure("round " + round + ": GET /ServiceProviderConfig", () -> get("/scim/v2/ServiceProviderConfig", token));
      Result refused = measure("round " + round + ": same without token (401)", () -> get("/scim/v2/ServiceProviderConfig", null));
      ratios.add(valid.throughput / refused.throughput);
      System.out.printf(Locale.ROOT, "round %d: valid token %.0f req/s, refused %.0f req/s, ratio %.2f (p50 %.2f / %.2f ms)%n",
          round, valid.throughput, refused.throughput, valid.throughput / refused.throughput, valid.p50, refused.p50);
    }
    System.out.printf(Locale.ROOT, "token rounds: ratio valid/refused per round %s%n", ratios.stream()
        .map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
  }

  /**
   * Issue 19 item 2 alone: after bench.cold-seconds of the read mix, bench.rounds rounds of the
   * do-nothing call and the one-statement reads side by side, each read's ratio to the do-nothing
   * call of its own round printed, then what PostgreSQL alone serves of the read's statement.
   */
  private void readRounds() throws Exception {
    setUp();
    seed();
    readMix(coldSeconds, 10);
    int rounds = Integer.getInteger("bench.rounds", 3);
    Result baseline = null;
    for (int round = 1; round <= rounds; round++) {
      baseline = measure("round " + round + ": GET /ServiceProviderConfig", () -> get("/scim/v2/ServiceProviderConfig", token));
      Result user = measure("round " + round + ": GET /Users/{id}", () -> get("/scim/v2/Users/" + any(userIds), token));
      Result byName = measure("round " + round + ": filter userName eq", () -> get("/scim/v2/Users?filter="
          + enc("userName eq \"" + any(userNames) + "\""), token));
      Result byExternalId = measure("round " + round + ": filter externalId eq", () -> get("/scim/v2/Users?filter="
          + enc("externalId eq \"" + any(externalIds) + "\""), token));
      Result group = measure("round " + round + ": GET /Groups/{id} (group of " + groupSize() + ")",
          () -> get("/scim/v2/Groups/" + groupId, token));
      System.out.printf(Locale.ROOT, "round %d: baseline %.0f req/s; GET /Users/{id} %.2f, userName eq %.2f, externalId eq %.2f,"
          + " GET /Groups/{id} %.2f of it%n", round, baseline.throughput, user.throughput / baseline.throughput,
          byName.throughput / baseline.throughput, byExternalId.throughput / baseline.throughput,
          group.throughput / baseline.throughput);
    }
    databaseAlone(baseline);
  }

  /**
   * README "Performance": the read mix (a do-nothing call, GET /Users/{id}, filter userName eq)
   * and creates per second against however many members bench.urls names, each called in turn,
   * after bench.cold-seconds of the read mix and bench.warmup seconds of creates to warm them up.
   */
  private void scale() throws Exception {
    System.out.printf(Locale.ROOT, "Scale benchmark against %d member(s) %s: %d connections, %d s each%n",
        members.size(), members, connections, seconds);
    setUp();
    seed();
    Thread sampler = new Thread(this::sampleHeap, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    readMix(coldSeconds, 10);
    var i = new AtomicLong();
    Result reads = measure("read mix", () -> get(readMixPath(i.getAndIncrement()), token));
    Result created = measure("POST /Users", () -> send("POST", "/scim/v2/Users", newUser()));
    System.out.printf(Locale.ROOT, "%n%d member(s): read mix %.0f req/s (p50 %.1f ms), creates %.0f/s (p50 %.1f ms), errors %d%n",
        members.size(), reads.throughput, reads.p50, created.throughput, created.p50, reads.errors + created.errors);
    System.out.printf(Locale.ROOT, "first member's peak heap used: %s MiB; peak resident memory: %s%n",
        peakHeap.get() == 0 ? "n/a" : String.valueOf(peakHeap.get() / (1024 * 1024)), residentPeak());
  }

  /**
   * What PostgreSQL alone serves of GET /Users/{id}'s statement on this machine (issue 19 item 2):
   * the statement UserStore sends (the row and, by the groups' correlated column, its groups),
   * prepared once per connection as the pool's statement cache keeps it, sent from as many threads
   * and connections as the HTTP scenarios use, with no server in between. A read costs the
   * baseline's work plus this statement, so its rate cannot pass P·B/(P+B) for a baseline of B
   * req/s and P statements/s, whatever the server does: printed beside the measured ratio.
   */
  private void databaseAlone(Result baseline) throws Exception {
    // PostgreSQL may serve more with fewer connections on two cores: the ceiling takes its best
    Result best = null;
    int bestConnections = 0;
    for (int n : java.util.stream.IntStream.of(4, 8, 16, connections).filter(n -> n <= connections).distinct().toArray()) {
      Result alone = databaseAlone(n);
      if (best == null || alone.throughput > best.throughput) {
        best = alone;
        bestConnections = n;
      }
    }
    double ceiling = best.throughput * baseline.throughput / (best.throughput + baseline.throughput);
    System.out.printf(Locale.ROOT, "%nPostgreSQL alone serves GET /Users/{id}'s statement at %.0f/s at best (%d connections):"
        + " a read can reach at most %.0f req/s, %.2f of the baseline, if the server spent nothing on it beyond the"
        + " baseline's work%n", best.throughput, bestConnections, ceiling, ceiling / baseline.throughput);
  }

  /** GET /Users/{id}'s statement straight to PostgreSQL from {@code n} connections, each prepared once. */
  private Result databaseAlone(int n) throws Exception {
    String sql = "SELECT u.*, " + io.provisio.groups.control.GroupMemberships.GROUPS_OF_USER_COLUMN
        + " AS groups FROM scim_user u WHERE u.id = ?";
    var opened = new java.util.concurrent.ConcurrentLinkedQueue<Connection>();
    var refused = new java.util.concurrent.atomic.AtomicReference<String>();
    ThreadLocal<java.sql.PreparedStatement> statement = ThreadLocal.withInitial(() -> {
      try {
        Connection db = DriverManager.getConnection(jdbc, System.getProperty("bench.jdbc.user", "postgres"),
            System.getProperty("bench.jdbc.password", "postgres"));
        opened.add(db);
        return db.prepareStatement(sql);
      } catch (java.sql.SQLException e) {
        refused.set(e.getMessage()); // e.g. the server's pool and these together pass max_connections
        return null;
      }
    });
    Result alone;
    try {
      alone = measure("PostgreSQL alone, " + n + " connections: GET /Users/{id}'s statement", n, () -> {
        try {
          var read = statement.get();
          if (read == null) return 503;
          read.setString(1, any(userIds));
          try (var rows = read.executeQuery()) {
            if (!rows.next()) return 404;
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) rows.getString(column);
            return 200;
          }
        } catch (java.sql.SQLException e) {
          return 500;
        }
      });
    } finally {
      for (Connection db : opened) db.close();
    }
    if (refused.get() != null) {
      System.out.printf(Locale.ROOT, "PostgreSQL alone: %d of %d connections refused (%s); %d errors%n",
          n - opened.size(), n, refused.get(), alone.errors);
    }
    return alone;
  }

  /** bench.creates creates on all connections, one after the other: the sustained rate. */
  private void sustainedCreates() throws InterruptedException {
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

  /**
   * README "Provisioning doctor": the diagnosis, the replay of recent failures and the summary of a
   * tenant with bench.users users (e.g. 1,000,000) and bench.log-entries provisioning-log entries
   * over 30 days (default 1,000,000; a tenth of them failures of five reasons), one connection, the
   * latency of each call after five warm-up calls.
   */
  private void doctor() throws Exception {
    int entries = Integer.getInteger("bench.log-entries", 1_000_000);
    int calls = Integer.getInteger("bench.calls", 30);
    System.out.printf(Locale.ROOT, "Doctor benchmark against %s: %,d users, %,d log entries, %d calls each%n",
        base, bigTenantUsers, entries, calls);
    setUp();
    seed();
    long start = System.nanoTime();
    try (Connection db = DriverManager.getConnection(jdbc, System.getProperty("bench.jdbc.user", "postgres"),
        System.getProperty("bench.jdbc.password", "postgres"));
        var log = db.prepareStatement(LOG_SQL)) {
      log.setString(1, tenantId);
      log.setString(2, tenantId);
      log.setString(3, base);
      log.setInt(4, entries);
      log.executeUpdate();
      try (var analyze = db.createStatement()) {
        analyze.execute("ANALYZE provisioning_log");
      }
    }
    System.out.printf(Locale.ROOT, "seeded %,d log entries in %.0f s%n", entries, (System.nanoTime() - start) / 1e9);
    String api = "/api/v1/tenants/" + tenantId;
    latency("GET diagnosis", calls, () -> adminCall("GET", api + "/diagnosis", null));
    latency("POST mappings/simulate/recent-failures", calls, () -> adminCall("POST", api + "/mappings/simulate/recent-failures", "{}"));
    latency("GET summary (with the setup checklist)", calls, () -> adminCall("GET", api + "/summary", null));
    // the console's user search, by a fragment from the middle of one user's name, and by one that many share
    latency("GET users?q=<middle of one userName>", calls, () -> adminCall("GET", api + "/users?limit=25&q="
        + enc("er" + (1 + ThreadLocalRandom.current().nextInt(bigTenantUsers)) + "@big"), null));
    latency("GET users?q=<fragment 1,111 users share>", calls, () -> adminCall("GET", api + "/users?limit=25&q="
        + enc("user" + (1 + ThreadLocalRandom.current().nextInt(9)) + "00"), null));
  }

  /** Sequential calls, five of them first to warm up: the median, 95th percentile and slowest. */
  private void latency(String name, int calls, Supplier<Integer> call) {
    for (int i = 0; i < 5; i++) call.get();
    List<Double> millis = new ArrayList<>();
    int errors = 0;
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      if (call.get() != 200) errors++;
      millis.add((System.nanoTime() - t0) / 1e6);
    }
    java.util.Collections.sort(millis);
    System.out.printf(Locale.ROOT, "%-42s p50 %8.1f ms  p95 %8.1f ms  max %8.1f ms  errors %d%n", name,
        millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.get(millis.size() - 1), errors);
  }

  private int adminCall(String method, String path, String body) {
    return status(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (adminEmail + ":" + adminPassword).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
  }

  // a log of 30 days: nine in ten successes, the tenth a failure of one of five reasons, with what it kept
  private static final String LOG_SQL =
      "INSERT INTO provisioning_log (id, tenant_id, at, operation, outcome, reason, http_status, user_name, user_name_lower,"
          + " email_lower, mapping_name, detail, remedy, tested_values)"
          + " SELECT md5(? || g)::uuid::text, ?, now() - (g % 43200) * interval '1 minute',"
          + " CASE WHEN g % 10 < 9 AND g % 3 = 0 THEN 'PATCH' ELSE 'CREATE' END,"
          + " CASE WHEN g % 10 < 9 THEN 'SUCCESS' ELSE 'FAILURE' END, r,"
          + " CASE WHEN r IS NULL THEN 201 ELSE 400 END, 'user' || g, 'user' || g, 'user' || g || '@bench.example', 'All users',"
          + " CASE WHEN r = 'WRONG_URL' THEN 'The identity provider called GET /scim/v1/Users, which is not a SCIM endpoint.'"
          + " || ' The SCIM base URL is ' || ? || '/scim/v2.' ELSE 'Logged by the benchmark.' END, NULL,"
          + " CASE WHEN r = 'NO_MAPPING_MATCHED' THEN '{\"title\":[\"Title ' || (g % 7) || '\"]}' END"
          + " FROM (SELECT g, CASE WHEN g % 10 < 9 THEN NULL ELSE (ARRAY['NO_MAPPING_MATCHED','EMAIL_TAKEN','PROFILE_FULL',"
          + "'WRONG_URL','TOKEN_REVOKED'])[1 + (g / 10) % 5] END AS r FROM generate_series(1, ?) g) s";

  /** The processor time of this load generator's process. */
  private static long ownCpuMillis() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1_000_000 : 0;
  }

  /**
   * Warms this load generator's own HTTP client up, against a stub HTTP server in this process,
   * with the calls of the read mix: the cold minute then measures a cold server, not a cold load
   * generator sharing its two cores (the generator's JIT warm-up would otherwise be counted).
   */
  private void warmGenerator(int secondsToRun) throws Exception {
    if (secondsToRun <= 0) return;
    var stub = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 128);
    byte[] body = ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":1,"
        + "\"Resources\":[{\"id\":\"" + UUID.randomUUID() + "\",\"userName\":\"stub@bench.example\"}]}").getBytes(StandardCharsets.UTF_8);
    stub.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", SCIM);
      exchange.sendResponseHeaders(200, body.length);
      try (var out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    stub.setExecutor(pool);
    stub.start();
    String stubBase = "http://127.0.0.1:" + stub.getAddress().getPort();
    long end = System.nanoTime() + secondsToRun * 1_000_000_000L;
    var calls = new AtomicLong();
    var threads = new ArrayList<Thread>();
    for (int t = 0; t < connections; t++) {
      threads.add(startThread(() -> {
        for (int i = 0; System.nanoTime() < end; i++) {
          status(HttpRequest.newBuilder(URI.create(stubBase + readMixPath(i))).timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token).GET());
          calls.incrementAndGet();
        }
      }));
    }
    for (Thread t : threads) t.join();
    stub.stop(0);
    pool.shutdown();
    System.out.printf(Locale.ROOT, "load generator warmed up: %,d calls to a stub in this process in %d s%n", calls.get(), secondsToRun);
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

  /** The i-th call of the read mix: a do-nothing call, GET /Users/{id}, filter userName eq, in turn. */
  private String readMixPath(long i) {
    return switch ((int) (i % 3)) {
      case 0 -> "/scim/v2/ServiceProviderConfig";
      case 1 -> "/scim/v2/Users/" + any(userIds);
      default -> "/scim/v2/Users?filter=" + enc("userName eq \"" + any(userNames) + "\"");
    };
  }

  /**
   * The read mix (a do-nothing call, GET /Users/{id}, filter userName eq, in turn) at full
   * concurrency for {@code total} seconds, without a warm-up; req/s of each {@code step} seconds.
   */
  private double[] readMix(int total, int step) throws InterruptedException {
    if (total <= 0) return new double[0];
    long serverCpuBefore = serverCpuMillis();
    long ownCpuBefore = ownCpuMillis();
    var served = new AtomicLong();
    int steps = (total + step - 1) / step;
    var counts = new java.util.concurrent.atomic.AtomicLongArray(steps);
    long start = System.nanoTime();
    long end = start + total * 1_000_000_000L;
    var threads = new ArrayList<Thread>();
    for (int t = 0; t < connections; t++) {
      threads.add(startThread(() -> {
        for (int i = 0; System.nanoTime() < end; i++) {
          int status = get(readMixPath(i), token);
          long at = (System.nanoTime() - start) / 1_000_000_000L / step;
          if (status == 200 && at < steps) counts.incrementAndGet((int) at);
          served.incrementAndGet();
        }
      }));
    }
    for (Thread t : threads) t.join();
    double[] rates = new double[steps];
    for (int i = 0; i < steps; i++) {
      rates[i] = counts.get(i) / (double) Math.min(step, total - i * step);
      if (steps > 1) System.out.printf(Locale.ROOT, "  read mix, %3d-%3d s: %6.0f req/s%n", i * step, (i + 1) * step, rates[i]);
    }
    // where the two cores went: a cold server (or a cold load generator) spends more per request
    System.out.printf(Locale.ROOT, "  read mix, %d s: processor time per request: server %.2f ms, load generator %.2f ms%n",
        total, (serverCpuMillis() - serverCpuBefore) / (double) served.get(), (ownCpuMillis() - ownCpuBefore) / (double) served.get());
    return rates;
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

  /** The member the next SCIM call goes to: round robin, as a simple load balancer would. */
  private String member() {
    return members.size() == 1 ? base : members.get((int) (nextMember.getAndIncrement() % members.size()));
  }

  private int get(String path, String bearer) {
    var request = HttpRequest.newBuilder(URI.create(member() + path)).timeout(Duration.ofSeconds(30)).GET();
    if (bearer != null) request.header("Authorization", "Bearer " + bearer);
    return status(request);
  }

  private int send(String method, String path, String body) {
    return status(HttpRequest.newBuilder(URI.create(member() + path)).timeout(Duration.ofSeconds(30))
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
    adminEmail = email;
    adminPassword = password;
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
      if (statistics.equals("empty")) {
        try (var analyze = db.createStatement()) {
          analyze.execute("ANALYZE"); // the tables hold only what setUp() made
        }
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
      try (var ids = db.prepareStatement("SELECT id, user_name, external_id FROM scim_user WHERE tenant_id = ? ORDER BY id")) {
        ids.setString(1, tenantId);
        var rows = ids.executeQuery();
        int i = 0;
        List<String> all = new ArrayList<>();
        while (rows.next()) {
          all.add(rows.getString(1));
          if (i % 10 == 0 && userIds.size() < 10_000) {
            userIds.add(rows.getString(1));
            userNames.add(rows.getString(2));
            externalIds.add(rows.getString(3));
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
      if (statistics.equals("fresh")) {
        try (var vacuum = db.createStatement()) {
          db.setAutoCommit(true);
          vacuum.execute("VACUUM ANALYZE");
        }
      }
    }
    System.out.printf(Locale.ROOT, "seeded %,d users in %d tenants + %,d users (group of %,d) in %.0f s%n",
        (long) otherTenants * usersPerTenant, otherTenants, bigTenantUsers, bigTenantUsers - outsiders.size(), (System.nanoTime() - start) / 1e9);
  }

  private static final String OTHER_USERS_SQL =
      "WITH u AS (INSERT INTO scim_user (id, tenant_id, status, user_name, user_name_lower, user_key, display_name, given_name, family_name, active,"
          + " email, email_lower, account_name, user_principal_name, search_text, resource_json, created_at, last_modified, version)"
          + " SELECT md5(t.id || g)::uuid::text, t.id, 'ACTIVE', n, lower(n), t.id || ':' || lower(n), 'User ' || g, 'User', 'No ' || g, true, n, lower(n), n, 'User ' || g,"
          + " lower(n) || ' ' || lower(n) || ' user ' || g, '{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"' || n || '\",\"displayName\":\"User ' || g"
          + " || '\",\"emails\":[{\"value\":\"' || n || '\",\"type\":\"work\",\"primary\":true}],\"active\":true}', now(), now(), 1"
          + " FROM (SELECT t.id, g, 'user' || g || '@' || t.name || '.bench.example' AS n FROM tenant t, generate_series(1, ?) g"
          + " WHERE t.name LIKE ?) t"
          + " RETURNING id, email, email_lower)"
          + " INSERT INTO scim_user_value (user_id, attribute, item_position, item_value, item_value_lower, item_type, item_type_lower, primary_flag)"
          + " SELECT id, 'emails', 0, email, email_lower, 'work', 'work', true FROM u";

  // the big tenant: its users and (through the CTE) their email rows
  private static final String USERS_SQL =
      "WITH u AS (INSERT INTO scim_user (id, tenant_id, status, user_name, user_name_lower, user_key, external_id, external_key,"
          + " display_name, given_name, family_name, active,"
          + " email, email_lower, account_name, user_principal_name, search_text, resource_json, created_at, last_modified, version)"
          + " SELECT md5(? || g)::uuid::text, ?, 'ACTIVE', n, lower(n), ? || ':' || lower(n), 'ext-' || g, ? || ':ext-' || g, 'User ' || g, 'User', 'No ' || g, true, n, lower(n), n, 'User ' || g,"
          + " lower(n) || ' ' || lower(n) || ' user ' || g || ' ext-' || g, '{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"' || n || '\",\"name\":{\"givenName\":\"User\",\"familyName\":\"No ' || g"
          + " || '\"},\"displayName\":\"User ' || g || '\",\"emails\":[{\"value\":\"' || n || '\",\"type\":\"work\",\"primary\":true}],\"active\":true}',"
          + " now(), now(), 1 FROM (SELECT g, 'user' || g || '@' || ? || '.bench.example' AS n FROM generate_series(1, ?) g) s"
          + " RETURNING id, email, email_lower)"
          + " INSERT INTO scim_user_value (user_id, attribute, item_position, item_value, item_value_lower, item_type, item_type_lower, primary_flag)"
          + " SELECT id, 'emails', 0, email, email_lower, 'work', 'work', true FROM u";

  private static void insertUsers(java.sql.PreparedStatement users, String tenantId, String domain, int count)
      throws java.sql.SQLException {
    users.setString(1, tenantId);
    users.setString(2, tenantId);
    users.setString(3, tenantId);
    users.setString(4, tenantId);
    users.setString(5, domain);
    users.setInt(6, count);
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
