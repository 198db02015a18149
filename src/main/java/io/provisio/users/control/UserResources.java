package io.provisio.users.control;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.audit.control.ProvisioningRefusal;
import io.provisio.mappings.control.Placements;
import io.provisio.scim.control.PatchEngine;
import io.provisio.scim.control.PatchOperation;
import io.provisio.scim.control.Preconditions;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.ScimResourceType;
import io.provisio.scim.control.ScimWrite;
import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.users.entity.ScimUser;
import io.provisio.users.entity.UserFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * SCIM Users (RFC 7643 §4.1 with the enterprise extension) as a resource type of the SCIM endpoint
 * core: a new user is placed by the tenant's mappings; a deleted one is preserved, never destroyed,
 * and a new user with its externalId or email restores it ({@link UserStore.Claimants#preservedMatch}).
 */
@ApplicationScoped
public class UserResources implements ScimResourceType<ScimUser> {

  @Inject ProvisioningLog log;
  @Inject Placements placements;
  @Inject ActivationMails activationMails;
  @Inject UserStore store;
  @Inject Memberships memberships;
  @Inject Clock clock;

  @Override
  public ResourceSchema schema() {
    return ProvisioUserSchema.RESOURCE;
  }

  @Override
  public ScimUser find(String tenantId, String id, Predicate<String> returned) {
    return store.visible(tenantId, id); // with its groups: the same one statement
  }

  @Override
  public ScimUser findForUpdate(String tenantId, String id) {
    return store.visibleForUpdate(tenantId, id);
  }

  @Override
  public ScimWrite.Subject subject(ScimUser user) {
    return new ScimWrite.Subject(user.getId(), user.getUserName(), user.getEmail());
  }

  @Override
  public ScimWrite.Subject subject(JsonObject body) {
    try {
      var fields = UserRepresentations.normalize(body).fields();
      return new ScimWrite.Subject(null, fields.userName(), fields.email());
    } catch (ScimException invalid) {
      return ScimWrite.Subject.ofId(null); // the refused input names nobody reliably
    }
  }

  @Override
  public ScimUser create(String tenantId, JsonObject raw) {
    var normalized = UserRepresentations.normalize(raw);
    var fields = normalized.fields();
    var claimants = store.claimants(tenantId, fields.userName(), fields.externalId(), fields.emailLower());
    ScimUser user = claimants.preservedMatch();
    requireUnique(claimants, fields, user == null ? null : user.getId());
    var now = clock.instant();
    Placements.Placement placement = null;
    if (user == null) {
      placement = placements.choose(tenantId, raw);
      user = new ScimUser(tenantId, now);
      user.classify(placement.mappingId(), placement.profileId(), placement.regionId(), placement.quotaGb());
      user.apply(fields, normalized.stored().toString(), now);
      // the account, its value rows, its log entry and its profile's maximum: one round trip
      Number maximum = (Number) store.insert(user, normalized.values(),
          log.successInsert(created(tenantId, user, fields, placement.mappingName(), "Created.")),
          placements.maximumOf(placement));
      placements.take(placement, maximum); // last: the profile row stays locked until the commit
    } else {
      user.apply(fields, normalized.stored().toString(), now);
      store.replaceValues(user.getId(), normalized.values());
      store.persist(user);
      log.success(created(tenantId, user, fields, null, "Restored the preserved account."));
    }
    if (placement != null && placement.sendActivationEmail() && fields.email() != null) {
      activationMails.send(fields.email(), fields.displayName(), fields.accountName(),
          store.tenantName(tenantId), placement.quotaGb());
    }
    return user;
  }

  private static ProvisioningLog.Event created(String tenantId, ScimUser user, UserFields fields, String mappingName,
      String detail) {
    return new ProvisioningLog.Event(tenantId, "CREATE", true, null, 201, user.getId(), fields.userName(),
        fields.email(), mappingName, detail);
  }

  @Override
  public ScimUser replace(ScimUser user, JsonObject body) {
    return update("REPLACE", user, UserRepresentations.normalize(body));
  }

  @Override
  public ScimUser patch(ScimUser user, JsonObject request) {
    var operations = PatchEngine.parse(PatchRequests.qualifyCustomAttributes(request), schema());
    for (var operation : operations) {
      if (operation.op() == PatchOperation.Op.REMOVE && operation.path().isPresent()
          && operation.path().get().attribute().equalsIgnoreCase("active")
          && operation.path().get().subAttribute() == null) {
        // Without "active" the account would count as active again (the default): a deactivated
        // user would come back by a remove. Deliberately refused (README "SCIM behaviour").
        throw ScimException.mutability("active cannot be removed; replace it with true or false.");
      }
    }
    JsonObject patched = PatchEngine.apply(representation(user, "", List.of()), operations, schema());
    return update("PATCH", user, UserRepresentations.normalize(patched));
  }

  @Override
  public void delete(ScimUser user) {
    user.preserve(clock.instant());
    memberships.leaveAll(user.getId());
    log.success(new ProvisioningLog.Event(user.getTenantId(), "DELETE", true, null, 204, user.getId(),
        user.getUserName(), user.getEmail(), null, "Preserved the account."));
  }

  private ScimUser update(String operation, ScimUser user, UserRepresentations.Normalized normalized) {
    var fields = normalized.fields();
    requireUnique(store.claimants(user.getTenantId(), fields.userName(), null, fields.emailLower()), fields, user.getId());
    boolean wasActive = user.isActive();
    user.apply(fields, normalized.stored().toString(), clock.instant());
    store.replaceValues(user.getId(), normalized.values());
    store.persist(user);
    // the detail says what the write did to the account (the log's action is read from it)
    String detail = wasActive && !fields.active() ? "Deactivated the account."
        : !wasActive && fields.active() ? "Reactivated the account."
        : fields.active() ? "Updated." : "Updated; the account is inactive.";
    log.success(new ProvisioningLog.Event(user.getTenantId(), operation, true, null, 200, user.getId(),
        fields.userName(), fields.email(), null, detail));
    return user;
  }

  /** Refuses a userName or an email that an account other than {@code ownId} holds. */
  private static void requireUnique(UserStore.Claimants claimants, UserFields fields, String ownId) {
    ScimUser holder = claimants.userNameHolder();
    if (holder != null && !holder.getId().equals(ownId)) {
      throw new ProvisioningRefusal(ProvisioningOutcome.USERNAME_TAKEN,
          "userName " + ScimException.quote(fields.userName()) + " is already taken in this account.");
    }
    if (claimants.emailTakenExcept(ownId)) {
      throw new ProvisioningRefusal(ProvisioningOutcome.EMAIL_TAKEN,
          "The email address " + ScimException.quote(fields.email()) + " is already used by another account.");
    }
  }

  @Override
  public Page<ScimUser> query(String tenantId, Filter filter, String sortBy, boolean descending, int offset,
      int count, String afterId, boolean cursorPaging) {
    String orderBy = null;
    if (sortBy != null) {
      var resolved = schema().resolve(AttributePath.parse(sortBy)).orElseThrow();
      orderBy = UserSqlMapping.INSTANCE.sortExpression(resolved)
          .orElseThrow(() -> ScimException.invalidValue("Users cannot be sorted by " + ScimException.quote(sortBy) + "."));
    }
    var page = store.query(tenantId, filter, orderBy, descending, offset, count, afterId, cursorPaging);
    return new Page<>(page.users(), page.total());
  }

  @Override
  public List<JsonObject> representations(List<ScimUser> users, String scimBase, Predicate<String> returned) {
    // the groups of users read without them (pages, and reads inside a write), in one statement
    var groups = memberships.groupsOf(users.stream().filter(u -> !u.isCreatedHere() && !u.hasGroupsRead())
        .map(ScimUser::getId).toList());
    List<JsonObject> representations = new ArrayList<>(users.size());
    for (ScimUser user : users) {
      representations.add(representation(user, scimBase, user.hasGroupsRead() ? memberships.readGroups(user.getGroupsRead())
          : groups.getOrDefault(user.getId(), List.of())));
    }
    return representations;
  }

  private static JsonObject representation(ScimUser user, String scimBase, List<Memberships.GroupRef> groups) {
    JsonObject stored = ScimJson.provider().createReader(new StringReader(user.getResourceJson())).readObject();
    var groupArray = ScimJson.arrayBuilder();
    for (Memberships.GroupRef group : groups) {
      groupArray.add(ScimJson.objectBuilder()
          .add("value", group.id())
          .add("$ref", scimBase + "/Groups/" + group.id())
          .add("display", group.displayName())
          .add("type", "direct"));
    }
    return ScimJson.objectBuilder(stored)
        .add("groups", groupArray)
        .add("id", user.getId())
        .add("meta", ScimJson.objectBuilder()
            .add("resourceType", "User")
            .add("created", user.getCreatedAt().toString())
            .add("lastModified", user.getLastModified().toString())
            .add("location", scimBase + "/Users/" + user.getId())
            .add("version", Preconditions.etag(user.getVersion())))
        .build();
  }
}
