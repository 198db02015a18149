package io.provisio.mappings.boundary;

import io.provisio.platform.Paged;
import io.provisio.platform.JsonFields;
import io.provisio.mappings.control.Classification;
import io.provisio.mappings.control.MappingSimulator;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBodySchema;
import java.time.Instant;

/** Mappings: the ordered rules that classify new SCIM users (SPEC §4). */
@Stateless
@Path("v1/tenants/{tenantId}/mappings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Mappings")
public class MappingsResource {

  /** Which users a mapping takes: all, or those whose attribute has one of the values. */
  public record Criterion(
      @Schema(description = "true: every user (then no attribute or values)") Boolean allUsers,
      @Schema(description = "A SCIM attribute path", example = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department")
          String attribute,
      @Schema(description = "The values that match (ignoring case); a body may give them as one comma-separated string",
          example = "[\"Engineering\", \"Research\"]") List<String> values) {}

  public record NewMapping(
      @Schema(required = true, description = "At most 200 characters", example = "Engineering") String name,
      @Schema(required = true) Criterion criterion,
      @Schema(required = true, description = "A storage region's id", example = "7d0c5e1a-3f2b-4c8d-9e6f-1a2b3c4d5e6f") String regionId,
      @Schema(required = true, description = "A profile of the tenant", example = "4b8e2f90-6a1c-4d3e-8f7a-9b0c1d2e3f4a") String profileId,
      @Schema(required = true, description = "0 to 1000000", example = "50") Integer quotaGb,
      @Schema(description = "Whether placed users get an activation email (default false)", example = "true")
          Boolean sendActivationEmail) {}

  /** A change; a field left out stays as it is. The criterion never changes (criterion, allUsers, attribute: 400). */
  public record MappingChange(
      @Schema(example = "Engineering EU") String name,
      String regionId,
      String profileId,
      @Schema(example = "100") Integer quotaGb,
      Boolean sendActivationEmail,
      @Schema(description = "Refused: a criterion cannot change; create a new mapping") Criterion criterion,
      @Schema(description = "Refused, as criterion") Boolean allUsers,
      @Schema(description = "Refused, as criterion") String attribute) {}

  public record MappingView(
      String id,
      String name,
      @Schema(description = "1 = first, highest") int priority,
      Criterion criterion,
      String regionId,
      String profileId,
      int quotaGb,
      boolean sendActivationEmail,
      @Schema(description = "In lists only, on a mapping that can never match: the one above it that takes its users")
          ShadowedBy shadowedBy) {}

  public record ShadowedBy(String mappingId, String name) {}

  public record SimulationRequest(
      @Schema(required = true, description = "A SCIM User as the identity provider sends it",
          example = "{\"userName\": \"jane@example.com\", \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\": {\"department\": \"Engineering\"}}")
          JsonObject user,
      @Schema(description = "Mapping ids in a proposed order, highest first (the others follow as they are)")
          List<String> order) {}

  public record Simulation(
      @Schema(nullable = true, description = "The mapping the user would get; null if none matches") Placement matched,
      @Schema(description = "Every mapping's evaluation, in the order used") List<Evaluation> evaluations) {}

  public record Placement(
      String mappingId, String name,
      @Schema(description = "The profile's name") String profile,
      @Schema(description = "The storage region's name") String region,
      int quotaGb,
      boolean regionHealthy,
      @Schema(description = "true when the profile has no room left; absent otherwise") Boolean profileFull) {}

  public record Evaluation(String mappingId, String name, boolean matched,
      @Schema(description = "Why it matched or not") String reason) {}

  public record ReplayRequest(
      @Schema(description = "Mapping ids in a proposed order, highest first; none: the current order") List<String> order) {}

  public record Replay(
      @Schema(description = "The failures replayed are those since") Instant since,
      int failures,
      int replayed,
      @Schema(description = "Failures logged without the values their mappings tested") int withoutKeptValues,
      int wouldBePlaced,
      int stillUnplaced,
      List<ReplayPlacement> byMapping,
      @Schema(description = "Attributes a mapping tests now whose values the log did not keep") List<String> attributesNotKept) {}

  public record ReplayPlacement(String mappingId, String name, int count) {}

  public record MoveRequest(@Schema(required = true, example = "UP") Mappings.Move to) {}

  public record OrderRequest(@Schema(required = true, description = "Every mapping id of the tenant, highest first")
      List<String> ids) {}

  @Inject Mappings mappings;
  @Inject MappingSimulator simulator;
  @Inject CurrentAdministrator current;

  @POST
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Create a mapping; it is appended at the lowest priority")
  @APIResponseSchema(value = MappingView.class, responseCode = "201")
  public Response create(@PathParam("tenantId") String tenantId,
      @JsonFields({"name", "criterion", "regionId", "profileId", "quotaGb", "sendActivationEmail"})
      @RequestBodySchema(NewMapping.class) JsonObject body, @Context UriInfo uri) {
    var admin = current.requireOwnTenant(tenantId);
    Mapping mapping = mappings.create(tenantId, admin.email(), requireBody(body));
    return Response.created(uri.getAbsolutePathBuilder().path(mapping.getId()).build()).entity(Mappings.json(mapping)).build();
  }

  @GET
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "The mappings in priority order (first = highest); a mapping that can never match names the one above it that takes its users (shadowedBy)")
  @Paged
  @APIResponseSchema(MappingView[].class)
  public JsonArray list(@PathParam("tenantId") String tenantId) {
    current.requireOwnTenant(tenantId);
    return array(mappings.list(tenantId));
  }

  @POST
  @Path("simulate")
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "Which mapping a user (a SCIM User as an IdP sends it) would get, with every mapping's evaluation; order optionally proposes another order of mapping ids. Changes nothing")
  @APIResponseSchema(value = Simulation.class, responseCode = "200")
  public JsonObject simulate(@PathParam("tenantId") String tenantId, @JsonFields({"user", "order"}) @RequestBodySchema(SimulationRequest.class) JsonObject body) {
    current.requireOwnTenant(tenantId);
    JsonValue user = requireBody(body).get("user");
    if (!(user instanceof JsonObject object)) {
      throw ApiException.invalid("user", "user must be a JSON object: a SCIM User as the identity provider sends it.");
    }
    return simulator.simulate(tenantId, object, order(body));
  }

  @POST
  @Path("simulate/recent-failures")
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "How many of the last 7 days' NO_MAPPING_MATCHED failures the mappings (or a proposed order) would now place, and where. Changes nothing")
  @APIResponseSchema(value = Replay.class, responseCode = "200")
  public JsonObject replay(@PathParam("tenantId") String tenantId, @JsonFields({"order"}) @RequestBodySchema(ReplayRequest.class) JsonObject body) {
    current.requireOwnTenant(tenantId);
    return simulator.replay(tenantId, body == null ? List.of() : order(body));
  }

  private static List<String> order(JsonObject body) {
    JsonValue order = body.get("order");
    if (order == null || order.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (!(order instanceof JsonArray array) || array.stream().anyMatch(v -> !(v instanceof JsonString))) {
      throw ApiException.invalid("order", "order must be an array of mapping ids, highest priority first.");
    }
    return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  @GET
  @Path("{id}")
  @RolesAllowed(Role.READ_ONLY_NAME)
  @Operation(summary = "One mapping")
  @APIResponseSchema(MappingView.class)
  public JsonObject get(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
    current.requireOwnTenant(tenantId);
    return Mappings.json(mappings.find(tenantId, id));
  }

  @PATCH
  @Path("{id}")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Change the name or configuration of a mapping (never its criterion)")
  @APIResponseSchema(MappingView.class)
  public JsonObject change(@PathParam("tenantId") String tenantId, @PathParam("id") String id,
      // the criterion's fields are named so that their refusal says why
      @JsonFields({"name", "regionId", "profileId", "quotaGb", "sendActivationEmail", "criterion", "allUsers", "attribute"})
      @RequestBodySchema(MappingChange.class) JsonObject body) {
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
  @APIResponseSchema(value = MappingView[].class, responseCode = "200")
  public JsonArray move(@PathParam("tenantId") String tenantId, @PathParam("id") String id,
      @JsonFields({"to"}) @RequestBodySchema(MoveRequest.class) JsonObject body) {
    var admin = current.requireOwnTenant(tenantId);
    JsonValue to = requireBody(body).get("to");
    var move = Enums.parse(Mappings.Move.class, to instanceof JsonString s ? s.getString() : null, "to");
    return array(mappings.move(tenantId, admin.email(), id, move));
  }

  @PUT
  @Path("order")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Save a whole new order: ids is a permutation of all mapping ids")
  @APIResponseSchema(MappingView[].class)
  public JsonArray order(@PathParam("tenantId") String tenantId, @JsonFields({"ids"}) @RequestBodySchema(OrderRequest.class) JsonObject body) {
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

  /** The mappings in priority order; one that can never match names the one above it that takes its users. */
  private static JsonArray array(List<Mapping> list) {
    var shadowed = Classification.shadowed(list.stream()
        .map(m -> new Classification.Rule(m.getId(), m.getName(), m.criterion())).toList());
    var array = ScimJson.arrayBuilder();
    for (Mapping m : list) {
      var json = ScimJson.objectBuilder(Mappings.json(m));
      var by = shadowed.get(m.getId());
      if (by != null) {
        json.add("shadowedBy", ScimJson.objectBuilder().add("mappingId", by.id()).add("name", by.name()));
      }
      array.add(json);
    }
    return array.build();
  }
}
