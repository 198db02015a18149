package io.provisio.platform.health;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Warms the hot SCIM read paths up before this member says it is ready (issue 19 item 5): a
 * server fresh from start runs interpreted code and serves a fraction of its warm rate for the
 * first minutes, which a member joining a cluster under load, or a rolling restart, hands to
 * the IdPs' calls. The first probe of readiness ({@code GET /health/ready}, or {@code /health},
 * which load balancers call) that finds the database up starts the warm-up; it learns from that
 * probe the port this server answers on, which no Jakarta EE API tells an application, so the
 * warm-up works alike on every server. Until the warm-up ends ({@code provisio.warmup.seconds},
 * default 60, 0 turns it off) readiness answers 503 with a {@code warm-up} check, and a load
 * balancer keeps sending the calls to the members that are warm. Liveness is not touched, and the
 * SCIM and admin APIs answer all along.
 *
 * <p>The warm-up calls this server over the loopback address, through the whole stack (HTTP, the
 * servlet filters, JAX-RS, the token check, the SQL of the reads and the JSON), only GETs:
 * {@code /ServiceProviderConfig}, a user and a group by an id nobody has, the filters IdPs send
 * before a create ({@code userName}, {@code externalId}, {@code emails}), a page, and a call
 * without a token. It authenticates with a credential of its own: 256 random bits made at start,
 * kept in memory only, accepted only while the warm-up runs, only on a GET from a loopback address
 * with no forwarding header, and standing for a tenant that does not exist (a random id), so
 * whatever it reads is empty and it can write nothing. A warm-up call that fails (a server listening on HTTPS
 * only, say) ends the warm-up early: it may make a member slower at first, never unready.
 */
@ApplicationScoped
public class WarmUp {

  private static final Logger LOG = Logger.getLogger(WarmUp.class.getName());
  private static final int CLIENTS = 8;

  enum State { NOT_STARTED, RUNNING, DONE }

  /** One call of the warm-up and the status it must answer with. */
  record Call(String path, boolean authenticated, int expected) {}

  @Inject
  @ConfigProperty(name = "provisio.warmup.seconds", defaultValue = "60")
  int seconds;

  @Resource ManagedExecutorService executor;

  private final String credential = newCredential();
  private final String tenantId = UUID.randomUUID().toString();
  private final AtomicReference<State> state = new AtomicReference<>(State.NOT_STARTED);
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicInteger running = new AtomicInteger();
  private volatile long endsAt;

  /** What readiness shows: null when there is no warm-up to report (off, or never started). */
  public record Status(boolean done, long calls, long failed) {}

  /**
   * Starts the warm-up once, against the server that answered this readiness probe; the status to
   * report with the probe's answer.
   */
  public Status startOnce(HttpServletRequest probe) {
    if (seconds <= 0) return null;
    if (state.compareAndSet(State.NOT_STARTED, State.RUNNING)) {
      URI base = URI.create("http://" + loopbackHost(probe) + ":" + probe.getLocalPort() + probe.getContextPath() + "/");
      endsAt = System.nanoTime() + seconds * 1_000_000_000L;
      LOG.info(() -> "Warming up the SCIM read paths for " + seconds + " s before readiness");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      running.set(CLIENTS);
      try {
        for (int i = 0; i < CLIENTS; i++) executor.execute(() -> run(client, base));
      } catch (RuntimeException e) { // no executor: readiness must not wait for a warm-up that never runs
        LOG.log(Level.WARNING, "The warm-up could not start; the server is ready without it", e);
        state.set(State.DONE);
      }
    }
    return current();
  }

  /** The warm-up's status once started, else null (off, or no readiness probe yet). */
  public Status current() {
    State now = state.get();
    return now == State.NOT_STARTED ? null : new Status(now == State.DONE, calls.get(), failed.get());
  }

  /**
   * True for the warm-up's own calls: its credential, while it runs, on a GET from a loopback
   * address with no forwarding header. Constant-time comparison, like every secret here.
   */
  public boolean admits(String bearer, HttpServletRequest request) {
    if (state.get() != State.RUNNING || bearer == null || !"GET".equals(request.getMethod())
        || request.getHeader("X-Forwarded-For") != null || !isLoopback(request.getRemoteAddr())) {
      return false;
    }
    return MessageDigest.isEqual(bearer.getBytes(StandardCharsets.UTF_8), credential.getBytes(StandardCharsets.UTF_8));
  }

  /** The tenant the warm-up's calls are scoped to: a random id no tenant has. */
  public String tenantId() {
    return tenantId;
  }

  @PreDestroy
  void stop() {
    state.set(State.DONE);
  }

  private void run(HttpClient client, URI base) {
    List<Call> round = calls();
    try {
      while (state.get() == State.RUNNING && System.nanoTime() < endsAt) {
        for (Call call : round) {
          var request = HttpRequest.newBuilder(base.resolve(call.path())).timeout(Duration.ofSeconds(30)).GET();
          if (call.authenticated()) request.header("Authorization", "Bearer " + credential);
          int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
          calls.incrementAndGet();
          if (status != call.expected()) {
            failed.incrementAndGet();
            LOG.warning(() -> "Warm-up call GET /" + call.path().replaceAll("\\?.*", "") + " answered " + status
                + " instead of " + call.expected() + "; the warm-up ends early");
            state.set(State.DONE);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state.set(State.DONE);
    } catch (Exception e) {
      failed.incrementAndGet();
      LOG.warning(() -> "The warm-up could not call this server (" + e.getClass().getSimpleName()
          + "); it ends early and the server is ready without it");
      state.set(State.DONE);
    } finally {
      if (running.decrementAndGet() == 0) {
        state.set(State.DONE);
        LOG.info(() -> "Warm-up done: " + calls.get() + " calls, " + failed.get() + " unexpected");
      }
    }
  }

  /** One round of the warm-up's calls, each with fresh values, as IdPs send them. */
  static List<Call> calls() {
    String n = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    String user = "warm-up-" + n + "@example.invalid";
    List<Call> round = new ArrayList<>();
    round.add(new Call("scim/v2/ServiceProviderConfig", true, 200));
    round.add(new Call("scim/v2/Users/" + UUID.randomUUID(), true, 404));
    round.add(new Call("scim/v2/Users?filter=" + encode("userName eq \"" + user + "\""), true, 200));
    round.add(new Call("scim/v2/Users?filter=" + encode("externalId eq \"" + n + "\""), true, 200));
    round.add(new Call("scim/v2/Users?filter=" + encode("emails eq \"" + user + "\""), true, 200));
    round.add(new Call("scim/v2/Groups/" + UUID.randomUUID(), true, 404));
    round.add(new Call("scim/v2/Groups?filter=" + encode("displayName eq \"" + n + "\""), true, 200));
    round.add(new Call("scim/v2/Users?count=10", true, 200));
    round.add(new Call("scim/v2/ServiceProviderConfig", false, 401));
    return round;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String loopbackHost(HttpServletRequest probe) {
    return probe.getLocalAddr() != null && probe.getLocalAddr().contains(":") ? "[::1]" : "127.0.0.1";
  }

  static boolean isLoopback(String address) {
    if (address == null || address.isEmpty() || !(address.indexOf(':') >= 0 || Character.isDigit(address.charAt(0)))) {
      return false; // a literal address only: never a name to resolve
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String newCredential() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
