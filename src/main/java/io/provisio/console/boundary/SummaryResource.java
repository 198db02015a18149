package io.provisio.console.boundary;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.doctor.control.AlertRecords;
import io.provisio.doctor.control.Diagnosis;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import io.provisio.doctor.entity.TenantAlert;
import io.provisio.tenants.entity.UserManagementMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The tenant's summary (SPEC §7): mode, API access, token, last SCIM call, recent failures. */
@Stateless
@Path("v1/tenants/{tenantId}/summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public class SummaryResource {

  public record TenantSummary(
      String tenantId,
      String name,
      UserManagementMode userManagementMode,
      boolean apiAccess,
      TokenSummary token,
      @Schema(description = "Refusals of the last 24 hours, by reason code") Map<String, Long> failuresLast24h,
      List<DayOutcomes> outcomesLast30Days,
      @Schema(nullable = true, description = "null if there was none") Instant lastSuccessfulScimCall,
      @Schema(description = "The setup checklist") List<SetupStep> setup,
      List<OpenAlert> openAlerts) {}

  /** The SCIM token; the dates and counts are absent when there is none. */
  public record TokenSummary(
      @Schema(enumeration = {"ACTIVE", "EXPIRED", "NONE"}) String status,
      Instant createdAt, Instant expiresAt, Long daysLeft, Long secondsLeft,
      @Schema(description = "Absent if never used") Instant lastUsedAt) {}

  public record DayOutcomes(@Schema(example = "2026-11-28") String day, long successes, long failures) {}

  public record SetupStep(String id, boolean done, String label, String link) {}

  public record OpenAlert(TenantAlert.Kind kind, String summary, Instant startedAt) {}

  @PersistenceContext EntityManager em;
  @Inject ScimTokens tokens;
  @Inject ProvisioningLog log;
  @Inject CurrentAdministrator current;
  @Inject Clock clock;
  @Inject Diagnosis doctor;
  @Inject AlertRecords alerts;

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "Mode, API access, token status and expiry, last successful SCIM call, failures of the last 24 hours by reason, outcomes of the last 30 days")
  @APIResponseSchema(TenantSummary.class)
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
    var setup = ScimJson.arrayBuilder();
    for (var step : doctor.checklist(tenantId)) {
      setup.add(ScimJson.objectBuilder().add("id", step.id()).add("done", step.done())
          .add("label", step.label()).add("link", step.link()));
    }
    answer.add("setup", setup);
    var open = ScimJson.arrayBuilder();
    for (var alert : alerts.openOf(tenantId)) {
      open.add(ScimJson.objectBuilder().add("kind", alert.getKind().name()).add("summary", alert.getSummary())
          .add("startedAt", alert.getStartedAt().toString()));
    }
    answer.add("openAlerts", open);
    return answer.build();
  }
}
