package io.provisio.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Rate limits per bearer token and per client address (README "Reliability"), off unless
 * configured: {@code provisio.rate-limit.per-token} and {@code provisio.rate-limit.per-ip} in
 * requests per second, each with a burst of {@code provisio.rate-limit.burst-seconds} (default 2)
 * seconds' worth. A request over a limit gets 429 with {@code Retry-After} (whole seconds until
 * the next request is allowed), which Okta and Entra ID both honour by backing off.
 *
 * <p>Token buckets are kept in memory per instance: behind a load balancer spreading one client
 * over N instances, a client gets up to N times the configured rate. Tokens are keyed by their
 * SHA-256, never kept as they are; idle buckets are dropped, so memory stays bounded.
 */
@WebFilter(urlPatterns = {"/api/*", "/scim/*", "/oauth/*"})
public class RateLimits extends HttpFilter {

  private static final int MAX_BUCKETS = 100_000;

  private Limiter perToken;
  private Limiter perIp;

  @Override
  public void init() {
    Config config = ConfigProvider.getConfig();
    double burstSeconds = config.getOptionalValue("provisio.rate-limit.burst-seconds", Double.class).orElse(2.0);
    perToken = Limiter.of(config.getOptionalValue("provisio.rate-limit.per-token", Double.class).orElse(0.0), burstSeconds);
    perIp = Limiter.of(config.getOptionalValue("provisio.rate-limit.per-ip", Double.class).orElse(0.0), burstSeconds);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (perIp != null && refused(perIp.acquire(ClientAddress.of(request)), request, response,
        "Too many requests from this address")) {
      return;
    }
    String authorization = request.getHeader("Authorization");
    if (perToken != null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && refused(perToken.acquire(fingerprint(authorization.substring(7).trim())), request, response,
            "Too many requests with this token")) {
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean refused(long waitNanos, HttpServletRequest request, HttpServletResponse response, String what)
      throws IOException {
    if (waitNanos <= 0) return false;
    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    response.setHeader("Retry-After", String.valueOf(seconds));
    FilterErrors.write(request, response, 429, what + "; retry after " + seconds + " s.");
    return true;
  }

  private static String fingerprint(String token) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Token buckets by key: {@code rate} requests per second, up to {@code capacity} at once. */
  static final class Limiter {
    private final double rate;
    private final double capacity;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

    private Limiter(double rate, double capacity) {
      this.rate = rate;
      this.capacity = capacity;
    }

    static Limiter of(double perSecond, double burstSeconds) {
      return perSecond <= 0 ? null : new Limiter(perSecond, Math.max(1.0, perSecond * burstSeconds));
    }

    /** Takes one request from the key's bucket: 0 if allowed, else nanoseconds until it would be. */
    long acquire(String key) {
      return acquire(key, System.nanoTime());
    }

    long acquire(String key, long now) {
      long due = nextSweep.get();
      // at most one sweep a second, by one thread, not one per request while the map is large
      if (buckets.size() > MAX_BUCKETS && now - due >= 0 && nextSweep.compareAndSet(due, now + 1_000_000_000L)) {
        buckets.values().removeIf(b -> b.fullAt(now));
      }
      return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now)).take(now);
    }

    private final class Bucket {
      private double available;
      private long updated;

      Bucket(double available, long now) {
        this.available = available;
        this.updated = now;
      }

      synchronized long take(long now) {
        refill(now);
        if (available >= 1.0) {
          available -= 1.0;
          return 0;
        }
        return (long) Math.ceil((1.0 - available) / rate * 1e9);
      }

      synchronized boolean fullAt(long now) {
        refill(now);
        return available >= capacity;
      }

      private void refill(long now) {
        available = Math.min(capacity, available + (now - updated) / 1e9 * rate);
        updated = now;
      }
    }
  }
}
