package io.provisio.tenants.boundary;

import io.provisio.platform.Paged;
import io.provisio.platform.JsonFields;
import io.provisio.platform.ApiException;
import io.provisio.platform.Enums;
import io.provisio.platform.Mail;
import io.provisio.scim.control.ScimJson;
import io.provisio.tenants.control.AdminIdentity;
import io.provisio.tenants.control.Administrators;
import io.provisio.tenants.control.PasswordResets;
import io.provisio.tenants.control.ResetMails;
import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBodySchema;
import java.time.Instant;

/**
 * The administrators of a tenant (SPEC §9, issue 16): list (READ_ONLY+), and for the tenant's
 * CLOUD_ADMIN or the operator: add, change role or disable ({@code PATCH}), remove, unlock, and
 * issue a password reset. The rules and their effect on every instance are {@link Administrators}'.
 */
@Stateless
@Path("v1/tenants/{tenantId}/administrators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public class AdministratorsResource {

  // Request bodies are classes with public fields, not records: Payara's OpenAPI scanner fails
  // on Bean Validation annotations that records copy onto their constructor parameters.
  public static class NewAdministrator {
    @Schema(example = "alice@acme.example", required = true)
    @NotBlank
    @Email
    @Size(max = 320)
    public String email;

    @Schema(example = "correct horse battery", required = true, minLength = 12)
    @NotBlank
    public String password;

    @Schema(enumeration = {"CLOUD_ADMIN", "ADMIN", "READ_ONLY"}, required = true)
    @NotBlank
    public String role;
  }

  /**
   * An administrator as the API shows it. {@code backingOff}: sign-ins to it recently started to
   * back off after wrong passwords (on any instance) and nobody unlocked it since.
   */
  public record AdministratorView(
      String id, String email, String role, String createdAt, boolean disabled, boolean backingOff,
      String lastBackoffAt) {
    static AdministratorView of(Administrator a, Clock clock, Duration longestBackoff) {
      return new AdministratorView(a.getId(), a.getEmail(), a.getRole().name(), a.getCreatedAt().toString(),
          a.isDisabled(), a.isBackingOff(clock.instant(), longestBackoff),
          a.getBackoffAt() == null ? null : a.getBackoffAt().toString());
    }
  }

  /** What a change sets; a field left out stays as it is. */
  public record AdministratorChange(
      @Schema(enumeration = {"CLOUD_ADMIN", "ADMIN", "READ_ONLY"}, example = "ADMIN") String role,
      @Schema(example = "false") Boolean disabled) {}

  /** A password reset mailed to the administrator. */
  public record ResetMailed(@Schema(enumeration = "EMAIL") String delivery, String sentTo, Instant expiresAt) {}

  /** A password reset as a one-time link, shown only here (no mail session). */
  public record ResetLink(
      @Schema(enumeration = "LINK") String delivery,
      String email,
      String token,
      @Schema(example = "/console/#/reset/…") String resetPath,
      Instant expiresAt,
      @Schema(description = "The whole link, when the public address is configured") String resetUrl) {}

  @Inject CurrentAdministrator current;
  @Inject Administrators administrators;
  @Inject ResetMails resetMails;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "provisio.login.max-backoff-minutes", defaultValue = "15")
  int maxBackoffMinutes;

  @POST
  @RolesAllowed({Role.OPERATOR_NAME, Role.CLOUD_ADMIN_NAME})
  @Operation(summary = "Add an administrator to a tenant (operator or CLOUD_ADMIN)")
  @APIResponseSchema(value = AdministratorView.class, responseCode = "201")
  public Response create(
      @PathParam("tenantId") String tenantId,
      @Valid @NotNull NewAdministrator body,
      @Context UriInfo uri) {
    AdminIdentity actor = current.requireTenant(tenantId);
    Role role = Enums.parse(Role.class, body.role, "role");
    var created = administrators.add(actor, tenantId, body.email, body.password, role);
    return Response.created(uri.getAbsolutePathBuilder().path(created.getId()).build())
        .entity(view(created))
        .build();
  }

  @GET
  @RolesAllowed({Role.OPERATOR_NAME, Role.READ_ONLY_NAME})
  @Operation(summary = "The administrators of a tenant")
  @Paged
  public List<AdministratorView> list(@PathParam("tenantId") String tenantId) {
    current.requireTenant(tenantId);
    return administrators.of(tenantId).stream().map(this::view).toList();
  }

  /**
   * Changes the role and/or disables or enables the administrator: {@code {"role"}}, {@code
   * {"disabled": true|false}} or both. The person's console sessions end, and HTTP Basic with the
   * old state is refused or restricted on the next request, on every instance. The tenant's last
   * active CLOUD_ADMIN cannot be demoted or disabled (409).
   */
  @PATCH
  @Path("{adminId}")
  @RolesAllowed({Role.OPERATOR_NAME, Role.CLOUD_ADMIN_NAME})
  @Operation(summary = "Change the role of an administrator or disable/enable it: {role}, {disabled}"
      + " (operator or CLOUD_ADMIN); never the last active CLOUD_ADMIN")
  public AdministratorView change(
      @PathParam("tenantId") String tenantId, @PathParam("adminId") String adminId,
      @JsonFields({"role", "disabled"}) @RequestBodySchema(AdministratorChange.class) JsonObject body) {
    AdminIdentity actor = current.requireTenant(tenantId);
    if (body == null || (!body.containsKey("role") && !body.containsKey("disabled"))) {
      throw ApiException.invalid(null, "Give the new \"role\" (CLOUD_ADMIN, ADMIN, READ_ONLY) and/or"
          + " \"disabled\": true or false.");
    }
    Role role = null;
    if (body.containsKey("role")) {
      if (!(body.get("role") instanceof JsonString text)) {
        throw ApiException.invalid("role", "role must be one of CLOUD_ADMIN, ADMIN, READ_ONLY");
      }
      role = Enums.parse(Role.class, text.getString(), "role");
    }
    Boolean disabled = null;
    if (body.containsKey("disabled")) {
      JsonValue value = body.get("disabled");
      if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
        throw ApiException.invalid("disabled", "disabled must be true or false");
      }
      disabled = value == JsonValue.TRUE;
    }
    return view(administrators.change(actor, tenantId, adminId, role, disabled));
  }

  /**
   * Removes an administrator of the tenant: its sign-ins end at once on every instance. A tenant
   * can so remove an administrator the operator created in it. Never the last active CLOUD_ADMIN
   * (409).
   */
  @DELETE
  @Path("{adminId}")
  @RolesAllowed({Role.OPERATOR_NAME, Role.CLOUD_ADMIN_NAME})
  @Operation(summary = "Remove an administrator of a tenant (operator or CLOUD_ADMIN); never the last CLOUD_ADMIN")
  public Response remove(@PathParam("tenantId") String tenantId, @PathParam("adminId") String adminId) {
    administrators.remove(current.requireTenant(tenantId), tenantId, adminId);
    return Response.noContent().build();
  }

  /**
   * Lifts the sign-in backoff of the administrator's email (every address, every instance): the
   * owner who mistyped the password, or was locked out by someone guessing it, can sign in again.
   */
  @POST
  @Path("{adminId}/unlock")
  @RolesAllowed({Role.OPERATOR_NAME, Role.CLOUD_ADMIN_NAME})
  @Operation(summary = "Unlock the sign-in of an administrator (operator or CLOUD_ADMIN): its backoff ends")
  public AdministratorView unlock(@PathParam("tenantId") String tenantId, @PathParam("adminId") String adminId) {
    return view(administrators.unlock(current.requireTenant(tenantId), tenantId, adminId));
  }

  /**
   * A password reset for another administrator. Where a mail session is configured it is mailed to
   * that administrator (202, the issuer never sees it); where none is, the one-time link is in the
   * answer, once (201), for the issuer to hand over.
   */
  @POST
  @Path("{adminId}/password-reset")
  @RolesAllowed({Role.OPERATOR_NAME, Role.CLOUD_ADMIN_NAME})
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // committed before it is mailed
  @Operation(summary = "Issue a password reset for another administrator (operator or CLOUD_ADMIN): mailed to it,"
      + " or, without a mail session, a one-time link in the answer")
  @APIResponse(responseCode = "202", description = "Mailed to the administrator",
      content = @Content(schema = @Schema(implementation = ResetMailed.class)))
  @APIResponse(responseCode = "201", description = "No mail session: the one-time link, shown only here",
      content = @Content(schema = @Schema(implementation = ResetLink.class)))
  public Response issueReset(@PathParam("tenantId") String tenantId, @PathParam("adminId") String adminId) {
    AdminIdentity actor = current.requireTenant(tenantId);
    boolean mail = Mail.isConfigured();
    return issued(administrators.issueReset(actor, tenantId, adminId, mail ? "EMAIL" : "LINK"), mail, actor, resetMails);
  }

  /** The answer to an issued reset: mailed (202), or the link shown once (201). */
  static Response issued(PasswordResets.Issued reset, boolean mail, AdminIdentity actor, ResetMails mails) {
    if (mail) {
      mails.send(reset, actor.email());
      return Response.accepted(ScimJson.objectBuilder()
              .add("delivery", "EMAIL")
              .add("sentTo", reset.email())
              .add("expiresAt", reset.expiresAt().toString())
              .build())
          .build();
    }
    var answer = ScimJson.objectBuilder()
        .add("delivery", "LINK")
        .add("email", reset.email())
        .add("token", reset.token())
        .add("resetPath", "/console/#/reset/" + reset.token())
        .add("expiresAt", reset.expiresAt().toString());
    mails.link(reset.token()).ifPresent(link -> answer.add("resetUrl", link));
    return Response.status(201).entity(answer.build()).build();
  }

  private AdministratorView view(Administrator a) {
    return AdministratorView.of(a, clock, Duration.ofMinutes(maxBackoffMinutes));
  }
}
