package io.provisio.scim.boundary;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.ScimJsonReader;
import io.provisio.scim.control.ScimResourceType;
import io.provisio.scim.control.ScimResourceTypes;
import io.provisio.scim.control.SearchRequest;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.FilterParser;
import io.provisio.scim.control.filter.ResourceTypeCondition;
import io.provisio.tokens.boundary.ScimCaller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * POST /.search at the service root (RFC 7644 §3.4.3): one query over every resource type
 * (§3.4.2.1), each type in turn (by name: Group, then User) and paged across them by startIndex and
 * count. {@code meta.resourceType} picks types; a filter on an attribute one type does not have
 * matches none of that type. sortBy and cursors belong to one type's endpoint.
 */
@Stateless
@Path(".search")
@Produces({ScimErrors.SCIM_JSON, "application/json"})
@Consumes({ScimErrors.SCIM_JSON, "application/json"})
public class RootSearchResource {

  @Inject ScimResourceTypes types;
  @Inject ScimCaller caller;
  @Context UriInfo uri;

  @Inject
  @ConfigProperty(name = "provisio.scim.default-page-size", defaultValue = "100")
  int defaultPageSize;

  @Inject
  @ConfigProperty(name = "provisio.scim.max-results", defaultValue = "1000")
  int maxResults;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  @POST
  @APIResponseSchema(value = ScimMessages.ListResponse.class, responseCode = "200")
  public Response search(
      @RequestBody(content = @Content(schema = @Schema(implementation = ScimMessages.SearchRequest.class),
          example = ScimMessages.SEARCH_EXAMPLE)) byte[] body) {
    SearchRequest request = SearchRequest.ofBody(ScimJsonReader.read(body));
    if (request.cursorPaging()) {
      throw ScimException.invalidValue("Cursor paging is offered by each resource type's endpoint (/Users, /Groups), not across them.");
    }
    if (request.sortBy() != null) {
      throw ScimException.invalidValue("sortBy is offered by each resource type's endpoint (/Users, /Groups), not across them.");
    }
    List<Scope<?>> scopes = scopes(request.filter());
    int size = request.size(defaultPageSize, maxResults);
    long skip = request.start() - 1L;
    long total = 0;
    List<JsonObject> items = new ArrayList<>();
    for (Scope<?> scope : scopes) {
      long matching = scope.count(caller.tenantId());
      total += matching;
      if (skip >= matching) {
        skip -= matching;
        continue;
      }
      if (items.size() < size) {
        items.addAll(scope.page(caller.tenantId(), (int) skip, size - items.size(), request, ScimEndpoint.scimBase(uri)));
      }
      skip = 0;
    }
    return Response.ok(ScimEndpoint.listResponse(total, items, request, null).toString()).build();
  }

  /** The types the filter can match, each with its own part of the filter. */
  private List<Scope<?>> scopes(String filterText) {
    List<ScimResourceType<?>> all = types.all();
    List<Scope<?>> scopes = new ArrayList<>();
    ScimException firstError = null;
    int understood = 0;
    for (ScimResourceType<?> type : all) {
      if (filterText == null) {
        scopes.add(new Scope<>(type, null));
        continue;
      }
      Filter parsed;
      try {
        parsed = FilterParser.parse(filterText, type.schema());
      } catch (ScimException e) { // an attribute this type does not have: none of its resources match
        firstError = firstError == null ? e : firstError;
        continue;
      }
      understood++;
      ResourceTypeCondition.reduce(parsed, type.schema().name()).ifPresent(r -> scopes.add(new Scope<>(type, r.filter())));
    }
    if (filterText != null && understood == 0) {
      throw firstError; // no type knows the filter: say why, as one type's endpoint would
    }
    return scopes;
  }

  /** One resource type and the filter its resources must pass. */
  private record Scope<R extends io.provisio.scim.control.ScimResource>(ScimResourceType<R> type, Filter filter) {
    long count(String tenantId) {
      return type.query(tenantId, filter, null, false, 0, 0, null, false).total();
    }

    List<JsonObject> page(String tenantId, int offset, int count, SearchRequest request, String scimBase) {
      var page = type.query(tenantId, filter, null, false, offset, count, null, false);
      List<JsonObject> items = new ArrayList<>();
      for (JsonObject resource : type.representations(page.resources(), scimBase,
          ScimEndpoint.returned(request.attributes(), request.excludedAttributes()))) {
        items.add(ScimEndpoint.project(type, resource, request.attributes(), request.excludedAttributes()));
      }
      return items;
    }
  }
}
