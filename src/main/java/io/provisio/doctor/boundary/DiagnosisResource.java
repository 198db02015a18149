package io.provisio.doctor.boundary;

import io.provisio.doctor.control.Check;
import io.provisio.doctor.control.Diagnosis;
import io.provisio.platform.ApiException;
import io.provisio.scim.control.ScimJson;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import java.util.List;

/** The provisioning doctor: why users are (not) provisioned, one check per cause. */
@Stateless
@Path("v1/tenants/{tenantId}/diagnosis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Doctor")
public class DiagnosisResource {

  public record DiagnosisReport(@Schema(description = "The moment evaluated") Instant checkedAt, List<CheckResult> checks) {}

  public record CheckResult(
      @Schema(enumeration = {"IDP_ACTIVITY", "SCIM_URL", "TOKEN", "MAPPINGS", "PROFILE_CAPACITY", "EMAIL_CONFLICTS",
          "REGION_HEALTH"}) String id,
      Check.Status status,
      @Schema(description = "What the check found, in one sentence") String summary,
      @Schema(description = "Dates, counts and values it found") List<String> evidence,
      @Schema(description = "What to do; null when nothing is to be done", nullable = true) String remedy,
      @Schema(description = "Where in the console to do it") String link) {}

  @Inject Diagnosis diagnosis;
  @Inject CurrentAdministrator current;
  @Inject Clock clock;

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  @Operation(summary = "The seven checks (IDP_ACTIVITY, SCIM_URL, TOKEN, MAPPINGS, PROFILE_CAPACITY, EMAIL_CONFLICTS, REGION_HEALTH), each OK, WARN or FAIL with evidence, remedy and console link; at (optional, not in the past) evaluates as of a later moment")
  @APIResponseSchema(DiagnosisReport.class)
  public JsonObject diagnose(@PathParam("tenantId") String tenantId, @QueryParam("at") String at) {
    current.requireOwnTenant(tenantId);
    Instant now = clock.instant();
    Instant when = at == null || at.isBlank() ? now : later(at, now);
    var checks = ScimJson.arrayBuilder();
    for (Check check : diagnosis.diagnose(tenantId, when)) {
      checks.add(check.json());
    }
    return ScimJson.objectBuilder().add("checkedAt", when.toString()).add("checks", checks).build();
  }

  /** A moment not in the past (what the doctor will say then, e.g. once the IdP has been silent a week). */
  static Instant later(String at, Instant now) {
    try {
      Instant when = Instant.parse(at.trim());
      if (when.isBefore(now.minusSeconds(60))) {
        throw ApiException.invalid("at", "at must not be in the past: the log holds what happened since.");
      }
      return when;
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("at", "at must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z.");
    }
  }
}
