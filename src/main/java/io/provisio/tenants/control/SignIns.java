package io.provisio.tenants.control;

import io.provisio.platform.DatabaseOutage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks an administrator's email and password (HTTP Basic and the console's sign-in), with the
 * cost bounded before any hash runs:
 *
 * <ol>
 *   <li>a recent successful verification of exactly these credentials (kept under an HMAC with a
 *       per-instance key, never the password) is reused after one indexed read confirms that the
 *       account still exists, is not disabled, and has the same password hash and credential
 *       version (incremented by every change of password, role or disabled state): a change made
 *       through any instance takes effect on the next request, and the role is always read afresh;
 *   <li>{@link SignInThrottle} refuses (429) an address that is backing off, in memory; only when
 *       the pair of address and email is the reason is the account's unlock time read, so that an
 *       unlock by an administrator through any instance lifts the backoff at once;
 *   <li>parallel attempts with the very same credentials share one check;
 *   <li>the account is read without a lock and the password verified outside any transaction,
 *       by at most {@link Passwords#CONCURRENT_CHECKS} threads at once (503 beyond).
 * </ol>
 *
 * <p>A disabled account is refused exactly as a wrong password is (same message, same time, also
 * counted), and a backoff that begins for an existing account is mailed to its owner ({@link
 * BackoffNotices}): the answer itself never tells known accounts from unknown ones.
 *
 * <p>Every refusal is answered no sooner than {@code provisio.login.failure-delay-ms} after the
 * attempt began: unknown email, wrong password and backoff take the same time, and a client
 * hammering with wrong credentials gets at most one answer a second per connection (the waiting
 * thread uses no processor).
 */
@ApplicationScoped
public class SignIns {

  private static final Logger LOG = Logger.getLogger(SignIns.class.getName());
  private static final int MAX_CACHED = 10_000;
  public static final String WRONG = "Wrong email or password.";

  /** The identity, or the refusal with its HTTP status (401, 429, 503) and seconds to wait. */
  public record Outcome(AdminIdentity identity, int status, String refusal, long retryAfterSeconds) {
    static Outcome granted(AdminIdentity identity) {
      return new Outcome(identity, 200, null, 0);
    }
  }

  private static final Outcome BUSY =
      new Outcome(null, 503, "Sign-ins are busy right now; try again in a few seconds.", 5);

  private record Verified(String accountId, String passwordHash, long credentialVersion, long until) {}

  @Inject AdministratorAccounts accounts;
  @Inject Passwords passwords;
  @Inject SignInThrottle throttle;
  @Inject SecurityEvents events;
  @Inject BackoffNotices backoffNotices;

  @Inject
  @ConfigProperty(name = "provisio.login.failure-delay-ms", defaultValue = "1000")
  long failureDelayMillis;

  @Inject
  @ConfigProperty(name = "provisio.login.cache-seconds", defaultValue = "300")
  long cacheSeconds;

  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
  /** Checks running now, by credentials: parallel calls with the same credentials share one. */
  private final ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<Outcome>> checking =
      new ConcurrentHashMap<>();
  private SecretKeySpec cacheKey;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  @PostConstruct
  void init() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    cacheKey = new SecretKeySpec(key, "HmacSHA256");
  }

  public Outcome attempt(String email, String password, String address) {
    long started = System.nanoTime();
    String fingerprint = fingerprint(email, password);
    Verified recent = verified.get(fingerprint);
    // Not while this address and email back off: a cached success would then tell the right
    // password from wrong ones (429) at any rate, which is what the backoff is there to prevent.
    if (recent != null && recent.until() > System.currentTimeMillis() && !throttle.isBackingOff(address, email)) {
      var account = accounts.byId(recent.accountId());
      if (account.isPresent()
          && !account.get().disabled()
          && account.get().credentialVersion() == recent.credentialVersion()
          && account.get().passwordHash().equals(recent.passwordHash())) {
        return Outcome.granted(account.get().identity());
      }
      verified.remove(fingerprint);
    }
    // the same credentials already being checked (a script's parallel calls): wait for that answer
    var mine = new java.util.concurrent.CompletableFuture<Outcome>();
    var running = checking.putIfAbsent(fingerprint, mine);
    if (running != null) {
      try {
        return running.get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException cause) throw cause; // e.g. the database is away
        return BUSY;
      } catch (java.util.concurrent.TimeoutException e) {
        return BUSY;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return BUSY;
      }
    }
    try {
      Outcome outcome = check(email, password, address, fingerprint, started);
      mine.complete(outcome);
      return outcome;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      checking.remove(fingerprint, mine);
    }
  }

  private Outcome check(String email, String password, String address, String fingerprint, long started) {
    long wait = throttle.claim(address, email);
    if (wait > 0 && liftedByUnlock(address, email)) {
      wait = throttle.claim(address, email);
    }
    if (wait > 0) {
      answerNoSoonerThan(started);
      long seconds = Math.max(1, (wait + 999) / 1000);
      return new Outcome(null, 429,
          "Too many sign-in attempts from your address; try again in " + seconds + " s.", seconds);
    }
    Optional<AdministratorAccounts.Credential> account;
    boolean right;
    try {
      account = accounts.byEmail(email);
      if (account.isEmpty()) {
        passwords.verifyNothing(password); // the same time as a real check: no account probing
        right = false;
      } else {
        // a disabled account is refused exactly like a wrong password, after as long a check
        right = passwords.verify(password, account.get().passwordHash()) && !account.get().disabled();
      }
    } catch (Passwords.Busy busy) {
      throttle.undecided(address, email);
      return BUSY;
    } catch (RuntimeException e) {
      throttle.undecided(address, email);
      throw e;
    }
    if (!right) {
      long pairWait = throttle.failed(address, email);
      boolean disabled = account.isPresent() && account.get().disabled();
      record("SIGN_IN_FAILED", account.orElse(null), address,
          disabled ? "account disabled" : throttle.isBackingOff(address, email) ? "backing off" : null);
      if (pairWait > 0 && account.isPresent() && !disabled) {
        notifyBackoff(account.get(), address, pairWait);
      }
      answerNoSoonerThan(started);
      return new Outcome(null, 401, WRONG, 0);
    }
    var credential = account.get();
    throttle.succeeded(address, email);
    String hash = credential.passwordHash();
    if (Passwords.isOutdated(hash)) {
      String stronger = passwords.hash(password);
      accounts.rehash(credential.id(), hash, stronger);
      hash = stronger;
    }
    remember(fingerprint, new Verified(credential.id(), hash, credential.credentialVersion(),
        System.currentTimeMillis() + cacheSeconds * 1000));
    record("SIGN_IN", credential, address, null);
    return Outcome.granted(credential.identity());
  }

  /**
   * Whether the wait of this address and email comes only from failures counted before an
   * administrator unlocked the account (on any instance): then they are forgotten. One indexed
   * read, only while that pair is backing off; a database that cannot answer lifts nothing.
   */
  private boolean liftedByUnlock(String address, String email) {
    long since = throttle.pairBackoffSince(address, email);
    if (since == 0) {
      return false;
    }
    try {
      var unlocked = accounts.unlockedAt(email);
      if (unlocked.isPresent() && unlocked.get().toEpochMilli() >= since) {
        throttle.forget(address, email, since);
        return true;
      }
    } catch (RuntimeException e) {
      if (!DatabaseOutage.is(e)) LOG.log(Level.WARNING, "The unlock of an account could not be read", e);
    }
    return false;
  }

  private void notifyBackoff(AdministratorAccounts.Credential account, String address, long waitMillis) {
    try {
      backoffNotices.backingOff(account, address, waitMillis, java.time.Instant.now());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A sign-in backoff notice could not be queued", e);
    }
  }

  /**
   * Checks the signed-in administrator's current password (a password change): the same
   * backoff, failure count and security events as a sign-in, so a wrong current password counts
   * as a failed sign-in. Granted only for that very account.
   */
  public Outcome confirmPassword(AdminIdentity identity, String password, String address) {
    var outcome = attempt(identity.email(), password, address);
    if (outcome.identity() != null && !outcome.identity().id().equals(identity.id())) {
      return new Outcome(null, 401, WRONG, 0);
    }
    return outcome;
  }

  /** A sign-out of the console, for the security log and audit trail. */
  public void signedOut(AdminIdentity identity, String address) {
    accounts.byId(identity.id()).ifPresent(account -> record("SIGN_OUT", account, address, null));
  }

  private void remember(String fingerprint, Verified entry) {
    if (verified.size() >= MAX_CACHED) {
      verified.clear(); // bounded memory; the next sign-ins verify again
    }
    verified.put(fingerprint, entry);
  }

  private void record(String event, AdministratorAccounts.Credential account, String address, String detail) {
    try {
      events.record(event, account, address, detail);
    } catch (RuntimeException e) {
      if (!DatabaseOutage.is(e)) {
        LOG.log(Level.WARNING, "A security event could not be recorded", e);
      }
    }
  }

  private void answerNoSoonerThan(long startedNanos) {
    long remaining = failureDelayMillis - (System.nanoTime() - startedNanos) / 1_000_000;
    if (remaining > 0) {
      try {
        Thread.sleep(remaining);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private String fingerprint(String email, String password) {
    Mac mac = macs.get(); // doFinal resets it for the next use
    mac.update(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(cacheKey);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
