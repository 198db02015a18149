package io.provisio.mappings.boundary;

import io.provisio.mappings.control.Mappings;
import io.provisio.mappings.entity.Mapping;
import io.provisio.platform.ApiException;
import io.provisio.platform.Enums;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Mappings: the ordered rules that classify new SCIM users (SPEC §4). */
@Stateless
@Path("v1/tenants/{tenantId}/mappings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Mappings")
public class MappingsResource {

  @Inject Mappings mappings;
  @Inject CurrentAdministrator current;

  @POST
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Create a mapping; it is appended at the lowest priority")
  public Response create(@PathParam("tenantId") String tenantId, JsonObject body, @Context UriInfo uri) {
    var admin = current.requireOwnTenant(tenantId);
    Mapping mapping = mappings.create(tenantId, admin.email(), requireBody(body));
    return Response.created(uri.getAbsolutePathBuilder().path(mapping.getId()).build()).entity(Mappings.json(mapping)).build();
  }

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "The mappings in priority order (first = highest)")
  public JsonArray list(@PathParam("tenantId") String tenantId) {
    current.requireOwnTenant(tenantId);
    return array(mappings.list(tenantId));
  }

  @GET
  @Path("{id}")
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "One mapping")
  public JsonObject get(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    current.requireOwnTenant(tenantId);
    return Mappings.json(mappings.find(tenantId, id));
  }

  @PATCH
  @Path("{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Change the name or configuration of a mapping (never its criterion)")
  public JsonObject change(@PathParam("tenantId") String tenantId, @PathParam("id") String id, JsonObject body) {
    var admin = current.requireOwnTenant(tenantId);
    return Mappings.json(mappings.change(tenantId, admin.email(), id, requireBody(body)));
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Delete a mapping")
  public Response delete(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    var admin = current.requireOwnTenant(tenantId);
    mappings.delete(tenantId, admin.email(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/move")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Move a mapping UP, DOWN, to the TOP or to the BOTTOM; answers the new order")
  public JsonArray move(@PathParam("tenantId") String tenantId, @PathParam("id") String id, JsonObject body) {
    var admin = current.requireOwnTenant(tenantId);
    JsonValue to = requireBody(body).get("to");
    var move = Enums.parse(Mappings.Move.class, to instanceof JsonString s ? s.getString() : null, "to");
    return array(mappings.move(tenantId, admin.email(), id, move));
  }

  @PUT
  @Path("order")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Save a whole new order: ids is a permutation of all mapping ids")
  public JsonArray order(@PathParam("tenantId") String tenantId, JsonObject body) {
    var admin = current.requireOwnTenant(tenantId);
    JsonValue ids = requireBody(body).get("ids");
    if (!(ids instanceof JsonArray array)) {
      throw ApiException.invalid("ids", "ids must be an array of all mapping ids in the new order.");
    }
    List<String> order = new ArrayList<>();
    for (JsonValue id : array) {
      if (!(id instanceof JsonString s)) throw ApiException.invalid("ids", "ids must be strings.");
      order.add(s.getString());
    }
    return array(mappings.reorder(tenantId, admin.email(), order));
  }

  private static JsonObject requireBody(JsonObject body) {
    if (body == null) {
      throw ApiException.invalid(null, "A JSON object body is required.");
    }
    return body;
  }

  private static JsonArray array(List<Mapping> list) {
    var array = ScimJson.arrayBuilder();
    list.forEach(m -> array.add(Mappings.json(m)));
    return array.build();
  }
}
