package io.provisio.tenants.boundary;

import io.provisio.platform.JsonFields;
import io.provisio.platform.ApiError;
import io.provisio.platform.ApiException;
import io.provisio.platform.ClientAddress;
import io.provisio.tenants.control.AdminIdentity;
import io.provisio.tenants.control.Administrators;
import io.provisio.tenants.control.Passwords;
import io.provisio.tenants.control.SignIns;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBodySchema;

/**
 * The signed-in administrator's (or operator's) own password (issue 16). The current password is
 * checked like a sign-in, with the same backoff: a wrong one counts as a failed sign-in, and an
 * address that is backing off gets 429 before anything is checked.
 */
@Stateless
@Path("v1/me/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
@RolesAllowed({Role.OPERATOR_NAME, Role.READ_ONLY_NAME})
public class MyPasswordResource {

  public record PasswordChange(
      @Schema(required = true, example = "my old password") String currentPassword,
      @Schema(required = true, minLength = 12, example = "a new long password") String newPassword) {}

  @Inject CurrentAdministrator current;
  @Inject SignIns signIns;
  @Inject Administrators administrators;
  @Context HttpServletRequest request;

  /**
   * Sets a new password: {@code {"currentPassword","newPassword"}} → 204. The old password stops
   * working at once on every instance, and every other console session of the account ends; the
   * console session that made the change stays signed in.
   */
  @PUT
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // no transaction while a hash runs
  @Operation(summary = "Change your own password: {currentPassword, newPassword} → 204; your other console sessions end")
  @APIResponse(responseCode = "204", description = "Changed")
  public Response change(@JsonFields({"currentPassword", "newPassword"}) @RequestBodySchema(PasswordChange.class) JsonObject body) {
    AdminIdentity me = current.identity();
    String currentPassword = text(body, "currentPassword");
    String newPassword = text(body, "newPassword");
    if (currentPassword == null) {
      throw ApiException.invalid("currentPassword", "Give your current password.");
    }
    String weakness = Passwords.weakness(newPassword);
    if (weakness != null) {
      throw ApiException.invalid("newPassword", "newPassword " + weakness);
    }
    String address = ClientAddress.of(request);
    var outcome = signIns.confirmPassword(me, currentPassword, address);
    if (outcome.status() == 429 || outcome.status() == 503) {
      return Response.fromResponse(ApiError.response(outcome.status(), outcome.refusal(), null))
          .header("Retry-After", outcome.retryAfterSeconds())
          .build();
    }
    if (outcome.identity() == null) {
      throw ApiException.invalid("currentPassword", "The current password is wrong.");
    }
    if (newPassword.equals(currentPassword)) {
      throw ApiException.invalid("newPassword", "The new password must differ from the current one.");
    }
    administrators.changeOwnPassword(me, newPassword, consoleSession(), address);
    return Response.noContent().build();
  }

  /** The console session making this call, if it is one (kept signed in after the change). */
  private String consoleSession() {
    var session = request.getSession(false);
    if (request.getHeader("Authorization") != null || session == null) {
      return null;
    }
    return (String) session.getAttribute(AdministratorAuthentication.SESSION);
  }

  private static String text(JsonObject body, String name) {
    return body != null && body.get(name) instanceof JsonString s && !s.getString().isEmpty() ? s.getString() : null;
  }
}
