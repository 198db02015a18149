package io.provisio.tenants.boundary;

import io.provisio.platform.Paged;
import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.ApiException;
import io.provisio.platform.Enums;
import io.provisio.tenants.control.AdminIdentity;
import io.provisio.tenants.entity.Role;
import io.provisio.tenants.entity.Tenant;
import io.provisio.tenants.entity.UserManagementMode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** Tenants (customer accounts) and their settings: user-management mode and API access. */
@Stateless
@Path("v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public class TenantsResource {

  // Request bodies are classes with public fields, not records: Payara's OpenAPI scanner fails
  // on Bean Validation annotations that records copy onto their constructor parameters.
  public static class NewTenant {
    @Schema(example = "Acme Corp", required = true)
    @NotBlank
    @Size(max = 200)
    public String name;
  }

  public record Settings(
      @Schema(enumeration = {"MANUAL", "DIRECTORY", "SCIM"}, example = "SCIM")
          String userManagementMode,
      @Schema(example = "true") Boolean apiAccess) {}

  public record TenantView(
      String id, String name, String userManagementMode, boolean apiAccess, String createdAt) {
    static TenantView of(Tenant t) {
      return new TenantView(
          t.getId(),
          t.getName(),
          t.getUserManagementMode().name(),
          t.isApiAccess(),
          t.getCreatedAt().toString());
    }

    String json() {
      return ScimJson.objectBuilder()
          .add("name", name)
          .add("userManagementMode", userManagementMode)
          .add("apiAccess", apiAccess)
          .build()
          .toString();
    }
  }

  @PersistenceContext EntityManager em;
  @Inject CurrentAdministrator current;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject io.provisio.platform.cluster.ClusterCaches caches;

  @POST
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Create a tenant (platform operator)")
  @APIResponseSchema(value = TenantView.class, responseCode = "201")
  public Response create(@Valid @NotNull NewTenant body, @Context UriInfo uri) {
    String name = body.name.trim();
    boolean taken =
        !em.createQuery("SELECT t.id FROM Tenant t WHERE t.nameLower = :n")
            .setParameter("n", name.toLowerCase(Locale.ROOT))
            .getResultList()
            .isEmpty();
    if (taken) {
      throw ApiException.conflict("A tenant named \"" + name + "\" already exists.", "name");
    }
    var tenant = new Tenant(name, clock.instant());
    em.persist(tenant);
    var view = TenantView.of(tenant);
    audit.record(
        tenant.getId(), current.identity().email(), "TENANT_CREATED", tenant.getId(), null,
        view.json());
    return Response.created(uri.getAbsolutePathBuilder().path(tenant.getId()).build())
        .entity(view)
        .build();
  }

  @GET
  @RolesAllowed({Role.OPERATOR_NAME, Role.READ_ONLY_NAME})
  @Operation(summary = "All tenants (operator) or the caller's own tenant")
  @Paged
  public List<TenantView> list() {
    AdminIdentity admin = current.identity();
    if (admin.isOperator()) {
      return em.createQuery("SELECT t FROM Tenant t ORDER BY t.nameLower", Tenant.class)
          .getResultList()
          .stream()
          .map(TenantView::of)
          .toList();
    }
    return List.of(TenantView.of(find(admin.tenantId())));
  }

  @GET
  @Path("{tenantId}")
  @RolesAllowed({Role.OPERATOR_NAME, Role.READ_ONLY_NAME})
  @Operation(summary = "One tenant")
  public TenantView get(@PathParam("tenantId") String tenantId) {
    current.requireTenant(tenantId);
    return TenantView.of(find(tenantId));
  }

  @PATCH
  @Path("{tenantId}/settings")
  @RolesAllowed({Role.OPERATOR_NAME, Role.CLOUD_ADMIN_NAME})
  @Operation(
      summary =
          "Change the user-management mode (CLOUD_ADMIN; SCIM is one-way) or API access (operator)")
  public TenantView settings(@PathParam("tenantId") String tenantId, @NotNull Settings body) {
    AdminIdentity admin = current.requireTenant(tenantId);
    Tenant tenant = find(tenantId);
    String before = TenantView.of(tenant).json();
    if (body.userManagementMode() == null && body.apiAccess() == null) {
      throw ApiException.invalid(
          "userManagementMode", "Give userManagementMode and/or apiAccess to change.");
    }
    if (body.userManagementMode() != null) {
      if (admin.role() != Role.CLOUD_ADMIN) {
        throw ApiException.forbidden(
            "Only a CLOUD_ADMIN of the tenant may change the user-management mode.");
      }
      var mode =
          Enums.parse(UserManagementMode.class, body.userManagementMode(), "userManagementMode");
      if (tenant.getUserManagementMode() == UserManagementMode.SCIM
          && mode != UserManagementMode.SCIM) {
        throw ApiException.conflict(
            "This tenant uses SCIM, and choosing SCIM is one-way: it cannot switch to "
                + mode
                + ". Users stay managed by your identity provider.",
            "userManagementMode");
      }
      tenant.setUserManagementMode(mode);
    }
    if (body.apiAccess() != null) {
      if (!admin.isOperator()) {
        throw ApiException.forbidden("Only the platform operator may switch API access.");
      }
      if (tenant.isApiAccess() && !body.apiAccess()) {
        caches.invalidateEverywhere(); // the tenant's tokens, granted on some member, end everywhere
      }
      tenant.setApiAccess(body.apiAccess());
    }
    var view = TenantView.of(tenant);
    audit.record(tenantId, admin.email(), "TENANT_SETTINGS_CHANGED", tenantId, before, view.json());
    return view;
  }

  private Tenant find(String tenantId) {
    Tenant tenant = em.find(Tenant.class, tenantId);
    if (tenant == null) {
      throw CurrentAdministrator.noSuchTenant(tenantId);
    }
    return tenant;
  }
}
