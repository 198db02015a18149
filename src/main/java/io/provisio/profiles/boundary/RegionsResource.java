package io.provisio.profiles.boundary;

import io.provisio.platform.cluster.ClusterCaches;
import io.provisio.platform.Paged;
import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.ApiException;
import io.provisio.platform.Enums;
import io.provisio.profiles.entity.RegionHealth;
import io.provisio.profiles.entity.StorageRegion;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** Storage regions: platform-wide, written by the operator, read by every administrator. */
@Stateless
@Path("v1/regions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Regions")
public class RegionsResource {

  // Request bodies are classes with public fields, not records: Payara's OpenAPI scanner fails
  // on Bean Validation annotations that records copy onto their constructor parameters.
  public static class NewRegion {
    @Schema(example = "eu-central", required = true)
    @NotBlank
    @Size(max = 200)
    public String name;

    @Schema(enumeration = {"HEALTHY", "UNHEALTHY"}, example = "HEALTHY")
    public String health;
  }

  public static class RegionChange {
    @Schema(example = "eu-central")
    @Size(min = 1, max = 200)
    public String name;

    @Schema(enumeration = {"HEALTHY", "UNHEALTHY"}, example = "UNHEALTHY")
    public String health;
  }

  public record RegionView(String id, String name, String health) {
    static RegionView of(StorageRegion r) {
      return new RegionView(r.getId(), r.getName(), r.getHealth().name());
    }

    String json() {
      return ScimJson.objectBuilder().add("name", name).add("health", health).build().toString();
    }
  }

  @Inject ClusterCaches caches;
  @PersistenceContext EntityManager em;
  @Inject CurrentAdministrator current;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @POST
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Create a storage region (operator); health defaults to HEALTHY")
  @APIResponseSchema(value = RegionView.class, responseCode = "201")
  public Response create(@Valid @NotNull NewRegion body, @Context UriInfo uri) {
    var health =
        body.health == null
            ? RegionHealth.HEALTHY
            : Enums.parse(RegionHealth.class, body.health, "health");
    String name = body.name.trim();
    requireFreeName(name);
    var region = new StorageRegion(name, health, clock.instant());
    em.persist(region);
    var view = RegionView.of(region);
    audit.record(null, current.identity().email(), "REGION_CREATED", region.getId(), null, view.json());
    return Response.created(uri.getAbsolutePathBuilder().path(region.getId()).build())
        .entity(view)
        .build();
  }

  @GET
  @RolesAllowed({Role.OPERATOR_NAME, Role.READ_ONLY_NAME})
  @Operation(summary = "All storage regions with their health")
  @Paged
  public List<RegionView> list() {
    return em.createQuery("SELECT r FROM StorageRegion r ORDER BY r.nameLower", StorageRegion.class)
        .getResultList()
        .stream()
        .map(RegionView::of)
        .toList();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Role.OPERATOR_NAME, Role.READ_ONLY_NAME})
  @Operation(summary = "One storage region")
  public RegionView get(@PathParam("id") String id) {
    return RegionView.of(find(id));
  }

  @PATCH
  @Path("{id}")
  @RolesAllowed(Role.OPERATOR_NAME)
  @Operation(summary = "Rename a region or change its health (operator)")
  public RegionView change(@PathParam("id") String id, @Valid @NotNull RegionChange body) {
    // every member's placement rules hold the regions' names and health (mappings' PlacementRules):
    // raised first, before anything is read or changed, as there
    caches.invalidateEverywhere();
    StorageRegion region = find(id);
    String before = RegionView.of(region).json();
    if (body.name != null && !body.name.trim().equalsIgnoreCase(region.getName())) {
      requireFreeName(body.name.trim());
      region.rename(body.name.trim());
    }
    if (body.health != null) {
      region.setHealth(Enums.parse(RegionHealth.class, body.health, "health"));
    }
    var view = RegionView.of(region);
    audit.record(null, current.identity().email(), "REGION_CHANGED", id, before, view.json());
    return view;
  }

  private void requireFreeName(String name) {
    boolean taken =
        !em.createQuery("SELECT r.id FROM StorageRegion r WHERE r.nameLower = :n")
            .setParameter("n", name.toLowerCase(Locale.ROOT))
            .getResultList()
            .isEmpty();
    if (taken) {
      throw ApiException.conflict("A region named \"" + name + "\" already exists.", "name");
    }
  }

  private StorageRegion find(String id) {
    StorageRegion region = em.find(StorageRegion.class, id);
    if (region == null) {
      throw ApiException.notFound("No storage region with id " + id + ".");
    }
    return region;
  }
}
