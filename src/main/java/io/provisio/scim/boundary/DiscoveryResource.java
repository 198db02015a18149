package io.provisio.scim.boundary;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.SchemaDefinition;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * /ResourceTypes and /Schemas (RFC 7644 §4). The resource types are whatever components produce
 * a {@link ResourceSchema} bean, so the protocol core never names users or groups.
 */
@Path("")
@Produces({ScimErrors.SCIM_JSON, "application/json"})
public class DiscoveryResource {

  @Inject @Any Instance<ResourceSchema> resourceTypes;
  @Context UriInfo uri;

  private String base() {
    return uri.getBaseUri().toString().replaceAll("/$", "");
  }

  private List<ResourceSchema> types() {
    return resourceTypes.stream().toList();
  }

  /** RFC 7644 §4: GET /ResourceTypes. */
  @GET
  @Path("ResourceTypes")
  @APIResponseSchema(ScimMessages.ListResponse.class)
  public JsonObject resourceTypes() {
    var resources = ScimJson.arrayBuilder();
    types().forEach(t -> resources.add(t.toResourceTypeJson(base())));
    return list(resources.build());
  }

  /** RFC 7644 §4: GET /ResourceTypes/{name}. */
  @GET
  @Path("ResourceTypes/{name}")
  @APIResponseSchema(ScimMessages.ResourceType.class)
  public JsonObject resourceType(@PathParam("name") String name) {
    return types().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .map(t -> t.toResourceTypeJson(base()))
        .orElseThrow(() -> ScimException.notFound("No resource type " + ScimException.quote(name) + "."));
  }

  /** RFC 7644 §4: GET /Schemas. */
  @GET
  @Path("Schemas")
  @APIResponseSchema(ScimMessages.ListResponse.class)
  public JsonObject schemas() {
    var resources = ScimJson.arrayBuilder();
    schemaMap().values().forEach(s -> resources.add(s.toJson(base())));
    return list(resources.build());
  }

  /** RFC 7644 §4: GET /Schemas/{urn}. */
  @GET
  @Path("Schemas/{id}")
  @APIResponseSchema(ScimMessages.SchemaResource.class)
  public JsonObject schema(@PathParam("id") String id) {
    SchemaDefinition schema = schemaMap().get(id);
    if (schema == null) {
      throw ScimException.notFound("No schema " + ScimException.quote(id) + ".");
    }
    return schema.toJson(base());
  }

  private Map<String, SchemaDefinition> schemaMap() {
    var schemas = new LinkedHashMap<String, SchemaDefinition>();
    for (ResourceSchema type : types()) {
      schemas.put(type.core().id(), type.core());
      type.extensions().forEach(e -> schemas.put(e.id(), e));
    }
    return schemas;
  }

  private static JsonObject list(jakarta.json.JsonArray resources) {
    int total = resources.size();
    return ScimJson.objectBuilder()
        .add("schemas", ScimJson.arrayBuilder().add("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
        .add("totalResults", total)
        .add("itemsPerPage", total)
        .add("startIndex", 1)
        .add("Resources", resources)
        .build();
  }
}
