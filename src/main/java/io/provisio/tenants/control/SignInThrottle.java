package io.provisio.tenants.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Exponential backoff for failed sign-ins, decided in memory before any password hash runs, so
 * that a flood of wrong credentials costs next to nothing.
 *
 * <p>Two keys are counted, one failure per request: the client address together with the email
 * (guessing one account's password), and the client address alone (trying many accounts). After
 * {@code provisio.login.free-failures} failures of a pair, or {@code
 * provisio.login.free-failures-per-address} of an address, the next attempt with that key must
 * wait 1 s; each further failure doubles the wait (2 s, 4 s, …) up to {@code
 * provisio.login.max-backoff-minutes}. Attempts refused
 * while waiting are not counted. A failure is forgotten after that longest wait without another.
 *
 * <p>Nothing is counted per account alone: a stranger elsewhere can slow down only their own
 * address, never keep the owner (the platform operator, say) out of an account. Counters live in
 * each instance's memory, so N instances allow N times the attempts: still a handful an hour.
 */
@ApplicationScoped
public class SignInThrottle {

  private static final int MAX_ENTRIES = 100_000;

  @Inject
  @ConfigProperty(name = "provisio.login.free-failures", defaultValue = "3")
  int freeFailures;

  @Inject
  @ConfigProperty(name = "provisio.login.free-failures-per-address", defaultValue = "20")
  int freeFailuresPerAddress;

  @Inject
  @ConfigProperty(name = "provisio.login.max-backoff-minutes", defaultValue = "15")
  int maxBackoffMinutes;

  private long maxBackoffMillis;
  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
  private final AtomicLong nextSweep = new AtomicLong();

  @PostConstruct
  void init() {
    maxBackoffMillis = maxBackoffMinutes * 60_000L;
  }

  /** Milliseconds this address (and email) must still wait before a password is checked; 0 if none. */
  public long waitMillis(String address, String email) {
    long now = System.currentTimeMillis();
    return Math.max(wait(addressKey(address), now), wait(pairKey(address, email), now));
  }

  public void failed(String address, String email) {
    long now = System.currentTimeMillis();
    sweep(now);
    failures.computeIfAbsent(addressKey(address), k -> new Failures()).add(now, freeFailuresPerAddress, maxBackoffMillis);
    failures.computeIfAbsent(pairKey(address, email), k -> new Failures()).add(now, freeFailures, maxBackoffMillis);
  }

  /** The right password: that pair starts afresh (the address keeps its count). */
  public void succeeded(String address, String email) {
    failures.remove(pairKey(address, email));
  }

  private long wait(String key, long now) {
    var entry = failures.get(key);
    return entry == null ? 0 : entry.waitMillis(now);
  }

  private void sweep(long now) {
    long due = nextSweep.get();
    if (failures.size() > MAX_ENTRIES && now >= due && nextSweep.compareAndSet(due, now + 1_000)) {
      failures.values().removeIf(f -> f.forgotten(now, maxBackoffMillis));
    }
  }

  private static String addressKey(String address) {
    return "a " + address;
  }

  private static String pairKey(String address, String email) {
    return "p " + address + " " + (email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT));
  }

  /** One key's failures and until when it must wait. */
  private static final class Failures {
    private int count;
    private long last;
    private long blockedUntil;

    synchronized void add(long now, int free, long maxBackoff) {
      if (forgotten(now, maxBackoff)) {
        count = 0;
      }
      count++;
      last = now;
      if (count >= free) {
        int doublings = Math.min(30, count - free);
        blockedUntil = now + Math.min(maxBackoff, 1_000L << doublings);
      }
    }

    synchronized long waitMillis(long now) {
      return Math.max(0, blockedUntil - now);
    }

    synchronized boolean forgotten(long now, long maxBackoff) {
      return now - last > maxBackoff && now >= blockedUntil;
    }
  }
}
