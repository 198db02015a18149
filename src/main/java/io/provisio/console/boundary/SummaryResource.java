package io.provisio.console.boundary;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import io.provisio.tenants.entity.Tenant;
import io.provisio.tokens.control.ScimTokens;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's summary (SPEC §7): mode, API access, token, last SCIM call, recent failures. */
@Stateless
@Path("v1/tenants/{tenantId}/summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public class SummaryResource {

  @PersistenceContext EntityManager em;
  @Inject ScimTokens tokens;
  @Inject ProvisioningLog log;
  @Inject CurrentAdministrator current;
  @Inject Clock clock;

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "Mode, API access, token status and expiry, last successful SCIM call, failures of the last 24 hours by reason, outcomes of the last 30 days")
  public JsonObject summary(@PathParam("tenantId") String tenantId) {
    current.requireOwnTenant(tenantId);
    Tenant tenant = em.find(Tenant.class, tenantId);
    var now = clock.instant();
    var token = tokens.status(tenantId);
    var tokenJson = ScimJson.objectBuilder().add("status", token.status());
    if (token.expiresAt() != null) {
      tokenJson.add("createdAt", token.createdAt().toString())
          .add("expiresAt", token.expiresAt().toString())
          .add("daysLeft", token.daysLeft())
          .add("secondsLeft", Math.max(0, Duration.between(now, token.expiresAt()).toSeconds()));
      if (token.lastUsedAt() != null) tokenJson.add("lastUsedAt", token.lastUsedAt().toString());
    }
    var failures = ScimJson.objectBuilder();
    log.failuresByReason(tenantId, now.minus(Duration.ofHours(24))).forEach(failures::add);
    var days = ScimJson.arrayBuilder();
    log.outcomesByDay(tenantId, now.minus(Duration.ofDays(30))).forEach((day, counts) ->
        days.add(ScimJson.objectBuilder().add("day", day).add("successes", counts[0]).add("failures", counts[1])));
    var lastSuccess = log.lastSuccess(tenantId);
    var answer = ScimJson.objectBuilder()
        .add("tenantId", tenantId)
        .add("name", tenant.getName())
        .add("userManagementMode", tenant.getUserManagementMode().name())
        .add("apiAccess", tenant.isApiAccess())
        .add("token", tokenJson)
        .add("failuresLast24h", failures)
        .add("outcomesLast30Days", days);
    if (lastSuccess != null) answer.add("lastSuccessfulScimCall", lastSuccess.toString());
    else answer.addNull("lastSuccessfulScimCall");
    return answer.build();
  }
}
