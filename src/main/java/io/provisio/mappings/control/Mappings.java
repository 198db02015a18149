package io.provisio.mappings.control;

import io.provisio.audit.control.AuditTrail;
import io.provisio.mappings.entity.Mapping;
import io.provisio.mappings.entity.Mapping.Criterion;
import io.provisio.mappings.entity.MappingOrder;
import io.provisio.platform.ApiException;
import io.provisio.profiles.control.ProfileStore;
import io.provisio.profiles.entity.Profile;
import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.schema.Returned;
import io.provisio.users.control.UserSchemas;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A tenant's mappings in priority order. Every change of the order (create, delete, move, new
 * order) increments the tenant's {@link MappingOrder} version with an optimistic lock, so of two
 * concurrent reorders one commits and the other fails with a conflict: the order is never mixed.
 */
@Stateless
public class Mappings {

  public enum Move { UP, DOWN, TOP, BOTTOM }

  @Inject ProfileStore places;
  @Inject PlacementRules placementRules;
  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  public List<Mapping> list(String tenantId) {
    return em.createQuery("SELECT m FROM Mapping m WHERE m.tenantId = :t ORDER BY m.priority, m.createdAt", Mapping.class)
        .setParameter("t", tenantId).getResultList();
  }

  public Mapping create(String tenantId, String actor, JsonObject body) {
    placementRules.changed(); // first: see PlacementRules#changed
    String name = requiredText(body, "name");
    Criterion criterion = criterion(body.get("criterion"));
    lockOrder(tenantId);
    List<Mapping> existing = list(tenantId);
    var mapping = new Mapping(tenantId, name, criterion, existing.size() + 1, clock.instant());
    configure(tenantId, mapping, body, true);
    em.persist(mapping);
    audit.record(tenantId, actor, "MAPPING_CREATED", mapping.getId(), null, json(mapping).toString());
    return mapping;
  }

  public Mapping change(String tenantId, String actor, String id, JsonObject body) {
    placementRules.changed(); // first: see PlacementRules#changed
    if (body.containsKey("criterion") || body.containsKey("allUsers") || body.containsKey("attribute")) {
      throw ApiException.invalid("criterion",
          "The criterion of a mapping cannot change after creation; create a new mapping instead.");
    }
    Mapping mapping = find(tenantId, id);
    String before = json(mapping).toString();
    if (body.containsKey("name")) {
      mapping.setName(requiredText(body, "name"));
    }
    configure(tenantId, mapping, body, false);
    audit.record(tenantId, actor, "MAPPING_CHANGED", id, before, json(mapping).toString());
    return mapping;
  }

  public void delete(String tenantId, String actor, String id) {
    placementRules.changed(); // first: see PlacementRules#changed
    Mapping mapping = find(tenantId, id);
    lockOrder(tenantId);
    String before = json(mapping).toString();
    em.remove(mapping);
    em.flush();
    renumber(list(tenantId));
    audit.record(tenantId, actor, "MAPPING_DELETED", id, before, null);
  }

  public List<Mapping> move(String tenantId, String actor, String id, Move to) {
    placementRules.changed(); // first: see PlacementRules#changed
    Mapping mapping = find(tenantId, id);
    lockOrder(tenantId);
    List<Mapping> order = new ArrayList<>(list(tenantId));
    String before = ids(order);
    int index = order.indexOf(mapping);
    order.remove(index);
    int target = switch (to) {
      case UP -> Math.max(0, index - 1);
      case DOWN -> Math.min(order.size(), index + 1);
      case TOP -> 0;
      case BOTTOM -> order.size();
    };
    order.add(target, mapping);
    renumber(order);
    audit.record(tenantId, actor, "MAPPINGS_REORDERED", mapping.getName() + " " + to, before, ids(order));
    return order;
  }

  public List<Mapping> reorder(String tenantId, String actor, List<String> ids) {
    placementRules.changed(); // first: see PlacementRules#changed
    lockOrder(tenantId);
    List<Mapping> current = list(tenantId);
    Set<String> known = new HashSet<>(current.stream().map(Mapping::getId).toList());
    if (ids.size() != known.size() || !known.equals(new HashSet<>(ids))) {
      throw ApiException.invalid("ids",
          "ids must list every mapping of the tenant exactly once (" + known.size() + " mappings).");
    }
    String before = ids(current);
    List<Mapping> order = ids.stream().map(i -> current.stream().filter(m -> m.getId().equals(i)).findFirst().orElseThrow()).toList();
    renumber(order);
    audit.record(tenantId, actor, "MAPPINGS_REORDERED", "order", before, ids(order));
    return order;
  }

  private void renumber(List<Mapping> order) {
    for (int i = 0; i < order.size(); i++) {
      order.get(i).setPriority(i + 1);
    }
  }

  /** Claims the right to change the order; a concurrent change makes one of the two fail. */
  private void lockOrder(String tenantId) {
    MappingOrder order = em.find(MappingOrder.class, tenantId);
    if (order == null) {
      em.persist(new MappingOrder(tenantId));
      em.flush();
      return;
    }
    em.lock(order, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
  }

  private void configure(String tenantId, Mapping mapping, JsonObject body, boolean creating) {
    String regionId = creating || body.containsKey("regionId") ? requiredText(body, "regionId") : mapping.getRegionId();
    String profileId = creating || body.containsKey("profileId") ? requiredText(body, "profileId") : mapping.getProfileId();
    if (places.region(regionId).isEmpty()) {
      throw ApiException.invalid("regionId", "No storage region with id " + regionId + ".");
    }
    Profile profile = places.profile(tenantId, profileId).orElse(null);
    if (profile == null) {
      throw ApiException.invalid("profileId", "No profile with id " + profileId + " in this tenant.");
    }
    int quota = mapping.getQuotaGb();
    if (creating || body.containsKey("quotaGb")) {
      JsonValue value = body.get("quotaGb");
      if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0 || n.longValue() > 1_000_000) {
        throw ApiException.invalid("quotaGb", "quotaGb must be a whole number of gigabytes from 0 to 1000000.");
      }
      quota = n.intValue();
    }
    boolean activation = mapping.isSendActivationEmail();
    if (body.containsKey("sendActivationEmail")) {
      JsonValue value = body.get("sendActivationEmail");
      if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
        throw ApiException.invalid("sendActivationEmail", "sendActivationEmail must be true or false.");
      }
      activation = value == JsonValue.TRUE;
    }
    mapping.configure(regionId, profileId, quota, activation);
  }

  /**
   * Attributes the User schema declares {@code returned: never} ({@code password}): never a
   * criterion, so that their values are never compared, echoed in a refusal or logged.
   */
  public static boolean isSecret(AttributePath path) {
    return UserSchemas.RESOURCE.resolve(path)
        .map(r -> r.target().returned() == Returned.NEVER
            || (!r.isSchemaRoot() && r.attribute().returned() == Returned.NEVER))
        .orElse(false);
  }

  /** {"allUsers":true} or {"attribute":"department","values":["A","B"]} (values may be "A, B"). */
  static Criterion criterion(JsonValue value) {
    if (!(value instanceof JsonObject criterion)) {
      throw ApiException.invalid("criterion",
          "criterion is required: {\"allUsers\":true} or {\"attribute\":\"department\",\"values\":[\"Engineering\"]}.");
    }
    if (criterion.get("allUsers") == JsonValue.TRUE) {
      return Criterion.ALL_USERS;
    }
    JsonValue attribute = criterion.get("attribute");
    if (!(attribute instanceof JsonString a) || a.getString().isBlank()) {
      throw ApiException.invalid("criterion.attribute", "criterion.attribute must name a SCIM attribute, e.g. department.");
    }
    AttributePath path;
    try {
      path = AttributePath.parse(a.getString().trim());
    } catch (ScimException e) {
      throw ApiException.invalid("criterion.attribute", "criterion.attribute is not a valid SCIM attribute path: " + e.detail());
    }
    if (isSecret(path)) {
      throw ApiException.invalid("criterion.attribute", "criterion.attribute cannot be " + a.getString().trim()
          + ": it is a secret (never returned), and classification names the values it tried in errors"
          + " and the provisioning log.");
    }
    List<String> values = new ArrayList<>();
    JsonValue raw = criterion.get("values");
    if (raw instanceof JsonArray array) {
      for (JsonValue v : array) {
        if (!(v instanceof JsonString s)) {
          throw ApiException.invalid("criterion.values", "criterion.values must be strings.");
        }
        values.add(s.getString().trim());
      }
    } else if (raw instanceof JsonString s) {
      Arrays.stream(s.getString().split(",")).map(String::trim).forEach(values::add);
    }
    values.removeIf(String::isEmpty);
    if (values.isEmpty()) {
      throw ApiException.invalid("criterion.values", "criterion.values needs at least one value.");
    }
    return new Criterion(false, a.getString().trim(), List.copyOf(values));
  }

  /** The names of the mappings that place users in this profile, in priority order. */
  public List<String> namesUsingProfile(String profileId) {
    return em.createQuery("SELECT m.name FROM Mapping m WHERE m.profileId = :p ORDER BY m.priority", String.class)
        .setParameter("p", profileId).getResultList();
  }

  public Mapping find(String tenantId, String id) {
    Mapping mapping = em.find(Mapping.class, id);
    if (mapping == null || !mapping.getTenantId().equals(tenantId)) {
      throw ApiException.notFound("No mapping with id " + id + ".");
    }
    return mapping;
  }

  private static String requiredText(JsonObject body, String field) {
    JsonValue value = body.get(field);
    if (!(value instanceof JsonString s) || s.getString().isBlank()) {
      throw ApiException.invalid(field, field + " is required.");
    }
    if (s.getString().length() > 200) {
      throw ApiException.invalid(field, field + " must be at most 200 characters.");
    }
    return s.getString().trim();
  }

  private static String ids(List<Mapping> order) {
    var array = ScimJson.arrayBuilder();
    order.forEach(m -> array.add(m.getId()));
    return array.build().toString();
  }

  public static JsonObject json(Mapping m) {
    Criterion c = m.criterion();
    var criterion = c.allUsers()
        ? ScimJson.objectBuilder().add("allUsers", true)
        : ScimJson.objectBuilder().add("attribute", c.attribute()).add("values", ScimJson.provider().createArrayBuilder(c.values()));
    return ScimJson.objectBuilder()
        .add("id", m.getId())
        .add("name", m.getName())
        .add("priority", m.getPriority())
        .add("criterion", criterion)
        .add("regionId", m.getRegionId())
        .add("profileId", m.getProfileId())
        .add("quotaGb", m.getQuotaGb())
        .add("sendActivationEmail", m.isSendActivationEmail())
        .build();
  }
}
