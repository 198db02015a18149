package io.provisio.doctor.boundary;

import io.provisio.platform.JsonFields;
import io.provisio.doctor.control.AlertRecords;
import io.provisio.doctor.control.AlertSettingsStore;
import io.provisio.doctor.entity.AlertSettings;
import io.provisio.doctor.entity.TenantAlert;
import io.provisio.platform.ApiException;
import io.provisio.scim.control.ScimJson;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBodySchema;
import java.time.Instant;
import java.util.List;

/** A tenant's alerts (open ones first) and the settings that decide them. */
@Stateless
@Path("v1/tenants/{tenantId}/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Doctor")
public class AlertsResource {

  /** The open alerts, and the latest of all. */
  public record AlertList(List<AlertView> open, @Schema(description = "Newest first, at most 200") List<AlertView> items) {}

  public record AlertView(
      String id,
      TenantAlert.Kind kind,
      String summary,
      boolean open,
      Instant startedAt,
      TenantAlert.Delivery delivery,
      @Schema(description = "Absent while the alert is open") Instant endedAt,
      @Schema(description = "Absent until mailed") Instant sentAt,
      @Schema(description = "Who it was mailed to; absent until mailed") String recipients,
      @Schema(description = "Why the last mail failed; absent if none did") String error) {}

  public record AlertSettingsView(
      @Schema(description = "Days without a SCIM call after which the IdP counts as silent") int idpSilentDays,
      @Schema(description = "Failures in an hour that make a spike") int failureSpikePerHour) {}

  /** The settings to change; a field left out keeps its value. */
  public record AlertSettingsChange(
      @Schema(description = "1 to 365", example = "7") Integer idpSilentDays,
      @Schema(description = "At least 1", example = "20") Integer failureSpikePerHour) {}

  @Inject AlertRecords records;
  @Inject AlertSettingsStore settings;
  @Inject CurrentAdministrator current;

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "The open alerts, and every alert of the tenant newest first (at most 200)")
  @APIResponseSchema(AlertList.class)
  public JsonObject list(@PathParam("tenantId") String tenantId) {
    current.requireOwnTenant(tenantId);
    var open = ScimJson.arrayBuilder();
    records.openOf(tenantId).forEach(a -> open.add(json(a)));
    var all = ScimJson.arrayBuilder();
    records.list(tenantId, 200).forEach(a -> all.add(json(a)));
    return ScimJson.objectBuilder().add("open", open).add("items", all).build();
  }

  @GET
  @Path("settings")
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "After how many silent days the IdP counts as silent, how many failures an hour are a spike")
  @APIResponseSchema(AlertSettingsView.class)
  public JsonObject settings(@PathParam("tenantId") String tenantId) {
    current.requireOwnTenant(tenantId);
    return json(settings.of(tenantId));
  }

  @PUT
  @Path("settings")
  @RolesAllowed(Role.CLOUD_ADMIN_NAME)
  @Operation(summary = "Change idpSilentDays (1–365) and/or failureSpikePerHour (≥ 1)")
  @APIResponseSchema(AlertSettingsView.class)
  public JsonObject change(@PathParam("tenantId") String tenantId,
      @JsonFields({"idpSilentDays", "failureSpikePerHour"}) @RequestBodySchema(AlertSettingsChange.class) JsonObject body) {
    current.requireOwnTenant(tenantId);
    if (body == null) throw ApiException.invalid(null, "A JSON object body is required.");
    return json(settings.change(tenantId, integer(body, "idpSilentDays"), integer(body, "failureSpikePerHour")));
  }

  private static Integer integer(JsonObject body, String name) {
    JsonValue value = body.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw ApiException.invalid(name, name + " must be a whole number.");
    }
    return number.intValue();
  }

  private static JsonObject json(AlertSettings s) {
    return ScimJson.objectBuilder().add("idpSilentDays", s.getIdpSilentDays())
        .add("failureSpikePerHour", s.getFailureSpikePerHour()).build();
  }

  private static JsonObject json(TenantAlert a) {
    var json = ScimJson.objectBuilder()
        .add("id", a.getId())
        .add("kind", a.getKind().name())
        .add("summary", a.getSummary())
        .add("open", a.isOpen())
        .add("startedAt", a.getStartedAt().toString())
        .add("delivery", a.getDelivery().name());
    if (a.getEndedAt() != null) json.add("endedAt", a.getEndedAt().toString());
    if (a.getSentAt() != null) json.add("sentAt", a.getSentAt().toString());
    if (a.getRecipients() != null) json.add("recipients", a.getRecipients());
    if (a.getError() != null) json.add("error", a.getError());
    return json.build();
  }
}
