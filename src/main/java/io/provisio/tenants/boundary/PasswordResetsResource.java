package io.provisio.tenants.boundary;

import io.provisio.platform.JsonFields;
import io.provisio.platform.ApiException;
import io.provisio.platform.ClientAddress;
import io.provisio.platform.Mail;
import io.provisio.scim.control.ScimJson;
import io.provisio.tenants.control.PasswordResets;
import io.provisio.tenants.control.ResetMails;
import io.provisio.tenants.control.SecurityEvents;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBodySchema;

/**
 * Password reset by email, for anyone (issue 16). Asking always answers 202 with the same words
 * after the same time, whether the email names an account or not: nobody learns which emails
 * exist. The token is never logged (it is in the path of the second call only because SPEC §9 puts
 * it there; Provisio writes no access log, and nothing else logs a path).
 */
@Path("v1/password-resets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
public class PasswordResetsResource {

  public record PasswordResetRequest(
      @Schema(required = true, description = "The email of your administrator account", example = "alice@acme.example")
          String email) {}

  public record PasswordResetAsked(@Schema(description = "The same words whether the email names an account or not")
      String message) {}

  public record PasswordResetRedeem(@Schema(required = true, minLength = 12, example = "a new long password")
      String newPassword) {}

  public record PasswordResetDone(@Schema(description = "The account whose password changed") String email) {}

  static final String ANSWER = "If an active administrator account has this email, a reset link is on its way"
      + " to it; it works once, within an hour. No mail? Ask an administrator who manages your account"
      + " for a reset link.";

  @Inject PasswordResets resets;
  @Inject ResetMails mails;
  @Context HttpServletRequest request;

  @Inject
  @ConfigProperty(name = "provisio.login.failure-delay-ms", defaultValue = "1000")
  long answerDelayMillis;

  @POST
  @PermitAll
  @Operation(summary = "Ask for a password-reset link by email: {email} → always 202")
  @APIResponseSchema(value = PasswordResetAsked.class, responseCode = "202")
  public Response request(@JsonFields({"email"}) @RequestBodySchema(PasswordResetRequest.class) JsonObject body) {
    long started = System.nanoTime();
    String email = body != null && body.get("email") instanceof JsonString s ? s.getString().trim() : "";
    if (email.isEmpty() || !email.contains("@")) {
      throw ApiException.invalid("email", "Give the email address of your administrator account.");
    }
    String address = ClientAddress.of(request);
    if (Mail.isConfigured()) {
      resets.requestedByEmail(email, address).ifPresent(reset -> mails.send(reset, null));
    } else {
      SecurityEvents.logChange("PASSWORD_RESET_REQUEST_IGNORED", "(not checked: no mail session)", "(by email)", address);
    }
    answerNoSoonerThan(started);
    return Response.accepted(ScimJson.objectBuilder().add("message", ANSWER).build()).build();
  }

  @POST
  @Path("{token}")
  @PermitAll
  @Operation(summary = "Set a new password with a reset token: {newPassword} → 200 {email}; all sessions end; works once")
  @APIResponseSchema(value = PasswordResetDone.class, responseCode = "200")
  public Response redeem(@PathParam("token") String token, @JsonFields({"newPassword"}) @RequestBodySchema(PasswordResetRedeem.class) JsonObject body) {
    String newPassword = body != null && body.get("newPassword") instanceof JsonString s ? s.getString() : null;
    String email = resets.redeem(token, newPassword, ClientAddress.of(request));
    return Response.ok(ScimJson.objectBuilder().add("email", email).build()).build();
  }

  /** The same time for every answer, so that its duration tells nothing about the email. */
  private void answerNoSoonerThan(long startedNanos) {
    long remaining = answerDelayMillis - (System.nanoTime() - startedNanos) / 1_000_000;
    if (remaining > 0) {
      try {
        Thread.sleep(remaining);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
