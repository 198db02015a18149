package io.provisio.audit.boundary;

import io.provisio.audit.control.AuditTrail;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
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

/** The audit trail of a tenant: every administrative change, newest first. */
@Stateless
@Path("v1/tenants/{tenantId}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

  /** A page of an audit trail. */
  public record AuditPage(@Schema(description = "All entries") long total, int offset, List<AuditItem> items) {}

  public record AuditItem(
      String id,
      Instant at,
      @Schema(description = "Who made the change (an email)") String actor,
      @Schema(example = "MAPPING_CREATED") String action,
      @Schema(description = "What was changed (an id or a name); absent if nothing one") String target,
      @Schema(description = "The state before, as JSON text; absent for a creation") String before,
      @Schema(description = "The state after, as JSON text; absent for a removal") String after) {}

  @Inject AuditTrail trail;
  @Inject CurrentAdministrator current;

  @GET
  @RolesAllowed({Role.READ_ONLY_NAME, Role.OPERATOR_NAME})
  @Operation(summary = "The audit trail of a tenant, newest first, paged with offset and limit")
  @APIResponseSchema(AuditPage.class)
  public JsonObject list(
      @PathParam("tenantId") String tenantId,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    current.requireTenant(tenantId);
    return page(trail, tenantId, offset, limit);
  }

  /** One page of a trail (a tenant's, or the platform's for null) as the API shows it. */
  static JsonObject page(AuditTrail trail, String tenantId, int offset, int limit) {
    int size = Math.max(1, Math.min(limit, 500));
    var items = ScimJson.arrayBuilder();
    for (var e : trail.page(tenantId, Math.max(0, offset), size)) {
      var item =
          ScimJson.objectBuilder()
              .add("id", e.getId())
              .add("at", e.getAt().toString())
              .add("actor", e.getActor())
              .add("action", e.getAction());
      if (e.getTarget() != null) item.add("target", e.getTarget());
      if (e.getBefore() != null) item.add("before", e.getBefore());
      if (e.getAfter() != null) item.add("after", e.getAfter());
      items.add(item);
    }
    return ScimJson.objectBuilder()
        .add("total", trail.count(tenantId))
        .add("offset", Math.max(0, offset))
        .add("items", items)
        .build();
  }
}
