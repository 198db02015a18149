package io.provisio.scim.boundary;

import io.provisio.platform.ResourceWriteLocks;
import io.provisio.platform.Transactions;
import io.provisio.scim.control.Preconditions;
import io.provisio.scim.control.Projection;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.ScimJsonReader;
import io.provisio.scim.control.ScimResource;
import io.provisio.scim.control.ScimResourceType;
import io.provisio.scim.control.ScimWrite;
import io.provisio.scim.control.SearchRequest;
import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.FilterParser;
import io.provisio.scim.control.filter.ResourceTypeCondition;
import io.provisio.tokens.boundary.ScimCaller;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * The SCIM resource protocol (RFC 7644 §3.3–3.6), once for every resource type: create, read
 * (If-None-Match → 304), query by GET or POST .search (filter, sortBy, paging by index or by
 * cursor, attributes/excludedAttributes), replace, PATCH and delete with If-Match (412), and
 * {@code Location} and {@code ETag} on every answer that carries a resource. What a resource type
 * is and how it is stored come from its {@link ScimResourceType}; a subclass names it and its path.
 *
 * @param <R> the stored resource
 */
public abstract class ScimEndpoint<R extends ScimResource> {

  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  /**
   * In the OpenAPI document, the schema of a resource of any type; the document narrows it to the
   * type each subclass serves (ScimUser at /Users, ScimGroup at /Groups).
   */
  static final String RESOURCE = "ScimResource";

  @Inject ScimCaller caller;
  @Inject ScimWrite write;
  @Inject Transactions transactions;
  @Inject ResourceWriteLocks writeLocks;
  @Context UriInfo uri;

  @Inject
  @ConfigProperty(name = "provisio.scim.default-page-size", defaultValue = "100")
  int defaultPageSize;

  @Inject
  @ConfigProperty(name = "provisio.scim.max-results", defaultValue = "1000")
  int maxResults;

  /** The resource type this endpoint serves. */
  protected abstract ScimResourceType<R> type();

  /**
   * Whether a PATCH answers 200 with the resource (users: Okta reads the answer) or 204 (groups,
   * whose members may be many thousands). Either way 200 with the resource when attributes or
   * excludedAttributes are asked for (RFC 7644 §3.5.2).
   */
  protected abstract boolean patchAnswersWithResource();

  /** RFC 7644 §3.3. */
  @POST
  @RequestBody(content = @Content(schema = @Schema(ref = RESOURCE)))
  @APIResponse(responseCode = "201", description = "Created; Location and ETag name it",
      content = @Content(schema = @Schema(ref = RESOURCE)))
  public Response create(byte[] body, @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded) {
    String tenantId = caller.tenantId();
    JsonObject json = ScimJsonReader.read(body);
    write.start(type().schema().name(), ScimWrite.Verb.CREATE, tenantId, () -> type().subject(json));
    R created = type().create(tenantId, json);
    return withResource(Response.status(Response.Status.CREATED), created, attributes, excluded);
  }

  /** RFC 7644 §3.4.1; If-None-Match with the current version answers 304. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS) // a read needs no transaction
  @GET
  @Path("{id}")
  @APIResponse(responseCode = "200", description = "The resource, with its ETag",
      content = @Content(schema = @Schema(ref = RESOURCE)))
  @APIResponse(responseCode = "304", description = "Not modified: If-None-Match names the current version")
  public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded, @HeaderParam("If-None-Match") String ifNoneMatch) {
    R resource = type().find(caller.tenantId(), id, returned(attributes, excluded));
    if (Preconditions.matches(ifNoneMatch, resource.getVersion())) {
      return Response.notModified(etag(resource.getVersion()))
          .location(location(resource.getId())).build();
    }
    return withResource(Response.ok(), resource, attributes, excluded);
  }

  /** RFC 7644 §3.4.2. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  @GET
  @APIResponseSchema(ScimMessages.ListResponse.class)
  public Response list(@QueryParam("filter") String filter, @QueryParam("sortBy") String sortBy,
      @QueryParam("sortOrder") String sortOrder, @QueryParam("startIndex") String startIndex,
      @QueryParam("count") String count, @QueryParam("cursor") String cursor,
      @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded) {
    return Response.ok(search(SearchRequest.ofQuery(filter, sortBy, sortOrder, startIndex, count, cursor,
        attributes, excluded)).toString()).build();
  }

  /** RFC 7644 §3.4.3. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  @POST
  @Path(".search")
  @APIResponseSchema(value = ScimMessages.ListResponse.class, responseCode = "200")
  public Response searchByPost(
      @RequestBody(content = @Content(schema = @Schema(implementation = ScimMessages.SearchRequest.class),
          example = ScimMessages.SEARCH_EXAMPLE)) byte[] body) {
    return Response.ok(search(SearchRequest.ofBody(ScimJsonReader.read(body))).toString()).build();
  }

  /** RFC 7644 §3.5.1. */
  @PUT
  @Path("{id}")
  @APIResponse(responseCode = "200", description = "The replaced resource, with its new ETag",
      content = @Content(schema = @Schema(ref = RESOURCE)))
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // its own transaction: see writeOnLatest
  public Response replace(@PathParam("id") String id,
      @RequestBody(content = @Content(schema = @Schema(ref = RESOURCE))) byte[] body, @HeaderParam("If-Match") String ifMatch,
      @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded) {
    return writeOnLatest(id, ifMatch, () -> {
      R replaced = type().replace(current(ScimWrite.Verb.REPLACE, id, ifMatch), ScimJsonReader.read(body));
      return withResource(Response.ok(), replaced, attributes, excluded);
    });
  }

  /** RFC 7644 §3.5.2. */
  @PATCH
  @Path("{id}")
  @APIResponse(responseCode = "200", description = "The changed resource: always for users; for groups"
      + " when attributes or excludedAttributes are asked for", content = @Content(schema = @Schema(ref = RESOURCE)))
  @APIResponse(responseCode = "204", description = "Changed (groups, unless attributes or excludedAttributes"
      + " are asked for); the ETag names the new version")
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // its own transaction: see writeOnLatest
  public Response patch(@PathParam("id") String id,
      @RequestBody(content = @Content(schema = @Schema(implementation = ScimMessages.PatchOp.class),
          example = ScimMessages.PATCH_EXAMPLE)) byte[] body, @HeaderParam("If-Match") String ifMatch,
      @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded) {
    return writeOnLatest(id, ifMatch, () -> {
      R patched = type().patch(current(ScimWrite.Verb.PATCH, id, ifMatch), ScimJsonReader.read(body));
      if (patchAnswersWithResource() || attributes != null || excluded != null) {
        return withResource(Response.ok(), patched, attributes, excluded);
      }
      return Response.noContent().tag(etag(patched.getVersion()))
          .location(location(patched.getId())).build();
    });
  }

  /**
   * Runs a write of one resource in a transaction of its own, queued behind this server's other
   * writes of the same resource until it has committed ({@link ResourceWriteLocks}: H2's row lock
   * alone once let two of them overlap; between cluster members the row lock queues them). Without
   * If-Match the client asks for its change on the resource as it is now (Okta and Entra send
   * none), so a write that still trips the version check (the safety net behind both locks) is
   * tried again from the start, up to {@value #WRITE_ATTEMPTS} times in all, each time on a fresh
   * read. With If-Match the 412 stands: the client named the version it wrote on.
   */
  private Response writeOnLatest(String id, String ifMatch, java.util.function.Supplier<Response> work) {
    return writeLocks.serialized(type().schema().name() + "/" + id,
        () -> tryAgainOnConflict(ifMatch == null, () -> transactions.call(work)),
        () -> new ScimException(503, null, "The " + type().schema().name().toLowerCase(java.util.Locale.ROOT)
            + " is being changed by other requests; retry later."));
  }

  static final int WRITE_ATTEMPTS = 3;

  static <T> T tryAgainOnConflict(boolean again, java.util.function.Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        if (!again || n == WRITE_ATTEMPTS || !Transactions.isWriteConflict(e)) throw e;
      }
    }
  }

  /** RFC 7644 §3.6. */
  @DELETE
  @Path("{id}")
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // its own transaction: see writeOnLatest
  public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
    return writeOnLatest(id, ifMatch, () -> {
      type().delete(current(ScimWrite.Verb.DELETE, id, ifMatch));
      return Response.noContent().build();
    });
  }

  /**
   * The resource a write changes: recorded as the write's subject, row-locked, If-Match checked
   * (RFC 7644 §3.14: 412 when the client's version is not the current one).
   */
  private R current(ScimWrite.Verb verb, String id, String ifMatch) {
    ScimResourceType<R> type = type();
    write.start(type.schema().name(), verb, caller.tenantId(), () -> ScimWrite.Subject.ofId(id));
    R current = type.findForUpdate(caller.tenantId(), id);
    write.subject(() -> type.subject(current));
    Preconditions.requireMatch(ifMatch, current.getVersion(), type.schema().name());
    return current;
  }

  private Response withResource(Response.ResponseBuilder answer, R resource, String attributes, String excluded) {
    JsonObject full = type().representations(List.of(resource), scimBase(), returned(attributes, excluded)).get(0);
    return answer.location(location(resource.getId()))
        .tag(etag(resource.getVersion()))
        .entity(project(type(), full, attributes, excluded).toString())
        .build();
  }

  private static EntityTag etag(long version) {
    return new EntityTag(String.valueOf(version), true);
  }

  private URI location(String id) {
    return uri.getBaseUriBuilder().path(type().schema().endpoint()).path(id).build();
  }

  private String scimBase() {
    return scimBase(uri);
  }

  static String scimBase(UriInfo uri) {
    String base = uri.getBaseUri().toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Whether an answer with these attributes / excludedAttributes shows a top-level attribute. */
  static java.util.function.Predicate<String> returned(String attributes, String excluded) {
    List<String> include = Projection.parseList(attributes);
    List<String> exclude = Projection.parseList(excluded);
    return name -> exclude.stream().noneMatch(a -> a.equalsIgnoreCase(name) || a.toLowerCase(java.util.Locale.ROOT)
            .endsWith(":" + name.toLowerCase(java.util.Locale.ROOT)))
        && (include.isEmpty() || include.stream().anyMatch(a -> {
          String lower = a.toLowerCase(java.util.Locale.ROOT);
          String n = name.toLowerCase(java.util.Locale.ROOT);
          return lower.equals(n) || lower.startsWith(n + ".") || lower.endsWith(":" + n) || lower.contains(":" + n + ".");
        }));
  }

  static JsonObject project(ScimResourceType<?> type, JsonObject resource, String attributes, String excluded) {
    return Projection.apply(resource, type.schema(), Projection.parseList(attributes), Projection.parseList(excluded));
  }

  private JsonObject search(SearchRequest request) {
    ScimResourceType<R> type = type();
    Filter filter = null;
    if (request.filter() != null) {
      var reduced = ResourceTypeCondition.reduce(FilterParser.parse(request.filter(), type.schema()), type.schema().name());
      if (reduced.isEmpty()) { // meta.resourceType names another type
        return listResponse(0, List.of(), request, null);
      }
      filter = reduced.get().filter();
    }
    String sortBy = null;
    if (request.sortBy() != null) {
      type.schema().resolve(AttributePath.parse(request.sortBy())).orElseThrow(() -> ScimException.invalidValue(
          "sortBy names an unknown attribute: " + ScimException.quote(request.sortBy()) + "."));
      sortBy = request.sortBy();
    }
    int size = request.size(defaultPageSize, maxResults);
    if (request.cursorPaging() && request.startIndex() != null) {
      throw ScimException.invalidValue("Use either startIndex or cursor, not both.");
    }
    if (request.cursorPaging() && sortBy != null) {
      throw ScimException.invalidValue("Cursor paging walks the results in a fixed order; leave out sortBy.");
    }
    String afterId = request.cursorPaging() && !request.cursor().isEmpty() ? decodeCursor(request.cursor()) : null;
    // by cursor, one extra row tells whether a next page exists
    var page = type.query(caller.tenantId(), filter, sortBy, request.descending(), request.start() - 1,
        request.cursorPaging() && size > 0 ? size + 1 : size, afterId, request.cursorPaging());
    List<R> resources = page.resources();
    String nextCursor = null;
    if (request.cursorPaging() && resources.size() > size) {
      resources = resources.subList(0, size);
      nextCursor = encodeCursor(resources.get(size - 1).getId());
    }
    List<JsonObject> items = new java.util.ArrayList<>(resources.size());
    for (JsonObject resource : type.representations(resources, scimBase(),
        returned(request.attributes(), request.excludedAttributes()))) {
      items.add(project(type, resource, request.attributes(), request.excludedAttributes()));
    }
    return listResponse(page.total(), items, request, nextCursor);
  }

  /** RFC 7644 §3.4.2: the ListResponse of every query, the root one included. */
  static JsonObject listResponse(long total, List<JsonObject> items, SearchRequest request, String nextCursor) {
    var resources = ScimJson.arrayBuilder();
    items.forEach(resources::add);
    var answer = ScimJson.objectBuilder()
        .add("schemas", ScimJson.arrayBuilder().add(LIST_RESPONSE))
        .add("totalResults", total)
        .add("itemsPerPage", items.size());
    if (!request.cursorPaging()) answer.add("startIndex", request.start());
    if (nextCursor != null) answer.add("nextCursor", nextCursor);
    return answer.add("Resources", resources).build();
  }

  private static String encodeCursor(String id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (id.length() == 36) return id;
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw new ScimException(400, null, "The cursor " + ScimException.quote(cursor) + " is not valid; start again without one.");
  }
}
