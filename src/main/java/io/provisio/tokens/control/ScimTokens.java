package io.provisio.tokens.control;

import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.ApiException;
import io.provisio.tenants.entity.Tenant;
import io.provisio.tokens.entity.ScimToken;
import io.provisio.tokens.entity.ScimToken.Kind;
import io.provisio.tokens.entity.ScimToken.Revocation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues, revokes and checks SCIM bearer tokens. A granted token is kept in this member's cache
 * ({@link GrantedTokens}); every revocation ends the cached grants on every member of a cluster
 * before the revoking call answers, so a revoked token fails on every member at once.
 */
@Stateless
public class ScimTokens {

  public static final String GENERATED_PREFIX = "prv_";
  public static final String OAUTH_PREFIX = "prvo_";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  /** The token in clear, exactly once, with its dates. */
  public record Issued(String token, Instant createdAt, Instant expiresAt) {}

  /** What administrators see of the tenant's generated token. */
  public record Status(
      String status, Instant createdAt, Instant expiresAt, Long daysLeft, Instant lastUsedAt) {}

  /** Per instance: when each token's last-used time was last written, to write it once a minute. */
  private static final Map<String, Instant> LAST_TOUCH = new ConcurrentHashMap<>();

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject GrantedTokens granted;

  @Inject
  @ConfigProperty(name = "provisio.token.validity-days", defaultValue = "365")
  int validityDays;

  /**
   * OAuth access tokens live one hour by default (not the generated token's year): a client holds
   * its id and secret and asks again, so a leaked access token is worth little for long.
   */
  @Inject
  @ConfigProperty(name = "provisio.oauth.access-token-minutes", defaultValue = "60")
  int accessTokenMinutes;

  /** Generates the tenant's token, revoking the previous one in the same transaction. */
  public Issued generate(String tenantId, String actor) {
    Tenant tenant = em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    requireScimOpen(tenant);
    Instant now = clock.instant();
    List<ScimToken> previous =
        em.createQuery(
                "SELECT t FROM ScimToken t WHERE t.tenantId = :tenant AND t.kind = :kind"
                    + " AND t.revokedAt IS NULL",
                ScimToken.class)
            .setParameter("tenant", tenantId)
            .setParameter("kind", Kind.GENERATED)
            .getResultList();
    previous.forEach(t -> t.revoke(Revocation.REPLACED, now));
    if (!previous.isEmpty()) granted.invalidateEverywhere();
    String token = Secrets.newToken(GENERATED_PREFIX);
    var entity =
        new ScimToken(
            tenantId,
            Kind.GENERATED,
            null,
            Secrets.sha256(token),
            actor,
            now,
            now.plus(Duration.ofDays(validityDays)));
    em.persist(entity);
    for (ScimToken old : previous) {
      audit.record(tenantId, actor, "SCIM_TOKEN_REVOKED", old.getId(), null, reason(old));
    }
    audit.record(
        tenantId,
        actor,
        "SCIM_TOKEN_GENERATED",
        entity.getId(),
        null,
        ScimJson.objectBuilder()
            .add("expiresAt", entity.getExpiresAt().toString())
            .build()
            .toString());
    em.flush();
    return new Issued(token, entity.getCreatedAt(), entity.getExpiresAt());
  }

  /** An OAuth access token for a client, replacing that client's previous one. */
  public Issued grant(String tenantId, String oauthClientId, String clientLabel) {
    Instant now = clock.instant();
    List<ScimToken> previous = em.createQuery(
            "SELECT t FROM ScimToken t WHERE t.oauthClientId = :client AND t.revokedAt IS NULL",
            ScimToken.class)
        .setParameter("client", oauthClientId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
    previous.forEach(t -> t.revoke(Revocation.REPLACED, now));
    if (!previous.isEmpty()) granted.invalidateEverywhere();
    String token = Secrets.newToken(OAUTH_PREFIX);
    var entity =
        new ScimToken(
            tenantId,
            Kind.OAUTH,
            oauthClientId,
            Secrets.sha256(token),
            clientLabel,
            now,
            now.plus(Duration.ofMinutes(accessTokenMinutes)));
    em.persist(entity);
    return new Issued(token, entity.getCreatedAt(), entity.getExpiresAt());
  }

  public void revokeClientTokens(String oauthClientId) {
    Instant now = clock.instant();
    em.createQuery(
            "SELECT t FROM ScimToken t WHERE t.oauthClientId = :client AND t.revokedAt IS NULL",
            ScimToken.class)
        .setParameter("client", oauthClientId)
        .getResultList()
        .forEach(t -> t.revoke(Revocation.CLIENT_DELETED, now));
    granted.invalidateEverywhere();
  }

  public Status status(String tenantId) {
    Instant now = clock.instant();
    return em.createQuery(
            "SELECT t FROM ScimToken t WHERE t.tenantId = :tenant AND t.kind = :kind"
                + " AND t.revokedAt IS NULL ORDER BY t.createdAt DESC",
            ScimToken.class)
        .setParameter("tenant", tenantId)
        .setParameter("kind", Kind.GENERATED)
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .map(
            t ->
                new Status(
                    t.isExpired(now) ? "EXPIRED" : "ACTIVE",
                    t.getCreatedAt(),
                    t.getExpiresAt(),
                    daysLeft(t.getExpiresAt(), now),
                    t.getLastUsedAt()))
        .orElse(new Status("NONE", null, null, null, null));
  }

  /** Whole days until expiry, rounded down; 0 on the last day, negative once expired. */
  public static long daysLeft(Instant expiresAt, Instant now) {
    return Math.floorDiv(Duration.between(now, expiresAt).toSeconds(), 86_400L);
  }

  /**
   * Checks a bearer token of a SCIM call against the database (callers ask {@link GrantedTokens#known}
   * first) and caches a grant; never throws for a bad token.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public BearerCheck check(String bearer) {
    if (bearer == null || bearer.isBlank() || bearer.length() > 200) {
      return BearerCheck.refused(null, "TOKEN_UNKNOWN", 401, unknownDetail());
    }
    String hash = Secrets.sha256(bearer);
    Instant now = clock.instant();
    long epoch = granted.epoch(); // before the read: a revocation committing meanwhile makes it stale
    // one indexed read for the token and its tenant
    Object[] found =
        em.createQuery(
                "SELECT t, n FROM ScimToken t, Tenant n WHERE t.tokenHash = :hash AND n.id = t.tenantId",
                Object[].class)
            .setParameter("hash", hash)
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (found == null) {
      return BearerCheck.refused(null, "TOKEN_UNKNOWN", 401, unknownDetail());
    }
    ScimToken token = (ScimToken) found[0];
    Tenant tenant = (Tenant) found[1];
    if (token.getRevokedAt() != null) {
      return BearerCheck.refused(token.getTenantId(), "TOKEN_REVOKED", 401, revokedDetail(token));
    }
    if (token.isExpired(now)) {
      return BearerCheck.refused(
          token.getTenantId(),
          "TOKEN_EXPIRED",
          401,
          "This token expired on "
              + WHEN.format(token.getExpiresAt())
              + ". A CLOUD_ADMIN must generate a new token in the Provisio console (Token page)"
              + " and paste it into the identity provider (Okta: API Token; Entra ID: Secret"
              + " Token), or the OAuth client must request a new access token.");
    }
    String closed = ScimAccess.closedReason(tenant);
    if (closed != null) {
      return BearerCheck.refused(tenant.getId(), closed, 403, ScimAccess.message(closed) + ".");
    }
    granted.put(hash, new GrantedTokens.Grant(token.getTenantId(), token.getId(), token.getExpiresAt()), epoch);
    return BearerCheck.granted(token.getTenantId(), token.getId());
  }

  /** Whether this instance should record the token's use now (at most once a minute). */
  public static boolean dueForTouch(String tokenId, Instant now) {
    Instant last = LAST_TOUCH.get(tokenId);
    return last == null || !last.plus(TOUCH_INTERVAL).isAfter(now);
  }

  /** Records that a token was used; callers ask {@link #dueForTouch} first, without a transaction. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void touch(String tokenId) {
    Instant now = clock.instant();
    LAST_TOUCH.put(tokenId, now);
    em.createQuery(
            "UPDATE ScimToken t SET t.lastUsedAt = :now WHERE t.id = :id"
                + " AND (t.lastUsedAt IS NULL OR t.lastUsedAt < :since)")
        .setParameter("now", now)
        .setParameter("id", tokenId)
        .setParameter("since", now.minus(TOUCH_INTERVAL))
        .executeUpdate();
  }

  /** Whether tokens may be issued for this tenant (API access on, SCIM mode). */
  public void requireScimOpen(Tenant tenant) {
    if (tenant == null) {
      throw ApiException.notFound("No such tenant.");
    }
    String closed = ScimAccess.closedReason(tenant);
    if (closed != null) {
      throw new ApiException(
          "API_ACCESS_DISABLED".equals(closed) ? 403 : 409,
          ScimAccess.message(closed) + ".",
          "API_ACCESS_DISABLED".equals(closed) ? "apiAccess" : "userManagementMode");
    }
  }

  private static String unknownDetail() {
    return "The bearer token is not known to Provisio. Check that the identity provider holds the"
        + " complete token generated in the Provisio console (Okta: API Token; Entra ID: Secret"
        + " Token), sent as \"Authorization: Bearer <token>\".";
  }

  private static String revokedDetail(ScimToken token) {
    String when = WHEN.format(token.getRevokedAt());
    if (token.getRevokedReason() == Revocation.CLIENT_DELETED) {
      return "This token was revoked on " + when + " because its OAuth client was deleted.";
    }
    if (token.getKind() == Kind.OAUTH) {
      return "This access token was revoked on "
          + when
          + " because the OAuth client requested a newer one; use the newest access token.";
    }
    return "This token was revoked on "
        + when
        + " because a newer token was generated for this account. Paste the new token into the"
        + " identity provider.";
  }

  private static String reason(ScimToken token) {
    return ScimJson.objectBuilder()
        .add("reason", String.valueOf(token.getRevokedReason()))
        .build()
        .toString();
  }

  /** When any of the tenant's tokens was last used (to the minute), or null: the IdP's last call. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Instant lastCall(String tenantId) {
    return em.createQuery("SELECT MAX(t.lastUsedAt) FROM ScimToken t WHERE t.tenantId = :t", Instant.class)
        .setParameter("t", tenantId).getSingleResult();
  }
}
