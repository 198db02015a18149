package io.provisio.tokens.boundary;

import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import io.provisio.tokens.control.ExpiryNotices;
import io.provisio.tokens.control.ScimTokens;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's generated SCIM token: generate (shown once), its status, and its expiry notices. */
@Stateless
@Path("v1/tenants/{tenantId}/scim-token")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class ScimTokenResource {

  @Inject ScimTokens tokens;
  @Inject ExpiryNotices notices;
  @Inject CurrentAdministrator current;

  @POST
  @RolesAllowed(Role.CLOUD_ADMIN_NAME)
  @Operation(
      summary =
          "Generate the tenant's SCIM token (CLOUD_ADMIN). The previous token stops working at"
              + " once; the new one is in this answer and never shown again.")
  public Response generate(@PathParam("tenantId") String tenantId) {
    var admin = current.requireOwnTenant(tenantId);
    var issued = tokens.generate(tenantId, admin.email());
    JsonObject body =
        ScimJson.objectBuilder()
            .add("token", issued.token())
            .add("createdAt", issued.createdAt().toString())
            .add("expiresAt", issued.expiresAt().toString())
            .build();
    var noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.status(201).entity(body).cacheControl(noStore).build();
  }

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "Status of the tenant's SCIM token: ACTIVE, EXPIRED or NONE, and its dates")
  public JsonObject status(@PathParam("tenantId") String tenantId) {
    current.requireOwnTenant(tenantId);
    var status = tokens.status(tenantId);
    var body = ScimJson.objectBuilder().add("status", status.status());
    put(body, "createdAt", status.createdAt());
    put(body, "expiresAt", status.expiresAt());
    if (status.daysLeft() != null) {
      body.add("daysLeft", status.daysLeft());
    } else {
      body.addNull("daysLeft");
    }
    put(body, "lastUsedAt", status.lastUsedAt());
    return body.build();
  }

  @GET
  @Path("notices")
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "Expiry notices of the tenant's tokens: sent, pending (retried) or superseded")
  public JsonArray notices(@PathParam("tenantId") String tenantId) {
    current.requireOwnTenant(tenantId);
    var list = ScimJson.arrayBuilder();
    for (var n : notices.list(tenantId)) {
      var item =
          ScimJson.objectBuilder()
              .add("tokenId", n.getTokenId())
              .add("thresholdDays", n.getThresholdDays())
              .add("status", n.getStatus().name())
              .add("attempts", n.getAttempts())
              .add("createdAt", n.getCreatedAt().toString());
      put(item, "sentAt", n.getSentAt());
      if (n.getRecipients() != null) item.add("recipients", n.getRecipients());
      if (n.getLastError() != null) item.add("lastError", n.getLastError());
      list.add(item);
    }
    return list.build();
  }

  static void put(JsonObjectBuilder body, String name, Instant value) {
    if (value == null) {
      body.addNull(name);
    } else {
      body.add(name, value.toString());
    }
  }
}
