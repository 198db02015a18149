package io.provisio.tenants.boundary;

import io.provisio.platform.Paged;
import io.provisio.platform.Mail;
import io.provisio.tenants.control.AdminIdentity;
import io.provisio.tenants.control.Administrators;
import io.provisio.tenants.control.ResetMails;
import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/**
 * The platform operators (issue 16): more than one may exist, never fewer than one. Only an
 * operator sees or changes them; each change is in the platform's audit trail ({@code GET
 * /api/v1/audit}).
 */
@Stateless
@Path("v1/operators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Operators")
@RolesAllowed(Role.OPERATOR_NAME)
public class OperatorsResource {

  public static class NewOperator {
    @Schema(example = "ops2@example.com", required = true)
    @NotBlank
    @Email
    @Size(max = 320)
    public String email;

    @Schema(example = "another long password", required = true, minLength = 12)
    @NotBlank
    public String password;
  }

  public record OperatorView(String id, String email, String createdAt, boolean backingOff, String lastBackoffAt) {}

  @Inject CurrentAdministrator current;
  @Inject Administrators administrators;
  @Inject ResetMails resetMails;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "provisio.login.max-backoff-minutes", defaultValue = "15")
  int maxBackoffMinutes;

  @GET
  @Operation(summary = "The platform operators")
  @Paged
  public List<OperatorView> list() {
    return administrators.operators().stream().map(this::view).toList();
  }

  @POST
  @Operation(summary = "Add a platform operator: {email, password} → 201 {id, email, createdAt}")
  @APIResponseSchema(value = OperatorView.class, responseCode = "201")
  public Response create(@Valid @NotNull NewOperator body, @Context UriInfo uri) {
    var created = administrators.addOperator(current.identity(), body.email, body.password);
    return Response.created(uri.getAbsolutePathBuilder().path(created.getId()).build())
        .entity(view(created))
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Remove a platform operator; never the last one (409)")
  public Response remove(@PathParam("id") String id) {
    administrators.removeOperator(current.identity(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/unlock")
  @Operation(summary = "Unlock the sign-in of an operator: its backoff ends on every instance")
  public OperatorView unlock(@PathParam("id") String id) {
    return view(administrators.unlockOperator(current.identity(), id));
  }

  @POST
  @Path("{id}/password-reset")
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // committed before it is mailed
  @Operation(summary = "Issue a password reset for another operator: mailed to it, or, without a mail"
      + " session, a one-time link in the answer")
  @APIResponse(responseCode = "202", description = "Mailed to the operator",
      content = @Content(schema = @Schema(implementation = AdministratorsResource.ResetMailed.class)))
  @APIResponse(responseCode = "201", description = "No mail session: the one-time link, shown only here",
      content = @Content(schema = @Schema(implementation = AdministratorsResource.ResetLink.class)))
  public Response issueReset(@PathParam("id") String id) {
    AdminIdentity actor = current.identity();
    boolean mail = Mail.isConfigured();
    return AdministratorsResource.issued(
        administrators.issueReset(actor, null, id, mail ? "EMAIL" : "LINK"), mail, actor, resetMails);
  }

  private OperatorView view(Administrator a) {
    return new OperatorView(a.getId(), a.getEmail(), a.getCreatedAt().toString(),
        a.isBackingOff(clock.instant(), Duration.ofMinutes(maxBackoffMinutes)),
        a.getBackoffAt() == null ? null : a.getBackoffAt().toString());
  }
}
