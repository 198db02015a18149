package io.provisio.profiles.boundary;

import io.provisio.platform.Paged;
import io.provisio.audit.control.AuditTrail;
import io.provisio.mappings.control.Mappings;
import io.provisio.platform.ApiException;
import io.provisio.profiles.control.ProfileStore;
import io.provisio.profiles.entity.Profile;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import io.provisio.users.control.UserStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** The backup profiles of a tenant, with their live user counts. */
@Stateless
@Path("v1/tenants/{tenantId}/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Profiles")
public class ProfilesResource {

  /** A new profile; also the body of a change, where every field is optional. */
  public static class ProfileBody {
    @Schema(example = "Standard")
    @Size(min = 1, max = 200)
    public String name;

    @Schema(example = "500", description = "0 = unlimited")
    @Min(0)
    @Max(10_000_000)
    public Integer maxUsers;

    @Schema(example = "false")
    public Boolean dataLock;
  }

  public record ProfileView(String id, String name, int maxUsers, boolean dataLock, int userCount) {
    static ProfileView of(Profile p, long userCount) {
      return new ProfileView(p.getId(), p.getName(), p.getMaxUsers(), p.isDataLock(), (int) userCount);
    }

    String json() {
      return ScimJson.objectBuilder().add("name", name).add("maxUsers", maxUsers).add("dataLock", dataLock).build().toString();
    }
  }

  @Inject Mappings mappings;
  @Inject UserStore users;
  @PersistenceContext EntityManager em;
  @Inject CurrentAdministrator current;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @POST
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Create a profile (ADMIN or more)")
  @APIResponseSchema(value = ProfileView.class, responseCode = "201")
  public Response create(@PathParam("tenantId") String tenantId, @Valid @NotNull ProfileBody body, @Context UriInfo uri) {
    var admin = current.requireOwnTenant(tenantId);
    if (body.name == null || body.name.isBlank()) {
      throw ApiException.invalid("name", "name must not be blank");
    }
    requireFreeName(tenantId, body.name.trim(), null);
    var profile = new Profile(tenantId, body.name.trim(), body.maxUsers == null ? 0 : body.maxUsers,
        Boolean.TRUE.equals(body.dataLock), clock.instant());
    em.persist(profile);
    var view = ProfileView.of(profile, 0);
    audit.record(tenantId, admin.email(), "PROFILE_CREATED", profile.getId(), null, view.json());
    return Response.created(uri.getAbsolutePathBuilder().path(profile.getId()).build()).entity(view).build();
  }

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "The tenant's profiles with their user counts")
  @Paged
  public List<ProfileView> list(@PathParam("tenantId") String tenantId) {
    current.requireOwnTenant(tenantId);
    List<Profile> profiles = em.createQuery("SELECT p FROM Profile p WHERE p.tenantId = :t ORDER BY p.nameLower", Profile.class)
        .setParameter("t", tenantId).getResultList();
    // the users of the profiles without a maximum, counted in one statement rather than one each
    var counted = users.countInProfiles(profiles.stream().filter(p -> !ProfileStore.countsKept(p)).map(Profile::getId).toList());
    return profiles.stream()
        .map(p -> ProfileView.of(p, ProfileStore.countsKept(p) ? p.getUserCount() : counted.getOrDefault(p.getId(), 0L)))
        .toList();
  }

  @GET
  @Path("{id}")
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "One profile")
  public ProfileView get(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    current.requireOwnTenant(tenantId);
    return view(find(tenantId, id));
  }

  @PATCH
  @Path("{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Change a profile's name, maximum number of users or data lock")
  public ProfileView change(@PathParam("tenantId") String tenantId, @PathParam("id") String id, @Valid @NotNull ProfileBody body) {
    var admin = current.requireOwnTenant(tenantId);
    Profile profile = find(tenantId, id);
    String before = view(profile).json();
    if (body.name != null) {
      if (body.name.isBlank()) throw ApiException.invalid("name", "name must not be blank");
      requireFreeName(tenantId, body.name.trim(), id);
      profile.rename(body.name.trim());
    }
    if (body.maxUsers != null) {
      // FOR UPDATE waits for the creates reading the maximum (ProfileStore#take) and holds back
      // the next ones until this commits: the count below is exact, and they see the new maximum
      em.refresh(profile, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
      long held = users.countInProfile(id);
      if (body.maxUsers > 0 && body.maxUsers < held) {
        throw ApiException.invalid("maxUsers", "maxUsers " + body.maxUsers + " is below the " + held
            + " users this profile already holds: set at least " + held + ", or 0 for no limit.");
      }
      profile.limit(body.maxUsers, (int) held);
    }
    if (body.dataLock != null) profile.setDataLock(body.dataLock);
    var view = view(profile);
    audit.record(tenantId, admin.email(), "PROFILE_CHANGED", id, before, view.json());
    return view;
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Delete a profile that no mapping and no user uses")
  public Response delete(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    var admin = current.requireOwnTenant(tenantId);
    Profile profile = find(tenantId, id);
    List<String> usedBy = mappings.namesUsingProfile(id);
    if (!usedBy.isEmpty()) {
      throw ApiException.conflict("The profile is used by the mapping(s) " + String.join(", ", usedBy)
          + "; change or delete them first.", null);
    }
    long held = users.countInProfile(id);
    if (held > 0) {
      throw ApiException.conflict("The profile holds " + held + " user(s); it cannot be deleted while it has users.", null);
    }
    String before = view(profile).json();
    em.remove(profile);
    audit.record(tenantId, admin.email(), "PROFILE_DELETED", id, before, null);
    return Response.noContent().build();
  }

  /** The profile as the API shows it; the users of a profile without a maximum are counted now. */
  private ProfileView view(Profile profile) {
    return ProfileView.of(profile, ProfileStore.countsKept(profile) ? profile.getUserCount() : users.countInProfile(profile.getId()));
  }

  private void requireFreeName(String tenantId, String name, String exceptId) {
    boolean taken = em.createQuery("SELECT p.id FROM Profile p WHERE p.tenantId = :t AND p.nameLower = :n", String.class)
        .setParameter("t", tenantId).setParameter("n", name.toLowerCase(Locale.ROOT)).getResultList()
        .stream().anyMatch(found -> !found.equals(exceptId));
    if (taken) {
      throw ApiException.conflict("A profile named \"" + name + "\" already exists.", "name");
    }
  }

  private Profile find(String tenantId, String id) {
    Profile profile = em.find(Profile.class, id);
    if (profile == null || !profile.getTenantId().equals(tenantId)) {
      throw ApiException.notFound("No profile with id " + id + ".");
    }
    return profile;
  }
}
