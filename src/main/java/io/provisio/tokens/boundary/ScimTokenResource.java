package io.provisio.tokens.boundary;

import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import io.provisio.tokens.control.ExpiryNotices;
import io.provisio.tokens.control.ScimTokens;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import io.provisio.tokens.entity.TokenNotice;
import java.util.List;

/** The tenant's generated SCIM token: generate (shown once), its status, and its expiry notices. */
@Stateless
@Path("v1/tenants/{tenantId}/scim-token")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class ScimTokenResource {

  /** A new token: the only answer that holds it. */
  public record IssuedScimToken(@Schema(description = "Shown only here") String token, Instant createdAt,
      Instant expiresAt) {}

  /** The token's dates are null when there is none. */
  public record ScimTokenStatus(
      @Schema(enumeration = {"ACTIVE", "EXPIRED", "NONE"}) String status,
      @Schema(nullable = true) Instant createdAt,
      @Schema(nullable = true) Instant expiresAt,
      @Schema(nullable = true) Long daysLeft,
      @Schema(nullable = true) Instant lastUsedAt,
      @Schema(description = "Days before expiry when notices go out, most first") List<Integer> reminderDays) {}

  public record TokenNoticeView(
      String tokenId,
      @Schema(description = "Days before expiry") int thresholdDays,
      TokenNotice.Status status,
      int attempts,
      Instant createdAt,
      @Schema(nullable = true) Instant sentAt,
      @Schema(description = "Absent until mailed") String recipients,
      @Schema(description = "Why the last attempt failed; absent if none did") String lastError) {}

  @Inject ScimTokens tokens;
  @Inject ExpiryNotices notices;
  @Inject CurrentAdministrator current;

  @Inject
  @ConfigProperty(name = "provisio.token.reminder-days", defaultValue = "30,14,7,3,1,0")
  String reminderDays;

  @POST
  @RolesAllowed(Role.CLOUD_ADMIN_NAME)
  @Operation(
      summary =
          "Generate the tenant's SCIM token (CLOUD_ADMIN). The previous token stops working at"
              + " once; the new one is in this answer and never shown again.")
  @APIResponseSchema(value = IssuedScimToken.class, responseCode = "201")
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
  @APIResponseSchema(ScimTokenStatus.class)
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
    // the notice schedule, so the console can say when reminders go out
    var days = ScimJson.arrayBuilder();
    java.util.Arrays.stream(reminderDays.split(",")).map(String::trim).filter(d -> d.matches("\\d+"))
        .map(Integer::valueOf).sorted(java.util.Comparator.reverseOrder()).distinct().forEach(days::add);
    body.add("reminderDays", days);
    return body.build();
  }

  @GET
  @Path("notices")
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "Expiry notices of the tenant's tokens: sent, pending (retried) or superseded")
  @APIResponseSchema(TokenNoticeView[].class)
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
