package io.provisio.groups.boundary;

import io.provisio.audit.boundary.ProvisioningContext;
import io.provisio.audit.control.ProvisioningLog;
import io.provisio.groups.control.GroupSchemas;
import io.provisio.groups.control.GroupStore;
import io.provisio.groups.entity.ScimGroup;
import io.provisio.scim.boundary.ScimErrors;
import io.provisio.scim.control.FilterEvaluator;
import io.provisio.scim.control.PatchEngine;
import io.provisio.scim.control.PatchOperation;
import io.provisio.scim.control.Projection;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJsonReader;
import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.FilterParser;
import io.provisio.tokens.boundary.ScimCaller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SCIM /Groups (RFC 7644 §3) with the membership forms Okta and Entra ID send. Members are changed
 * one row at a time, so adding one member to a group of 100,000 costs what it costs for 10, and a
 * response that excludes members never reads them.
 */
@Stateless
@Path("Groups")
@Produces({ScimErrors.SCIM_JSON, "application/json"})
@Consumes({ScimErrors.SCIM_JSON, "application/json"})
public class GroupsResource {

  @Inject ScimCaller caller;
  @Inject GroupStore store;
  @Inject ProvisioningContext context;
  @Inject ProvisioningLog log;
  @Inject Clock clock;
  @PersistenceContext EntityManager em;
  @Context UriInfo uri;

  @Inject
  @ConfigProperty(name = "provisio.scim.default-page-size", defaultValue = "100")
  int defaultPageSize;

  @Inject
  @ConfigProperty(name = "provisio.scim.max-results", defaultValue = "1000")
  int maxResults;

  /** RFC 7644 §3.3: create a group. */
  @POST
  public Response create(byte[] body, @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded) {
    String tenantId = caller.tenantId();
    context.operation("GROUP_CREATE", tenantId);
    JsonObject json = ScimJsonReader.read(body);
    String displayName = displayName(json);
    context.subject(null, displayName, null);
    store.requireFreeName(tenantId, displayName, null);
    List<String> members = memberIds(json.get("members"));
    store.requireUsers(tenantId, members);
    var group = new ScimGroup(tenantId, displayName, externalId(json), clock.instant());
    store.persist(group);
    store.addMembers(group.getId(), members);
    logSuccess("GROUP_CREATE", 201, group, "Created with " + members.size() + " member(s).");
    return Response.status(201)
        .location(uri.getBaseUriBuilder().path("Groups").path(group.getId()).build())
        .tag(etag(group))
        .entity(representation(group, attributes, excluded).toString())
        .build();
  }

  /** RFC 7644 §3.4.1: one group. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS) // reads need no transaction: fewer round trips
  @GET
  @Path("{id}")
  public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded) {
    ScimGroup group = store.find(caller.tenantId(), id);
    return Response.ok(representation(group, attributes, excluded).toString()).tag(etag(group)).build();
  }

  /** RFC 7644 §3.4.2: query groups (e.g. Entra's displayName eq with excludedAttributes=members). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS) // reads need no transaction: fewer round trips
  @GET
  public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") Integer startIndex,
      @QueryParam("count") Integer count, @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excluded) {
    return Response.ok(search(filter, startIndex, count, attributes, excluded).toString()).build();
  }

  /** RFC 7644 §3.4.3: the query as a SearchRequest body. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS) // reads need no transaction: fewer round trips
  @POST
  @Path(".search")
  public Response searchByPost(byte[] body) {
    JsonObject request = ScimJsonReader.read(body);
    Integer start = request.get("startIndex") instanceof jakarta.json.JsonNumber n ? n.intValue() : null;
    Integer count = request.get("count") instanceof jakarta.json.JsonNumber n ? n.intValue() : null;
    return Response.ok(search(text(request, "filter"), start, count, joined(request, "attributes"),
        joined(request, "excludedAttributes")).toString()).build();
  }

  /** RFC 7644 §3.5.1: full replace, members included. */
  @PUT
  @Path("{id}")
  public Response replace(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
      @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded) {
    String tenantId = caller.tenantId();
    context.operation("GROUP_REPLACE", tenantId);
    ScimGroup group = store.findForUpdate(tenantId, id);
    context.subject(id, group.getDisplayName(), null);
    requireMatch(ifMatch, group);
    JsonObject json = ScimJsonReader.read(body);
    String displayName = displayName(json);
    store.requireFreeName(tenantId, displayName, id);
    List<String> members = memberIds(json.get("members"));
    store.requireUsers(tenantId, members);
    var now = clock.instant();
    group.rename(displayName, now);
    group.setExternalId(externalId(json), now);
    store.removeAllMembers(id);
    store.addMembers(id, members);
    em.lock(group, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    logSuccess("GROUP_REPLACE", 200, group, "Replaced; " + members.size() + " member(s).");
    em.flush();
    return Response.ok(representation(group, attributes, excluded).toString()).tag(etag(group)).build();
  }

  /**
   * RFC 7644 §3.5.2: add, replace, remove of displayName, externalId and members, atomically.
   * Answers 204, or 200 with the group when attributes or excludedAttributes are asked for.
   */
  @PATCH
  @Path("{id}")
  public Response patch(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
      @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excluded) {
    String tenantId = caller.tenantId();
    context.operation("GROUP_PATCH", tenantId);
    ScimGroup group = store.findForUpdate(tenantId, id);
    context.subject(id, group.getDisplayName(), null);
    requireMatch(ifMatch, group);
    var now = clock.instant();
    int added = 0;
    int removed = 0;
    for (PatchOperation operation : PatchEngine.parse(ScimJsonReader.read(body))) {
      var path = operation.path();
      JsonValue value = operation.value();
      if (path.isEmpty()) {
        if (!(value instanceof JsonObject object)) {
          throw ScimException.invalidValue("A PATCH operation without path needs an object value.");
        }
        for (var member : object.entrySet()) {
          String key = member.getKey();
          String name = key.contains(":") ? key.substring(key.lastIndexOf(':') + 1) : key;
          int[] counts = apply(group, operation.op(), name.toLowerCase(Locale.ROOT), null, member.getValue(), now);
          added += counts[0];
          removed += counts[1];
        }
      } else {
        AttributePath p = path.get();
        String name = p.attribute().toLowerCase(Locale.ROOT);
        int[] counts = apply(group, operation.op(), name, p.valueFilter(), value, now);
        added += counts[0];
        removed += counts[1];
      }
    }
    group.touch(now);
    em.lock(group, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    logSuccess("GROUP_PATCH", attributes != null || excluded != null ? 200 : 204, group,
        "Patched: " + added + " member(s) added, " + removed + " removed.");
    em.flush();
    if (attributes != null || excluded != null) {
      return Response.ok(representation(group, attributes, excluded).toString()).tag(etag(group)).build();
    }
    return Response.noContent().tag(etag(group)).build();
  }

  /** RFC 7644 §3.6: deletes the group; its users stay as they are. */
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
    String tenantId = caller.tenantId();
    context.operation("GROUP_DELETE", tenantId);
    ScimGroup group = store.findForUpdate(tenantId, id);
    context.subject(id, group.getDisplayName(), null);
    requireMatch(ifMatch, group);
    logSuccess("GROUP_DELETE", 204, group, "Deleted; its users are unchanged.");
    store.delete(group);
    return Response.noContent().build();
  }

  /** One operation on one attribute; answers {added, removed}. */
  private int[] apply(ScimGroup group, PatchOperation.Op op, String attribute, Filter filter, JsonValue value,
      java.time.Instant now) {
    switch (attribute) {
      case "id", "meta", "schemas" -> {
        return new int[2]; // read-only: Okta sends id inside a rename; ignored
      }
      case "displayname" -> {
        if (op == PatchOperation.Op.REMOVE) {
          throw ScimException.mutability("displayName is required and cannot be removed.");
        }
        if (!(value instanceof JsonString s) || s.getString().isBlank()) {
          throw ScimException.invalidValue("displayName must be a non-empty string.");
        }
        ScimException.requireMaxLength("displayName", s.getString(), 500);
        store.requireFreeName(group.getTenantId(), s.getString().trim(), group.getId());
        group.rename(s.getString().trim(), now);
        return new int[2];
      }
      case "externalid" -> {
        group.setExternalId(op == PatchOperation.Op.REMOVE || !(value instanceof JsonString s) ? null : externalId(s.getString()), now);
        return new int[2];
      }
      case "members" -> {
        return members(group, op, filter, value);
      }
      default -> throw ScimException.invalidPath("Groups have no attribute " + ScimException.quote(attribute) + ".");
    }
  }

  private int[] members(ScimGroup group, PatchOperation.Op op, Filter filter, JsonValue value) {
    String groupId = group.getId();
    switch (op) {
      case ADD -> {
        List<String> ids = memberIds(value);
        store.requireUsers(group.getTenantId(), ids);
        store.addMembers(groupId, ids);
        return new int[] {ids.size(), 0};
      }
      case REPLACE -> {
        List<String> ids = memberIds(value);
        store.requireUsers(group.getTenantId(), ids);
        store.removeAllMembers(groupId);
        store.addMembers(groupId, ids);
        return new int[] {ids.size(), 0};
      }
      default -> {
        if (filter != null) {
          List<String> ids = filteredMembers(groupId, filter);
          store.removeMembers(groupId, ids);
          return new int[] {0, ids.size()};
        }
        if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
          // Entra: remove with path "members" and a value array removes only the listed members
          List<String> ids = memberIds(value);
          store.removeMembers(groupId, ids);
          return new int[] {0, ids.size()};
        }
        store.removeAllMembers(groupId);
        return new int[] {0, -1};
      }
    }
  }

  /** The members a value filter selects: members[value eq "id"] directly, anything else evaluated. */
  private List<String> filteredMembers(String groupId, Filter filter) {
    if (filter instanceof Filter.Comparison c && c.path().attribute().equalsIgnoreCase("value")
        && c.op() == io.provisio.scim.control.filter.Operator.EQ && c.literal() instanceof String id) {
      return List.of(id);
    }
    List<String> ids = new ArrayList<>();
    for (var member : store.members(groupId)) {
      var item = ScimJson.objectBuilder().add("value", member.userId()).add("type", "User");
      if (member.display() != null) item.add("display", member.display());
      if (FilterEvaluator.matches(filter, item.build(), null)) ids.add(member.userId());
    }
    return ids;
  }

  private JsonObject search(String filterText, Integer startIndex, Integer count, String attributes, String excluded) {
    Filter filter = filterText == null || filterText.isBlank() ? null : FilterParser.parse(filterText, GroupSchemas.RESOURCE);
    int size = count == null ? defaultPageSize : Math.max(0, Math.min(count, maxResults));
    int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
    var page = store.query(caller.tenantId(), filter, start - 1, size);
    var resources = ScimJson.arrayBuilder();
    for (ScimGroup group : page.groups()) {
      resources.add(representation(group, attributes, excluded));
    }
    return ScimJson.objectBuilder()
        .add("schemas", ScimJson.arrayBuilder().add("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
        .add("totalResults", page.total())
        .add("itemsPerPage", page.groups().size())
        .add("startIndex", start)
        .add("Resources", resources)
        .build();
  }

  private JsonObject representation(ScimGroup group, String attributes, String excluded) {
    List<String> include = Projection.parseList(attributes);
    List<String> exclude = Projection.parseList(excluded);
    boolean withMembers = exclude.stream().noneMatch(a -> a.equalsIgnoreCase("members"))
        && (include.isEmpty() || include.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("members")));
    String location = uri.getBaseUriBuilder().path("Groups").path(group.getId()).build().toString();
    var json = ScimJson.objectBuilder()
        .add("schemas", ScimJson.arrayBuilder().add(GroupSchemas.GROUP_URN))
        .add("id", group.getId())
        .add("displayName", group.getDisplayName());
    if (group.getExternalId() != null) json.add("externalId", group.getExternalId());
    if (withMembers) {
      var members = ScimJson.arrayBuilder();
      String base = uri.getBaseUriBuilder().path("Users").build().toString();
      for (var member : store.members(group.getId())) {
        var item = ScimJson.objectBuilder()
            .add("value", member.userId())
            .add("$ref", base + "/" + member.userId())
            .add("type", "User");
        if (member.display() != null) item.add("display", member.display());
        members.add(item);
      }
      json.add("members", members);
    }
    json.add("meta", ScimJson.objectBuilder()
        .add("resourceType", "Group")
        .add("created", group.getCreatedAt().toString())
        .add("lastModified", group.getLastModified().toString())
        .add("location", location)
        .add("version", etag(group).toString()));
    return Projection.apply(json.build(), GroupSchemas.RESOURCE, include, exclude);
  }

  private void logSuccess(String operation, int status, ScimGroup group, String detail) {
    log.success(new ProvisioningLog.Event(group.getTenantId(), operation, true, null, status, group.getId(),
        group.getDisplayName(), null, null, detail));
    context.logged();
  }

  private static String displayName(JsonObject json) {
    String name = text(json, "displayName");
    if (name == null || name.isBlank()) {
      throw ScimException.invalidValue("displayName is required and must be a non-empty string.");
    }
    ScimException.requireMaxLength("displayName", name, 500);
    return name.trim();
  }

  private static String externalId(JsonObject json) {
    return externalId(text(json, "externalId"));
  }

  private static String externalId(String externalId) {
    return ScimException.requireMaxLength("externalId", externalId, 512);
  }

  /** The user ids of a members value: an array of {"value": id} (Entra adds "$ref": null). */
  private static List<String> memberIds(JsonValue value) {
    List<String> ids = new ArrayList<>();
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return ids;
    JsonArray array = value instanceof JsonArray a ? a : ScimJson.arrayBuilder().add(value).build();
    for (JsonValue item : array) {
      if (item instanceof JsonObject member && member.get("value") instanceof JsonString id) {
        ids.add(id.getString());
      } else if (item instanceof JsonString id) {
        ids.add(id.getString());
      } else {
        throw ScimException.invalidValue("members must be objects with a \"value\" holding a user id.");
      }
    }
    return ids;
  }

  private static String text(JsonObject json, String name) {
    for (var entry : json.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name) && entry.getValue() instanceof JsonString s) return s.getString();
    }
    return null;
  }

  private static String joined(JsonObject request, String name) {
    JsonValue value = request.get(name);
    if (value instanceof JsonArray array) {
      return String.join(",", array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }
    return value instanceof JsonString s ? s.getString() : null;
  }

  static EntityTag etag(ScimGroup group) {
    return new EntityTag(String.valueOf(group.getVersion()), true);
  }

  private static void requireMatch(String ifMatch, ScimGroup group) {
    if (ifMatch == null) return;
    for (String candidate : ifMatch.split(",")) {
      String v = candidate.trim();
      if (v.equals("*") || v.replaceFirst("^W/", "").equals("\"" + group.getVersion() + "\"")) return;
    }
    throw ScimException.preconditionFailed("The group changed since version " + ScimException.quote(ifMatch)
        + "; its current version is " + etag(group) + ".");
  }
}
