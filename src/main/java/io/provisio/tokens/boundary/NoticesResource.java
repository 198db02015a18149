package io.provisio.tokens.boundary;

import io.provisio.tenants.entity.Role;
import io.provisio.tokens.control.ExpiryNotices;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** Lets the operator run the expiry notices now, e.g. after fixing the mail server. */
@Stateless
@Path("v1/notices/run")
@Tag(name = "Tokens")
public class NoticesResource {

  /** What a run did. */
  public record NoticeRun(
      @Schema(description = "Notices found due and recorded") int recorded,
      @Schema(description = "Notices mailed") int sent,
      @Schema(description = "Notices not delivered (retried next run)") int notDelivered) {}

  @Inject ExpiryNotices notices;
  @Inject Clock clock;

  @POST
  @RolesAllowed(Role.OPERATOR_NAME)
  @Produces(MediaType.APPLICATION_JSON)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  @Operation(summary = "Send due and pending token expiry notices now (operator)")
  @APIResponseSchema(value = NoticeRun.class, responseCode = "200")
  public JsonObject run() {
    var run = notices.run(clock.instant());
    return ScimJson.objectBuilder()
        .add("recorded", run.recorded())
        .add("sent", run.sent())
        .add("notDelivered", run.failed())
        .build();
  }
}
