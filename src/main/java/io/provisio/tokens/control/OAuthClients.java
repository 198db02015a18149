package io.provisio.tokens.control;

import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.ApiException;
import io.provisio.tenants.entity.Tenant;
import io.provisio.tokens.entity.OAuthClient;
import io.provisio.tokens.entity.ScimToken;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** OAuth 2.0 clients of a tenant and the client-credentials grant (RFC 6749 §4.4). */
@Stateless
public class OAuthClients {

  /** A new client: its secret in clear, exactly once. */
  public record Created(String clientId, String clientSecret, String name, Instant createdAt) {}

  /** What administrators see of a client, never its secret. */
  public record View(
      String clientId, String name, Instant createdAt, Instant tokenExpiresAt, Instant lastUsedAt) {}

  /** An RFC 6749 §5.2 error: the error code, its HTTP status and a description. */
  @ApplicationException(rollback = true)
  public static class GrantRefused extends RuntimeException {
    private final String error;
    private final int status;

    public GrantRefused(String error, int status, String description) {
      super(description, null, false, false);
      this.error = error;
      this.status = status;
    }

    public String error() {
      return error;
    }

    public int status() {
      return status;
    }
  }

  @Inject TokenAddresses addresses;
  @PersistenceContext EntityManager em;
  @Inject ScimTokens tokens;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  public Created create(String tenantId, String name, String actor) {
    Tenant tenant = em.find(Tenant.class, tenantId);
    tokens.requireScimOpen(tenant);
    String clientId = "prv-client-" + Secrets.newToken("").substring(0, 22);
    String secret = Secrets.newToken("prvs_");
    var client =
        new OAuthClient(tenantId, clientId, Secrets.sha256(secret), name, actor, clock.instant());
    em.persist(client);
    audit.record(
        tenantId,
        actor,
        "OAUTH_CLIENT_CREATED",
        clientId,
        null,
        ScimJson.objectBuilder().add("clientId", clientId).add("name", name).build().toString());
    return new Created(clientId, secret, name, client.getCreatedAt());
  }

  public List<View> list(String tenantId) {
    return em.createQuery(
            "SELECT c FROM OAuthClient c WHERE c.tenantId = :tenant ORDER BY c.createdAt",
            OAuthClient.class)
        .setParameter("tenant", tenantId)
        .getResultList()
        .stream()
        .map(this::view)
        .toList();
  }

  private View view(OAuthClient client) {
    var token =
        em.createQuery(
                "SELECT t FROM ScimToken t WHERE t.oauthClientId = :client AND t.revokedAt IS NULL",
                ScimToken.class)
            .setParameter("client", client.getId())
            .getResultStream()
            .findFirst();
    return new View(
        client.getClientId(),
        client.getName(),
        client.getCreatedAt(),
        token.map(ScimToken::getExpiresAt).orElse(null),
        token.map(ScimToken::getLastUsedAt).orElse(null));
  }

  public void delete(String tenantId, String clientId, String actor) {
    OAuthClient client = find(clientId);
    if (client == null || !client.getTenantId().equals(tenantId)) {
      throw ApiException.notFound("No OAuth client with id " + clientId + ".");
    }
    tokens.revokeClientTokens(client.getId());
    em.remove(client);
    audit.record(
        tenantId,
        actor,
        "OAUTH_CLIENT_DELETED",
        clientId,
        ScimJson.objectBuilder()
            .add("clientId", clientId)
            .add("name", client.getName())
            .build()
            .toString(),
        null);
  }

  /** The client-credentials grant: authenticates the client and issues its new access token. */
  public ScimTokens.Issued grant(String clientId, String secret, String address) {
    OAuthClient client = clientId == null ? null : find(clientId);
    if (client == null
        || secret == null
        || !Secrets.sameHash(client.getSecretHash(), Secrets.sha256(secret))) {
      throw new GrantRefused("invalid_client", 401, "Client authentication failed.");
    }
    Tenant tenant = em.find(Tenant.class, client.getTenantId());
    String closed = ScimAccess.closedReason(tenant);
    if (closed != null) {
      throw new GrantRefused("unauthorized_client", 400, ScimAccess.message(closed) + ".");
    }
    if (TokenAddresses.isNew("client:" + client.getId(), address)) {
      addresses.record("CLIENT_SECRET_USED_FROM_NEW_ADDRESS", client.getTenantId(), client.getClientId(), address);
    }
    return tokens.grant(client.getTenantId(), client.getId(), "oauth:" + client.getClientId());
  }

  private OAuthClient find(String clientId) {
    return em.createQuery("SELECT c FROM OAuthClient c WHERE c.clientId = :id", OAuthClient.class)
        .setParameter("id", clientId)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }
}
