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
 * <p>At most four password checks from one address run at once (parallel calls with the same
 * credentials share one, {@link SignIns}); more attempts from it meanwhile
 * wait (429) without a check.
 *
 * <p>Nothing is counted per account alone: a stranger elsewhere can slow down only their own
 * address, never keep the owner (the platform operator, say) out of an account. Counters live in
 * each instance's memory, so N instances allow N times the attempts: still a handful an hour.
 *
 * <p>An administrator who may manage the account can <em>unlock</em> it (issue 16): the time of the
 * unlock is stored with the account, and a pair of address and email that is backing off only
 * because of failures counted before then is forgotten ({@link #pairBackoffSince}, {@link #forget};
 * {@link SignIns} asks the database, so an unlock holds on every instance at once). An address that
 * backs off over many accounts is not lifted by unlocking one of them.
 */
@ApplicationScoped
public class SignInThrottle {

  private static final int MAX_ENTRIES = 100_000;
  /** Password checks one address may have running at once; more wait (429). */
  private static final int CHECKS_PER_ADDRESS = 4;
  /** Longest a claimed attempt may take (a queued password check gives up after 5 s). */
  private static final long CHECK_LEASE_MILLIS = 10_000;

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

  /**
   * Milliseconds this address (and email) must still wait before a password is checked; 0 when
   * the check may run now. A key that is backing off lets one attempt through when its wait is
   * over and holds every other until that attempt is decided ({@link #failed} doubles the wait,
   * {@link #succeeded} ends it): a flood on many connections gets one password check per wait,
   * not one per connection.
   */
  public synchronized long claim(String address, String email) {
    long now = System.currentTimeMillis();
    sweep(now);
    Failures byAddress = failures.computeIfAbsent(addressKey(address), k -> new Failures());
    Failures byPair = failures.get(pairKey(address, email));
    long wait = Math.max(byAddress.waitMillis(now), byPair == null ? 0 : byPair.waitMillis(now));
    if (wait > 0) {
      return wait;
    }
    if (byAddress.checking >= CHECKS_PER_ADDRESS) {
      return 1_000; // so many checks from one address at once are a flood, not people signing in
    }
    byAddress.checking++;
    byAddress.holdWhileChecking(now, freeFailuresPerAddress);
    if (byPair != null) byPair.holdWhileChecking(now, freeFailures);
    return 0;
  }

  /** Whether the address (and email) is backing off now, without claiming anything. */
  public boolean isBackingOff(String address, String email) {
    long now = System.currentTimeMillis();
    return wait(addressKey(address), now) > 0 || wait(pairKey(address, email), now) > 0;
  }

  /**
   * Counts a failure of the address and of the pair; answers how long the pair must now wait
   * (0 while it is within its free failures), so that the owner can be told when a wait begins.
   */
  public synchronized long failed(String address, String email) {
    long now = System.currentTimeMillis();
    var byAddress = failures.computeIfAbsent(addressKey(address), k -> new Failures());
    byAddress.decided();
    byAddress.add(now, freeFailuresPerAddress, maxBackoffMillis);
    var byPair = failures.computeIfAbsent(pairKey(address, email), k -> new Failures());
    byPair.add(now, freeFailures, maxBackoffMillis);
    return byPair.waitMillis(now);
  }

  /**
   * When the failures that keep this pair waiting began, if the pair alone keeps the attempt
   * waiting (the address itself is not backing off); 0 otherwise. An unlock of the account made
   * after that moment lifts the wait ({@link #forget}).
   */
  public synchronized long pairBackoffSince(String address, String email) {
    long now = System.currentTimeMillis();
    if (wait(addressKey(address), now) > 0) {
      return 0;
    }
    var byPair = failures.get(pairKey(address, email));
    return byPair != null && byPair.waitMillis(now) > 0 ? byPair.since() : 0;
  }

  /** Forgets the pair's failures if they are still those that began at {@code since}. */
  public synchronized void forget(String address, String email, long since) {
    String key = pairKey(address, email);
    var byPair = failures.get(key);
    if (byPair != null && byPair.since() == since) {
      failures.remove(key);
    }
  }

  /** The right password: that pair starts afresh; the address keeps its count but not the hold. */
  public synchronized void succeeded(String address, String email) {
    failures.remove(pairKey(address, email));
    var byAddress = failures.get(addressKey(address));
    if (byAddress != null) {
      byAddress.decided();
      byAddress.release();
    }
  }

  /** The check could not run (busy, database away): release the hold, count nothing. */
  public synchronized void undecided(String address, String email) {
    var byAddress = failures.get(addressKey(address));
    if (byAddress != null) {
      byAddress.decided();
      byAddress.release();
    }
    var byPair = failures.get(pairKey(address, email));
    if (byPair != null) byPair.release();
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

  /** One key's failures, until when it must wait, and whether an attempt is being checked. */
  private static final class Failures {
    private int count;
    private long since;
    private long last;
    private long blockedUntil;
    private long checkingUntil;
    /** Password checks of this key running now (kept for address keys). */
    int checking;

    void decided() {
      checking = Math.max(0, checking - 1);
    }

    synchronized void add(long now, int free, long maxBackoff) {
      if (forgotten(now, maxBackoff)) {
        count = 0;
      }
      if (count == 0) {
        since = now;
      }
      count++;
      last = now;
      checkingUntil = 0;
      if (count >= free) {
        int doublings = Math.min(30, count - free);
        blockedUntil = now + Math.min(maxBackoff, 1_000L << doublings);
      }
    }

    /** A key past its free failures holds further attempts while one is being checked. */
    synchronized void holdWhileChecking(long now, int free) {
      if (count >= free) {
        checkingUntil = now + CHECK_LEASE_MILLIS;
      }
    }

    synchronized void release() {
      checkingUntil = 0;
    }

    synchronized long since() {
      return since;
    }

    synchronized long waitMillis(long now) {
      long checking = checkingUntil > now ? Math.min(1_000, checkingUntil - now) : 0;
      return Math.max(checking, blockedUntil - now);
    }

    synchronized boolean forgotten(long now, long maxBackoff) {
      return checking == 0 && now - last > maxBackoff && now >= blockedUntil && now >= checkingUntil;
    }
  }
}
