package io.provisio.audit.boundary;

import io.provisio.audit.control.AuditTrail;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * The platform's audit trail (operator): what belongs to no tenant, such as operators added or
 * removed, operators' password changes and sign-ins, newest first.
 */
@Stateless
@Path("v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class PlatformAuditResource {

  @Inject AuditTrail trail;

  @GET
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "The platform's audit trail (operators), newest first, paged with offset and limit")
  @APIResponseSchema(AuditResource.AuditPage.class)
  public JsonObject list(
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return AuditResource.page(trail, null, offset, limit);
  }
}
