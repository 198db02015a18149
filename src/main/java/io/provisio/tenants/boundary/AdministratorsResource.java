package io.provisio.tenants.boundary;

import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.ApiException;
import io.provisio.platform.Enums;
import io.provisio.tenants.control.AdminIdentity;
import io.provisio.tenants.control.Passwords;
import io.provisio.tenants.entity.Administrator;
import io.provisio.tenants.entity.Role;
import io.provisio.tenants.entity.Tenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The administrators of a tenant. The operator or a CLOUD_ADMIN adds them. */
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

  public record AdministratorView(String id, String email, String role, String createdAt) {
    static AdministratorView of(Administrator a) {
      return new AdministratorView(
          a.getId(), a.getEmail(), a.getRole().name(), a.getCreatedAt().toString());
    }
  }

  @PersistenceContext EntityManager em;
  @Inject CurrentAdministrator current;
  @Inject Passwords passwords;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @POST
  @RolesAllowed({Role.OPERATOR_NAME, Role.CLOUD_ADMIN_NAME})
  @Operation(summary = "Add an administrator to a tenant (operator or CLOUD_ADMIN)")
  public Response create(
      @PathParam("tenantId") String tenantId,
      @Valid @NotNull NewAdministrator body,
      @Context UriInfo uri) {
    AdminIdentity admin = current.requireTenant(tenantId);
    if (em.find(Tenant.class, tenantId) == null) {
      throw CurrentAdministrator.noSuchTenant(tenantId);
    }
    Role role = Enums.parse(Role.class, body.role, "role");
    if (!role.isTenantRole()) {
      throw ApiException.invalid(
          "role", "role must be one of CLOUD_ADMIN, ADMIN, READ_ONLY for a tenant administrator");
    }
    String weakness = Passwords.weakness(body.password);
    if (weakness != null) {
      throw ApiException.invalid("password", "password " + weakness);
    }
    boolean taken =
        !em.createNamedQuery(Administrator.BY_EMAIL, Administrator.class)
            .setParameter("email", Administrator.normalize(body.email))
            .getResultList()
            .isEmpty();
    if (taken) {
      throw ApiException.conflict(
          "An administrator with this email already exists.", "email");
    }
    var created =
        new Administrator(
            tenantId, body.email.trim(), passwords.hash(body.password), role, clock.instant());
    em.persist(created);
    audit.record(
        tenantId,
        admin.email(),
        "ADMINISTRATOR_CREATED",
        created.getEmail(),
        null,
        ScimJson.objectBuilder()
            .add("email", created.getEmail())
            .add("role", role.name())
            .build()
            .toString());
    return Response.created(uri.getAbsolutePathBuilder().path(created.getId()).build())
        .entity(AdministratorView.of(created))
        .build();
  }

  @GET
  @RolesAllowed({Role.OPERATOR_NAME, Role.READ_ONLY_NAME})
  @Operation(summary = "The administrators of a tenant")
  public List<AdministratorView> list(@PathParam("tenantId") String tenantId) {
    current.requireTenant(tenantId);
    return em.createQuery(
            "SELECT a FROM Administrator a WHERE a.tenantId = :t ORDER BY a.emailLower",
            Administrator.class)
        .setParameter("t", tenantId)
        .getResultList()
        .stream()
        .map(AdministratorView::of)
        .toList();
  }

  /**
   * Removes an administrator of the tenant (its CLOUD_ADMIN, or the operator): its sign-ins end at
   * once on every instance (its console sessions and API tokens go with it; HTTP Basic finds no
   * account). A tenant can so remove an administrator the operator created in it. The last
   * CLOUD_ADMIN of a tenant stays (409): concurrent removals are serialized by the tenant's row lock.
   */
  @DELETE
  @Path("{adminId}")
  @RolesAllowed({Role.OPERATOR_NAME, Role.CLOUD_ADMIN_NAME})
  @Operation(summary = "Remove an administrator of a tenant (operator or CLOUD_ADMIN); never the last CLOUD_ADMIN")
  public Response remove(@PathParam("tenantId") String tenantId, @PathParam("adminId") String adminId) {
    AdminIdentity actor = current.requireTenant(tenantId);
    Tenant tenant = em.find(Tenant.class, tenantId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    Administrator target = em.find(Administrator.class, adminId);
    if (tenant == null || target == null || !tenantId.equals(target.getTenantId())) {
      throw ApiException.notFound("No administrator with id " + adminId + " in this tenant.");
    }
    if (target.getRole() == Role.CLOUD_ADMIN
        && em.createNamedQuery(Administrator.BY_TENANT_AND_ROLE, Administrator.class)
                .setParameter("tenantId", tenantId)
                .setParameter("role", Role.CLOUD_ADMIN)
                .getResultList()
                .size()
            <= 1) {
      throw ApiException.conflict(
          "This is the tenant's last CLOUD_ADMIN: add another CLOUD_ADMIN before removing it.", null);
    }
    em.createQuery("DELETE FROM ConsoleSession s WHERE s.administratorId = :id").setParameter("id", adminId).executeUpdate();
    em.createQuery("DELETE FROM ApiToken t WHERE t.administratorId = :id").setParameter("id", adminId).executeUpdate();
    em.remove(target);
    audit.record(tenantId, actor.email(), "ADMINISTRATOR_REMOVED", target.getEmail(), null,
        ScimJson.objectBuilder().add("email", target.getEmail()).add("role", target.getRole().name()).build().toString());
    return Response.noContent().build();
  }
}
