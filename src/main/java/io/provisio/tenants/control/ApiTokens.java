package io.provisio.tenants.control;

import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.ApiException;
import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.ApiToken;
import io.provisio.tokens.control.Secrets;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Personal API tokens: the door for automation, instead of an email and password on every call.
 * A token ({@code prva_} + 256 random bits) is shown once; only its SHA-256 is stored, so a check
 * is one indexed read and no password hash. It acts with its administrator's current role, ends
 * with the administrator, is refused while the administrator is disabled, and is revoked by its
 * owner at any time; every instance sees a revocation on its next request (nothing is cached).
 */
@Stateless
public class ApiTokens {

  public static final String PREFIX = "prva_";

  /** A new token in clear, exactly once. */
  public record Issued(ApiToken token, String secret) {}

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  public Issued create(AdminIdentity owner, String name) {
    String secret = Secrets.newToken(PREFIX);
    var token = new ApiToken(owner.id(), name, Secrets.sha256(secret), clock.instant());
    em.persist(token);
    audit.record(owner.tenantId(), owner.email(), "API_TOKEN_CREATED", token.getId(), null,
        "{\"name\":\"" + name.replaceAll("[\"\\\\\\p{Cntrl}]", "_") + "\"}");
    return new Issued(token, secret);
  }

  public List<ApiToken> of(AdminIdentity owner) {
    return em.createQuery(
            "SELECT t FROM ApiToken t WHERE t.administratorId = :owner ORDER BY t.createdAt DESC", ApiToken.class)
        .setParameter("owner", owner.id())
        .getResultList();
  }

  public void revoke(AdminIdentity owner, String id) {
    ApiToken token = em.find(ApiToken.class, id);
    if (token == null || !token.getAdministratorId().equals(owner.id())) {
      throw ApiException.notFound("No API token with id " + id + ".");
    }
    token.revoke(clock.instant());
    audit.record(owner.tenantId(), owner.email(), "API_TOKEN_REVOKED", token.getId(), null, null);
  }

  /** The administrator a token stands for, as the account is now; empty if unknown or revoked. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<AdminIdentity> check(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
      return Optional.empty();
    }
    return em.createQuery(
            "SELECT a FROM ApiToken t, Administrator a WHERE t.tokenHash = :hash AND t.revokedAt IS NULL"
                + " AND a.id = t.administratorId AND a.disabled = false",
            Administrator.class)
        .setParameter("hash", Secrets.sha256(secret))
        .getResultStream()
        .findFirst()
        .map(a -> new AdminIdentity(a.getId(), a.getEmail(), a.getTenantId(), a.getRole()));
  }
}
