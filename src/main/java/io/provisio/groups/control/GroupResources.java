package io.provisio.groups.control;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.groups.entity.ScimGroup;
import io.provisio.scim.control.PatchEngine;
import io.provisio.scim.control.PatchOperation;
import io.provisio.scim.control.Preconditions;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.ScimResourceType;
import io.provisio.scim.control.ScimWrite;
import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.Operator;
import io.provisio.scim.control.schema.MaxLengths;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * SCIM Groups (RFC 7643 §4.2) as a resource type of the SCIM endpoint core, with the membership
 * forms Okta and Entra ID send.
 *
 * <p>Members are stored a row per member, so a group may have 100,000 of them. A PATCH goes
 * through the one {@link PatchEngine}, like a user's, on the group's JSON holding only the members
 * the request names ({@code members[value eq "id"]}, the values it adds or removes): the engine
 * decides what changes, and the difference before/after becomes row inserts and deletes, a few
 * indexed statements whatever the group's size. Only an operation that concerns every member
 * (replace of "members", remove of "members", a filter on another sub-attribute than value) reads
 * them all.
 */
@ApplicationScoped
public class GroupResources implements ScimResourceType<ScimGroup> {

  @Inject GroupStore store;
  @Inject ProvisioningLog log;
  @Inject Clock clock;
  @PersistenceContext EntityManager em;

  @Override
  public ResourceSchema schema() {
    return GroupSchemas.RESOURCE;
  }

  @Override
  public ScimGroup find(String tenantId, String id, Predicate<String> returned) {
    // one statement either way: with the members when the answer shows them
    return returned.test("members") ? store.findWithMembers(tenantId, id) : store.find(tenantId, id);
  }

  @Override
  public ScimGroup findForUpdate(String tenantId, String id) {
    return store.findForUpdate(tenantId, id);
  }

  @Override
  public ScimWrite.Subject subject(ScimGroup group) {
    return new ScimWrite.Subject(group.getId(), group.getDisplayName(), null);
  }

  @Override
  public ScimWrite.Subject subject(JsonObject body) {
    return new ScimWrite.Subject(null,
        ScimJson.get(body, "displayName") instanceof JsonString name ? name.getString().trim() : null, null);
  }

  @Override
  public ScimGroup create(String tenantId, JsonObject json) {
    MaxLengths.check(json, schema());
    String displayName = displayName(json);
    store.requireFreeName(tenantId, displayName, null);
    List<String> members = memberIds(ScimJson.get(json, "members"));
    store.requireUsers(tenantId, members);
    var group = new ScimGroup(tenantId, displayName, externalId(json), clock.instant());
    store.persist(group);
    store.addMembers(group.getId(), members);
    logSuccess("GROUP_CREATE", 201, group, "Created with " + new LinkedHashSet<>(members).size() + " member(s).");
    return group;
  }

  @Override
  public ScimGroup replace(ScimGroup group, JsonObject json) {
    String tenantId = group.getTenantId();
    String id = group.getId();
    MaxLengths.check(json, schema());
    String displayName = displayName(json);
    store.requireFreeName(tenantId, displayName, id);
    List<String> members = memberIds(ScimJson.get(json, "members"));
    store.requireUsers(tenantId, members);
    var now = clock.instant();
    group.rename(displayName, now);
    group.setExternalId(externalId(json), now);
    store.removeAllMembers(id);
    store.addMembers(id, members);
    return changed("GROUP_REPLACE", group, "Replaced; " + new LinkedHashSet<>(members).size() + " member(s).");
  }

  @Override
  public ScimGroup patch(ScimGroup group, JsonObject request) {
    String tenantId = group.getTenantId();
    String id = group.getId();
    List<PatchOperation> operations = PatchEngine.parse(request, schema());
    Optional<Set<String>> named = namedMembers(operations);
    var before = named.isPresent() ? store.membersAmong(id, named.get()) : store.members(id);
    Change change = plan(group.getId(), group.getDisplayName(), group.getExternalId(), before, operations);
    if (!change.displayName().equals(group.getDisplayName())) {
      store.requireFreeName(tenantId, change.displayName(), id);
    }
    var now = clock.instant();
    group.rename(change.displayName(), now);
    group.setExternalId(change.externalId(), now);
    store.requireUsers(tenantId, change.added());
    store.removeMembers(id, change.removed());
    store.addMembers(id, change.added());
    group.touch(now);
    return changed("GROUP_PATCH", group, "Patched: " + change.added().size() + " member(s) added, "
        + change.removed().size() + " removed.");
  }

  /** What a PATCH changes in a group: its name, externalId, and members added and removed. */
  record Change(String displayName, String externalId, List<String> added, List<String> removed) {}

  /**
   * Decides a PATCH with the PatchEngine on the group's JSON holding {@code before}, the members
   * the operations name ({@link #namedMembers}) or all of them: the members missing afterwards are
   * removed, the new ones added.
   */
  static Change plan(String id, String displayName, String externalId, List<GroupStore.Member> before,
      List<PatchOperation> operations) {
    JsonObject patched = PatchEngine.apply(document(id, displayName, externalId, before), operations,
        GroupSchemas.RESOURCE);
    MaxLengths.check(patched, GroupSchemas.RESOURCE);
    Set<String> had = new LinkedHashSet<>(before.stream().map(GroupStore.Member::userId).toList());
    Set<String> has = new LinkedHashSet<>(memberIds(ScimJson.get(patched, "members")));
    return new Change(displayName(patched), externalId(patched),
        has.stream().filter(m -> !had.contains(m)).toList(),
        had.stream().filter(m -> !has.contains(m)).toList());
  }

  @Override
  public void delete(ScimGroup group) {
    logSuccess("GROUP_DELETE", 204, group, "Deleted; its users are unchanged.");
    store.delete(group);
  }

  /** A new version (members live in their own table, so the group row is bumped explicitly). */
  private ScimGroup changed(String operation, ScimGroup group, String detail) {
    em.lock(group, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    logSuccess(operation, 200, group, detail);
    em.flush();
    return group;
  }

  /**
   * The members the operations name, when that is all they concern; empty (all members) when an
   * operation concerns every member.
   */
  static Optional<Set<String>> namedMembers(List<PatchOperation> operations) {
    Set<String> named = new LinkedHashSet<>();
    for (PatchOperation operation : operations) {
      if (operation.path().isEmpty()) {
        JsonValue members = operation.value() instanceof JsonObject object ? membersOf(object) : null;
        if (members == null) continue;
        if (operation.op() != PatchOperation.Op.ADD) return Optional.empty();
        memberIdsLenient(members).forEach(id -> named.add(id.toLowerCase(java.util.Locale.ROOT)));
        continue;
      }
      AttributePath path = operation.path().get();
      if (!path.attribute().equalsIgnoreCase("members")) continue;
      if (path.valueFilter() != null) {
        String id = memberIdOf(path.valueFilter());
        if (id == null) return Optional.empty();
        named.add(id.toLowerCase(java.util.Locale.ROOT)); // ids are lower-case UUIDs; the engine compares ignoring case
      } else if (path.subAttribute() != null
          || operation.op() == PatchOperation.Op.REPLACE
          || (operation.op() == PatchOperation.Op.REMOVE && isAbsent(operation.value()))) {
        return Optional.empty();
      }
      memberIdsLenient(operation.value()).forEach(id -> named.add(id.toLowerCase(java.util.Locale.ROOT)));
    }
    return Optional.of(named);
  }

  private static JsonValue membersOf(JsonObject object) {
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      String key = entry.getKey();
      String name = key.contains(":") ? key.substring(key.lastIndexOf(':') + 1) : key;
      if (name.equalsIgnoreCase("members")) return entry.getValue();
    }
    return null;
  }

  /** {@code value eq "id"}: the member it names; anything else: null. */
  private static String memberIdOf(Filter filter) {
    if (filter instanceof Filter.Comparison c && c.path().subAttribute() == null
        && c.path().attribute().equalsIgnoreCase("value") && c.op() == Operator.EQ && c.literal() instanceof String id) {
      return id;
    }
    return null;
  }

  private static boolean isAbsent(JsonValue value) {
    return value == null || value.getValueType() == JsonValue.ValueType.NULL;
  }

  /** The group as the PATCH engine sees it: only the members named (or all). */
  private static JsonObject document(String id, String displayName, String externalId, List<GroupStore.Member> members) {
    var json = ScimJson.objectBuilder()
        .add("schemas", ScimJson.arrayBuilder().add(GroupSchemas.GROUP_URN))
        .add("id", id)
        .add("displayName", displayName);
    if (externalId != null) json.add("externalId", externalId);
    if (!members.isEmpty()) {
      var items = ScimJson.arrayBuilder();
      for (var member : members) {
        var item = ScimJson.objectBuilder().add("value", member.userId()).add("type", "User");
        if (member.display() != null) item.add("display", member.display());
        items.add(item);
      }
      json.add("members", items);
    }
    return json.build();
  }

  @Override
  public Page<ScimGroup> query(String tenantId, Filter filter, String sortBy, boolean descending, int offset,
      int count, String afterId, boolean cursorPaging) {
    String orderBy = null;
    if (sortBy != null) {
      var resolved = schema().resolve(AttributePath.parse(sortBy)).orElseThrow();
      orderBy = GroupSqlMapping.INSTANCE.sortExpression(resolved)
          .orElseThrow(() -> ScimException.invalidValue("Groups cannot be sorted by " + ScimException.quote(sortBy) + "."));
    }
    var page = store.query(tenantId, filter, orderBy, descending, offset, count, afterId, cursorPaging);
    return new Page<>(page.groups(), page.total());
  }

  /** The representations; members are read only when the answer shows them (Entra's lookups exclude them). */
  @Override
  public List<JsonObject> representations(List<ScimGroup> groups, String scimBase, Predicate<String> returned) {
    List<JsonObject> representations = new ArrayList<>(groups.size());
    for (ScimGroup group : groups) {
      var json = ScimJson.objectBuilder()
          .add("schemas", ScimJson.arrayBuilder().add(GroupSchemas.GROUP_URN))
          .add("id", group.getId())
          .add("displayName", group.getDisplayName());
      if (group.getExternalId() != null) json.add("externalId", group.getExternalId());
      var members = ScimJson.arrayBuilder();
      List<GroupStore.Member> shown = !returned.test("members") ? List.of()
          : group.hasMembersRead() ? GroupStore.readMembers(group.getMembersRead()) : store.members(group.getId());
      for (var member : shown) {
        var item = ScimJson.objectBuilder()
            .add("value", member.userId())
            .add("$ref", scimBase + "/Users/" + member.userId())
            .add("type", "User");
        if (member.display() != null) item.add("display", member.display());
        members.add(item);
      }
      if (returned.test("members")) json.add("members", members);
      json.add("meta", ScimJson.objectBuilder()
          .add("resourceType", "Group")
          .add("created", group.getCreatedAt().toString())
          .add("lastModified", group.getLastModified().toString())
          .add("location", scimBase + "/Groups/" + group.getId())
          .add("version", Preconditions.etag(group.getVersion())));
      representations.add(json.build());
    }
    return representations;
  }

  private void logSuccess(String operation, int status, ScimGroup group, String detail) {
    log.success(new ProvisioningLog.Event(group.getTenantId(), operation, true, null, status, group.getId(),
        group.getDisplayName(), null, null, detail));
  }

  private static String displayName(JsonObject json) {
    JsonValue value = ScimJson.get(json, "displayName");
    if (!(value instanceof JsonString name) || name.getString().isBlank()) {
      throw ScimException.invalidValue("displayName is required and must be a non-empty string.");
    }
    return name.getString().trim();
  }

  private static String externalId(JsonObject json) {
    JsonValue value = ScimJson.get(json, "externalId");
    return value instanceof JsonString s ? s.getString() : null;
  }

  /** The user ids of a members value: an array of {"value": id}; anything else is 400. */
  private static List<String> memberIds(JsonValue value) {
    List<String> ids = new ArrayList<>();
    if (isAbsent(value)) return ids;
    JsonArray array = value instanceof JsonArray a ? a : ScimJson.arrayBuilder().add(value).build();
    for (JsonValue item : array) {
      if (item instanceof JsonObject member && ScimJson.get(member, "value") instanceof JsonString id) {
        ids.add(id.getString());
      } else if (item instanceof JsonString id) { // a bare id, as some clients send it
        ids.add(id.getString());
      } else {
        throw ScimException.invalidValue("members must be objects with a \"value\" holding a user id.");
      }
    }
    return ids;
  }

  /** The ids a PATCH value names, whatever its shape (the engine judges the shape). */
  private static List<String> memberIdsLenient(JsonValue value) {
    List<String> ids = new ArrayList<>();
    if (isAbsent(value)) return ids;
    JsonArray array = value instanceof JsonArray a ? a : ScimJson.arrayBuilder().add(value).build();
    for (JsonValue item : array) {
      if (item instanceof JsonObject member && ScimJson.get(member, "value") instanceof JsonString id) {
        ids.add(id.getString());
      } else if (item instanceof JsonString id) {
        ids.add(id.getString());
      }
    }
    return ids;
  }
}
