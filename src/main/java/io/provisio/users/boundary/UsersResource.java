package io.provisio.users.boundary;

import io.provisio.audit.boundary.ProvisioningContext;
import io.provisio.audit.control.ProvisioningLog;
import io.provisio.audit.control.ProvisioningRefusal;
import io.provisio.mappings.control.Placements;
import io.provisio.scim.boundary.ScimErrors;
import io.provisio.scim.control.ScimType;
import io.provisio.users.control.ActivationMails;
import io.provisio.scim.control.PatchEngine;
import io.provisio.scim.control.Projection;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJsonReader;
import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.FilterParser;
import io.provisio.tokens.boundary.ScimCaller;
import io.provisio.users.control.ProvisioUserSchema;
import io.provisio.users.control.UserRepresentations;
import io.provisio.users.control.UserSqlMapping;
import io.provisio.users.control.UserStore;
import io.provisio.users.entity.ScimUser;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** SCIM /Users (RFC 7644 §3), scoped to the tenant of the bearer token. */
@Stateless
@Path("Users")
@Produces({ScimErrors.SCIM_JSON, "application/json"})
@Consumes({ScimErrors.SCIM_JSON, "application/json"})
public class UsersResource {

  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  @Inject ScimCaller caller;
  @Inject ProvisioningContext context;
  @Inject ProvisioningLog log;
  @Inject Placements placements;
  @Inject ActivationMails activationMails;
  @Inject UserStore store;
  @Inject Clock clock;
  @Context UriInfo uri;

  @Inject
  @ConfigProperty(name = "provisio.scim.default-page-size", defaultValue = "100")
  int defaultPageSize;

  @Inject
  @ConfigProperty(name = "provisio.scim.max-results", defaultValue = "1000")
  int maxResults;

  /** RFC 7644 §3.3: create a user; a preserved account with the same externalId or email is restored. */
  @POST
  public Response create(
      byte[] body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded) {
    String tenantId = caller.tenantId();
    context.operation("CREATE", tenantId);
    JsonObject raw = ScimJsonReader.read(body);
    var normalized = UserRepresentations.normalize(raw);
    var fields = normalized.fields();
    context.subject(null, fields.userName(), fields.email());
    ScimUser user = store.preservedMatch(tenantId, fields.externalId(), fields.emailLower());
    ScimUser holder = store.byUserName(tenantId, fields.userName());
    if (holder != null && (user == null || !holder.getId().equals(user.getId()))) {
      throw refusal(409, "USERNAME_TAKEN",
          "userName " + ScimException.quote(fields.userName()) + " is already taken in this account.");
    }
    if (store.emailTaken(fields.emailLower(), user == null ? null : user.getId())) {
      throw refusal(409, "EMAIL_TAKEN",
          "The email address " + ScimException.quote(fields.email()) + " is already used by another account.");
    }
    var now = clock.instant();
    boolean restored = user != null;
    Placements.Placement placement = null;
    try {
      if (user == null) {
        placement = placements.choose(tenantId, raw);
        context.mapping(placement.mappingName());
        user = new ScimUser(tenantId, now);
        user.classify(placement.mappingId(), placement.profileId(), placement.regionId(), placement.quotaGb());
        user.apply(fields, normalized.stored().toString(), now);
        store.persist(user);
        store.insertValues(user.getId(), normalized.values());
      } else {
        user.apply(fields, normalized.stored().toString(), now);
        store.replaceValues(user.getId(), normalized.values());
        store.persist(user);
      }
      log.success(new ProvisioningLog.Event(tenantId, "CREATE", true, null, 201, user.getId(),
          fields.userName(), fields.email(), placement == null ? null : placement.mappingName(),
          restored ? "Restored the preserved account." : "Created."));
      if (placement != null) {
        placements.take(placement); // last: the profile row stays locked until the commit
      }
    } catch (ProvisioningRefusal refusal) { // no mapping, unhealthy region, full profile
      context.reason(refusal.reason());
      throw refusal;
    }
    context.logged();
    if (placement != null && placement.sendActivationEmail() && fields.email() != null) {
      activationMails.send(fields.email(), fields.displayName(), fields.accountName(),
          store.tenantName(tenantId), placement.quotaGb());
    }
    return Response.status(201)
        .location(uri.getBaseUriBuilder().path("Users").path(user.getId()).build())
        .tag(etag(user))
        .entity(project(representation(user), attributes, excluded).toString())
        .build();
  }

  /** RFC 7644 §3.4.1: one user. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS) // reads need no transaction: fewer round trips
  @GET
  @Path("{id}")
  public Response get(
      @PathParam("id") String id,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    ScimUser user = store.visible(caller.tenantId(), id);
    EntityTag tag = etag(user);
    if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
      return Response.notModified(tag).build();
    }
    return Response.ok(project(representation(user), attributes, excluded).toString()).tag(tag).build();
  }

  /** RFC 7644 §3.4.2: query with filter, sorting and paging (index or cursor, RFC 9865). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS) // reads need no transaction: fewer round trips
  @GET
  public Response list(
      @QueryParam("filter") String filter,
      @QueryParam("sortBy") String sortBy,
      @QueryParam("sortOrder") String sortOrder,
      @QueryParam("startIndex") String startIndex,
      @QueryParam("count") String count,
      @QueryParam("cursor") String cursor,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded) {
    return Response.ok(
            search(filter, sortBy, sortOrder, integer("startIndex", startIndex), integer("count", count), cursor, attributes, excluded, uri)
                .toString())
        .build();
  }

  /** RFC 7644 §3.4.3: the same query sent as a SearchRequest body. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS) // reads need no transaction: fewer round trips
  @POST
  @Path(".search")
  public Response searchByPost(byte[] body) {
    return searchRequest(body, uri);
  }

  /** A SearchRequest body (RFC 7644 §3.4.3), also for POST /.search at the root. */
  public Response searchRequest(byte[] body, UriInfo uriInfo) {
    JsonObject request = ScimJsonReader.read(body);
    return Response.ok(
            search(
                    text(request, "filter"),
                    text(request, "sortBy"),
                    text(request, "sortOrder"),
                    number(request, "startIndex"),
                    number(request, "count"),
                    text(request, "cursor"),
                    list(request, "attributes"),
                    list(request, "excludedAttributes"),
                    uriInfo)
                .toString())
        .build();
  }

  /** RFC 7644 §3.5.1: full replace; id, meta and other read-only attributes are ignored. */
  @PUT
  @Path("{id}")
  public Response replace(
      @PathParam("id") String id,
      byte[] body,
      @HeaderParam("If-Match") String ifMatch,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded) {
    context.operation("REPLACE", caller.tenantId());
    context.subject(id, null, null);
    ScimUser user = store.visibleForUpdate(caller.tenantId(), id);
    context.subject(id, user.getUserName(), user.getEmail());
    requireMatch(ifMatch, user);
    var normalized = UserRepresentations.normalize(ScimJsonReader.read(body));
    return update("REPLACE", user, normalized, attributes, excluded);
  }

  /** RFC 7644 §3.5.2: add, replace, remove; all operations or none. */
  @PATCH
  @Path("{id}")
  public Response patch(
      @PathParam("id") String id,
      byte[] body,
      @HeaderParam("If-Match") String ifMatch,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded) {
    context.operation("PATCH", caller.tenantId());
    context.subject(id, null, null);
    ScimUser user = store.visibleForUpdate(caller.tenantId(), id);
    context.subject(id, user.getUserName(), user.getEmail());
    requireMatch(ifMatch, user);
    JsonObject request = PatchRequests.qualifyCustomAttributes(ScimJsonReader.read(body));
    JsonObject patched = PatchEngine.apply(representation(user), request, ProvisioUserSchema.RESOURCE);
    var normalized = UserRepresentations.normalize(patched);
    return update("PATCH", user, normalized, attributes, excluded);
  }

  /** RFC 7644 §3.6: the account is preserved, never destroyed; SCIM answers 404 for it afterwards. */
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
    context.operation("DELETE", caller.tenantId());
    context.subject(id, null, null);
    ScimUser user = store.visibleForUpdate(caller.tenantId(), id);
    context.subject(id, user.getUserName(), user.getEmail());
    requireMatch(ifMatch, user);
    user.preserve(clock.instant());
    store.leaveGroups(id);
    log.success(new ProvisioningLog.Event(user.getTenantId(), "DELETE", true, null, 204, id,
        user.getUserName(), user.getEmail(), null, "Preserved the account."));
    context.logged();
    return Response.noContent().build();
  }

  private Response update(String operation, ScimUser user, UserRepresentations.Normalized normalized, String attributes, String excluded) {
    var fields = normalized.fields();
    context.subject(user.getId(), fields.userName(), fields.email());
    ScimUser holder = store.byUserName(user.getTenantId(), fields.userName());
    if (holder != null && !holder.getId().equals(user.getId())) {
      throw refusal(409, "USERNAME_TAKEN",
          "userName " + ScimException.quote(fields.userName()) + " is already taken in this account.");
    }
    if (store.emailTaken(fields.emailLower(), user.getId())) {
      throw refusal(409, "EMAIL_TAKEN",
          "The email address " + ScimException.quote(fields.email()) + " is already used by another account.");
    }
    user.apply(fields, normalized.stored().toString(), clock.instant());
    store.replaceValues(user.getId(), normalized.values());
    store.persist(user);
    log.success(new ProvisioningLog.Event(user.getTenantId(), operation, true, null, 200, user.getId(),
        fields.userName(), fields.email(), null, fields.active() ? "Updated." : "Updated; the account is inactive."));
    context.logged();
    return Response.ok(project(representation(user), attributes, excluded).toString()).tag(etag(user)).build();
  }

  private ProvisioningRefusal refusal(int status, String reason, String detail) {
    context.reason(reason);
    return new ProvisioningRefusal(status, status == 409 ? ScimType.UNIQUENESS : null, reason, detail);
  }

  private JsonObject search(
      String filterText, String sortBy, String sortOrder, Integer startIndex, Integer count,
      String cursor, String attributes, String excluded, UriInfo uriInfo) {
    Filter filter = filterText == null || filterText.isBlank() ? null : FilterParser.parse(filterText, ProvisioUserSchema.RESOURCE);
    int size = count == null ? defaultPageSize : Math.max(0, Math.min(count, maxResults));
    boolean descending = "descending".equalsIgnoreCase(sortOrder);
    if (sortOrder != null && !descending && !"ascending".equalsIgnoreCase(sortOrder)) {
      throw ScimException.invalidValue("sortOrder must be \"ascending\" or \"descending\".");
    }
    String orderBy = null;
    if (sortBy != null && !sortBy.isBlank()) {
      var resolved = ProvisioUserSchema.RESOURCE.resolve(AttributePath.parse(sortBy))
          .orElseThrow(() -> ScimException.invalidValue("sortBy names an unknown attribute: " + ScimException.quote(sortBy) + "."));
      orderBy = UserSqlMapping.INSTANCE.sortExpression(resolved)
          .orElseThrow(() -> ScimException.invalidValue("Users cannot be sorted by " + ScimException.quote(sortBy) + "."));
    }
    boolean cursorPaging = cursor != null;
    if (cursorPaging && startIndex != null) {
      throw ScimException.invalidValue("Use either startIndex or cursor, not both.");
    }
    if (cursorPaging && orderBy != null) {
      throw ScimException.invalidValue("Cursor paging walks users in a fixed order; leave out sortBy.");
    }
    String afterId = cursorPaging && !cursor.isEmpty() ? decodeCursor(cursor) : null;
    int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
    // one extra row tells whether a next cursor page exists
    var page = store.query(caller.tenantId(), filter, orderBy, descending, start - 1,
        cursorPaging && size > 0 ? size + 1 : size, afterId, cursorPaging);
    List<ScimUser> users = page.users();
    String nextCursor = null;
    if (cursorPaging && users.size() > size) {
      users = users.subList(0, size);
      nextCursor = encodeCursor(users.get(size - 1).getId());
    }
    var resources = ScimJson.arrayBuilder();
    var groups = store.groupsOf(users.stream().map(ScimUser::getId).toList());
    for (ScimUser user : users) {
      resources.add(project(representation(user, uriInfo, groups.getOrDefault(user.getId(), List.of())), attributes, excluded));
    }
    var answer = ScimJson.objectBuilder()
        .add("schemas", ScimJson.arrayBuilder().add(LIST_RESPONSE))
        .add("totalResults", page.total())
        .add("itemsPerPage", users.size());
    if (!cursorPaging) {
      answer.add("startIndex", start);
    }
    if (nextCursor != null) {
      answer.add("nextCursor", nextCursor);
    }
    return answer.add("Resources", resources).build();
  }

  private JsonObject representation(ScimUser user) {
    return representation(user, uri, store.groupsOf(List.of(user.getId())).getOrDefault(user.getId(), List.of()));
  }

  private static JsonObject representation(ScimUser user, UriInfo uri, List<String[]> groups) {
    JsonObject stored = ScimJson.provider().createReader(new java.io.StringReader(user.getResourceJson())).readObject();
    String location = uri.getBaseUriBuilder().path("Users").path(user.getId()).build().toString();
    var groupArray = ScimJson.arrayBuilder();
    for (String[] group : groups) {
      groupArray.add(ScimJson.objectBuilder()
          .add("value", group[0])
          .add("$ref", uri.getBaseUriBuilder().path("Groups").path(group[0]).build().toString())
          .add("display", group[1])
          .add("type", "direct"));
    }
    return ScimJson.objectBuilder(stored)
        .add("groups", groupArray)
        .add("id", user.getId())
        .add("meta", ScimJson.objectBuilder()
            .add("resourceType", "User")
            .add("created", user.getCreatedAt().toString())
            .add("lastModified", user.getLastModified().toString())
            .add("location", location)
            .add("version", etag(user).toString()))
        .build();
  }

  private static JsonObject project(JsonObject resource, String attributes, String excluded) {
    if (attributes == null && excluded == null) {
      return Projection.apply(resource, ProvisioUserSchema.RESOURCE, List.of(), List.of());
    }
    return Projection.apply(resource, ProvisioUserSchema.RESOURCE,
        Projection.parseList(attributes), Projection.parseList(excluded));
  }

  static EntityTag etag(ScimUser user) {
    return new EntityTag(String.valueOf(user.getVersion()), true);
  }

  private static boolean matches(String header, EntityTag tag) {
    for (String candidate : header.split(",")) {
      String value = candidate.trim();
      if (value.equals("*")) return true;
      if (value.startsWith("W/")) value = value.substring(2);
      if (value.equals("\"" + tag.getValue() + "\"")) return true;
    }
    return false;
  }

  private static void requireMatch(String ifMatch, ScimUser user) {
    if (ifMatch != null && !matches(ifMatch, etag(user))) {
      throw ScimException.preconditionFailed(
          "The user was changed since version " + ScimException.quote(ifMatch) + "; its current version is "
              + etag(user) + ". Read it again and retry.");
    }
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

  private static Integer integer(String name, String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ScimException.invalidValue(name + " must be an integer.");
    }
  }

  private static String text(JsonObject request, String name) {
    JsonValue value = request.get(name);
    return value instanceof JsonString s ? s.getString() : null;
  }

  private static Integer number(JsonObject request, String name) {
    JsonValue value = request.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
    if (value instanceof jakarta.json.JsonNumber n) return n.intValue();
    return integer(name, value instanceof JsonString s ? s.getString() : value.toString());
  }

  private static String list(JsonObject request, String name) {
    JsonValue value = request.get(name);
    if (value instanceof jakarta.json.JsonArray array) {
      return String.join(",", array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }
    return value instanceof JsonString s ? s.getString() : null;
  }
}
