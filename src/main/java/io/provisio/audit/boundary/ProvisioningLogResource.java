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

/** "Why was this user not provisioned?": SCIM writes and refusals, newest first, searchable. */
@Stateless
@Path("v1/tenants/{tenantId}/provisioning-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public class ProvisioningLogResource {

  @Inject ProvisioningLog log;
  @Inject CurrentAdministrator current;

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "The provisioning log; q searches the start of a userName or email, outcome=SUCCESS|FAILURE")
  public JsonObject search(
      @PathParam("tenantId") String tenantId,
      @QueryParam("q") String q,
      @QueryParam("outcome") String outcome,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    current.requireOwnTenant(tenantId);
    int size = Math.max(1, Math.min(limit, 500));
    var items = ScimJson.arrayBuilder();
    for (var e : log.search(tenantId, q, outcome, Math.max(0, offset), size)) {
      var item = ScimJson.objectBuilder()
          .add("id", e.getId())
          .add("at", e.getAt().toString())
          .add("operation", e.getOperation())
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
        .add("total", log.count(tenantId, q, outcome))
        .add("offset", Math.max(0, offset))
        .add("items", items)
        .build();
  }

  private static void put(JsonObjectBuilder item, String name, String value) {
    if (value != null) item.add(name, value);
  }
}
