package io.provisio.audit.boundary;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import java.time.Instant;
import java.util.List;

/** "Why was this user not provisioned?": SCIM writes and refusals, newest first, searchable. */
@Stateless
@Path("v1/tenants/{tenantId}/provisioning-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public class ProvisioningLogResource {

  /** A page of the provisioning log. */
  public record ProvisioningLogPage(@Schema(description = "All entries that match") long total, int offset,
      List<ProvisioningLogItem> items) {}

  /** One SCIM write or refusal; the optional fields are absent when unknown. */
  public record ProvisioningLogItem(
      String id,
      Instant at,
      @Schema(example = "CREATE") String operation,
      @Schema(description = "The write as people say it", example = "Created") String action,
      @Schema(enumeration = {"SUCCESS", "FAILURE"}) String outcome,
      @Schema(description = "The HTTP status answered to the IdP") int httpStatus,
      @Schema(description = "The reason code of a refusal", example = "NO_MAPPING_MATCHED") String reason,
      String userId,
      String userName,
      String email,
      @Schema(description = "The mapping that placed the user") String mapping,
      String detail,
      @Schema(description = "What to do about a refusal") String remedy) {}

  @Inject ProvisioningLog log;
  @Inject CurrentAdministrator current;

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "The provisioning log; q searches the start of a userName or email, outcome=SUCCESS|FAILURE, reason a reason code (e.g. NO_MAPPING_MATCHED)")
  @APIResponseSchema(ProvisioningLogPage.class)
  public JsonObject search(
      @PathParam("tenantId") String tenantId,
      @QueryParam("q") String q,
      @QueryParam("outcome") String outcome,
      @QueryParam("reason") String reason,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    current.requireOwnTenant(tenantId);
    int size = Math.max(1, Math.min(limit, 500));
    var items = ScimJson.arrayBuilder();
    for (var e : log.search(tenantId, q, outcome, reason, Math.max(0, offset), size)) {
      var item = ScimJson.objectBuilder()
          .add("id", e.getId())
          .add("at", e.getAt().toString())
          .add("operation", e.getOperation())
          .add("action", action(e.getOperation(), "SUCCESS".equals(e.getOutcome()), e.getDetail()))
          .add("outcome", e.getOutcome())
          .add("httpStatus", e.getHttpStatus());
      put(item, "reason", e.getReason());
      put(item, "userId", e.getUserId());
      put(item, "userName", e.getUserName());
      put(item, "email", e.getEmailLower());
      put(item, "mapping", e.getMappingName());
      put(item, "detail", e.getDetail());
      put(item, "remedy", e.getRemedy());
      items.add(item);
    }
    return ScimJson.objectBuilder()
        .add("total", log.count(tenantId, q, outcome, reason))
        .add("offset", Math.max(0, offset))
        .add("items", items)
        .build();
  }

  /**
   * The write as people say it ("Created", "Preserved", "Group updated"), from the operation, the
   * outcome and the detail the users' and groups' controls write on success ("Restored the
   * preserved account.", "Deactivated the account.", "Reactivated the account.").
   */
  static String action(String operation, boolean success, String detail) {
    String op = operation == null ? "" : operation;
    boolean group = op.startsWith("GROUP_");
    String verb = group ? op.substring("GROUP_".length()) : op;
    String text = detail == null ? "" : detail;
    String said = switch (verb) {
      case "CREATE" -> success && text.startsWith("Restored") ? "Restored" : "Created";
      case "REPLACE", "PATCH" -> success && !group && text.startsWith("Deactivated") ? "Deactivated"
          : success && !group && text.startsWith("Reactivated") ? "Reactivated" : "Updated";
      case "DELETE" -> group ? "Deleted" : "Preserved";
      default -> op.isEmpty() ? "Call" : op.charAt(0) + op.substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
    if (group) said = "Group " + said.toLowerCase(java.util.Locale.ROOT);
    if (success) return said;
    return switch (verb) {
      case "CREATE" -> group ? "Group not created" : "Not created";
      case "REPLACE", "PATCH" -> group ? "Group not updated" : "Not updated";
      case "DELETE" -> group ? "Group not deleted" : "Not preserved";
      default -> "Refused";
    };
  }

  private static void put(JsonObjectBuilder item, String name, String value) {
    if (value != null) item.add(name, value);
  }
}
