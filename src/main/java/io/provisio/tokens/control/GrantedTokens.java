package io.provisio.tokens.control;

import io.provisio.platform.cluster.ClusterCaches;
import io.provisio.platform.cluster.EpochCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * This member's cache of granted SCIM tokens, by the token's SHA-256: a SCIM call with a known
 * token costs no database read (issue 19). Every change that can refuse a granted token (revoked,
 * replaced, its OAuth client deleted, the tenant's SCIM access closed) ends it on every member
 * before that change's call answers ({@link ClusterCaches#invalidateEverywhere}); expiry is checked
 * on every use. Refusals are never cached: they are rare, and logged with their reason.
 */
@ApplicationScoped
public class GrantedTokens {

  /** What a granted token stands for. */
  public record Grant(String tenantId, String tokenId, Instant expiresAt) {}

  @Inject ClusterCaches caches;
  private EpochCache<Grant> cache;

  @PostConstruct
  void create() {
    cache = caches.newCache(10_000);
  }

  /** The epoch to read a token under (before the read), for {@link #put}. */
  public long epoch() {
    return cache.epoch();
  }

  /**
   * The check of a bearer token this member knows still holds, without the database (and outside
   * any EJB: this is every SCIM call's path); null when {@link ScimTokens#check} must say.
   */
  public BearerCheck known(String bearer, Instant now) {
    if (bearer == null || bearer.length() > 200) return null;
    Grant grant = cache.get(Secrets.sha256(bearer));
    return grant != null && grant.expiresAt().isAfter(now) ? BearerCheck.granted(grant.tenantId(), grant.tokenId()) : null;
  }

  public void put(String hash, Grant grant, long epoch) {
    cache.put(hash, grant, epoch);
  }

  /** Ends every cached grant on every member, with the caller's transaction. */
  public void invalidateEverywhere() {
    caches.invalidateEverywhere();
  }
}
