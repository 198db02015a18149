package io.provisio.doctor.boundary;

import io.provisio.platform.JsonFields;
import io.provisio.doctor.control.Alerts;
import io.provisio.scim.control.ScimJson;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Lets the operator run the alerts now (after fixing the mail server), or rehearse them at a later moment. */
@Stateless
@Path("v1/alerts/run")
@Tag(name = "Doctor")
public class AlertRunResource {

  /** The body (optional). */
  public record AlertRunAt(
      @Schema(description = "Evaluate as of this moment (not in the past) instead of now",
          example = "2026-12-01T00:00:00Z") Instant at) {}

  /** What a run did. */
  public record AlertRun(
      @Schema(description = "The moment evaluated") Instant at,
      @Schema(description = "Alerts that started") int started,
      @Schema(description = "Alerts that ended") int ended,
      @Schema(description = "Alerts mailed on their own") int mailed,
      @Schema(description = "Daily digests mailed") int digests,
      @Schema(description = "Mails not delivered (retried next run)") int notDelivered) {}

  @Inject Alerts alerts;
  @Inject Clock clock;

  @POST
  @RolesAllowed(Role.OPERATOR_NAME)
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  @Operation(summary = "Evaluate every tenant's alert conditions and mail what is due now (operator); at (optional, not in the past) evaluates as of a later moment")
  @APIResponseSchema(value = AlertRun.class, responseCode = "200")
  public JsonObject run(@JsonFields({"at"}) @RequestBody(required = false, content = @Content(schema = @Schema(implementation = AlertRunAt.class))) JsonObject body) {
    Instant now = clock.instant();
    Instant when = body != null && body.get("at") instanceof JsonString at ? DiagnosisResource.later(at.getString(), now) : now;
    var run = alerts.run(when);
    return ScimJson.objectBuilder()
        .add("at", when.toString())
        .add("started", run.opened())
        .add("ended", run.closed())
        .add("mailed", run.sent())
        .add("digests", run.digests())
        .add("notDelivered", run.failed())
        .build();
  }
}
