package io.provisio.mappings.control;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.mappings.entity.Mapping;
import io.provisio.platform.ApiException;
import io.provisio.profiles.control.ProfileStore;
import io.provisio.profiles.entity.RegionHealth;
import io.provisio.scim.control.ScimJson;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tenant's mappings (or a proposed order of them) would do, without doing it: for one
 * user as an IdP would send it, and for the users recently refused with NO_MAPPING_MATCHED. The
 * same {@link Classification} as a real create; nothing is written.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MappingSimulator {

  /** How far back, and how many, recent failures a replay reads (the newest first). */
  static final Duration REPLAY_WINDOW = Duration.ofDays(7);
  static final int REPLAY_LIMIT = 1000;

  @Inject Mappings mappings;
  @Inject ProfileStore places;
  @Inject ProvisioningLog log;
  @Inject Clock clock;

  /** The mapping the user would get (or none) and every mapping's evaluation, in the order used. */
  public JsonObject simulate(String tenantId, JsonObject user, List<String> proposedOrder) {
    List<Mapping> ordered = ordered(tenantId, proposedOrder);
    var outcome = Classification.classify(user, rules(ordered));
    var evaluations = ScimJson.arrayBuilder();
    for (var evaluation : outcome.evaluations()) {
      evaluations.add(ScimJson.objectBuilder()
          .add("mappingId", evaluation.rule().id())
          .add("name", evaluation.rule().name())
          .add("matched", evaluation.matched())
          .add("reason", evaluation.reason()));
    }
    var answer = ScimJson.objectBuilder();
    if (outcome.matched().isPresent()) {
      answer.add("matched", placement(tenantId, find(ordered, outcome.matched().get().id())));
    } else {
      answer.addNull("matched");
    }
    return answer.add("evaluations", evaluations).build();
  }

  /**
   * How many of the recent NO_MAPPING_MATCHED failures the order would now place, and where. A
   * failure is replayed on the values the log kept of the attributes the mappings tested then; an
   * attribute no mapping tested then (a mapping added since) is unknown for it and counts as no value.
   */
  public JsonObject replay(String tenantId, List<String> proposedOrder) {
    List<Mapping> ordered = ordered(tenantId, proposedOrder);
    List<Classification.Rule> rules = rules(ordered);
    Instant since = clock.instant().minus(REPLAY_WINDOW);
    var failures = log.recentFailures(tenantId, ProvisioningOutcome.NO_MAPPING_MATCHED.name(), since, REPLAY_LIMIT);
    Map<String, Integer> byMapping = new LinkedHashMap<>();
    Set<String> unknown = new LinkedHashSet<>();
    int placed = 0;
    int notKept = 0;
    for (var failure : failures) {
      if (failure.testedValues() == null) {
        notKept++;
        continue;
      }
      var kept = Classification.parseTestedValues(failure.testedValues()); // read once per failure
      for (var rule : rules) {
        if (!rule.criterion().allUsers() && !Classification.kept(kept, rule.criterion().attribute())) {
          unknown.add(rule.criterion().attribute());
        }
      }
      var outcome = Classification.classify(Classification.keptValues(kept), rules);
      if (outcome.matched().isPresent()) {
        placed++;
        byMapping.merge(outcome.matched().get().id(), 1, Integer::sum);
      }
    }
    var where = ScimJson.arrayBuilder();
    byMapping.forEach((id, count) -> where.add(ScimJson.objectBuilder()
        .add("mappingId", id).add("name", find(ordered, id).getName()).add("count", count)));
    var unknownArray = ScimJson.arrayBuilder();
    unknown.forEach(unknownArray::add);
    int considered = failures.size() - notKept;
    return ScimJson.objectBuilder()
        .add("since", since.toString())
        .add("failures", failures.size())
        .add("replayed", considered)
        .add("withoutKeptValues", notKept)
        .add("wouldBePlaced", placed)
        .add("stillUnplaced", considered - placed)
        .add("byMapping", where)
        .add("attributesNotKept", unknownArray)
        .build();
  }

  /**
   * The tenant's mappings in the proposed order: the ids listed first, in that order (each at most
   * once, each a mapping of the tenant), then the others in their current order. No order: the
   * current one.
   */
  private List<Mapping> ordered(String tenantId, List<String> proposedOrder) {
    List<Mapping> current = mappings.list(tenantId);
    if (proposedOrder == null || proposedOrder.isEmpty()) {
      return current;
    }
    List<Mapping> ordered = new ArrayList<>();
    for (String id : proposedOrder) {
      Mapping mapping = current.stream().filter(m -> m.getId().equals(id)).findFirst()
          .orElseThrow(() -> ApiException.invalid("order", "order names " + id + ", which is not a mapping of this tenant."));
      if (ordered.contains(mapping)) {
        throw ApiException.invalid("order", "order names mapping " + id + " twice.");
      }
      ordered.add(mapping);
    }
    current.stream().filter(m -> !ordered.contains(m)).forEach(ordered::add);
    return ordered;
  }

  private static List<Classification.Rule> rules(List<Mapping> ordered) {
    return ordered.stream().map(m -> new Classification.Rule(m.getId(), m.getName(), m.criterion())).toList();
  }

  private static Mapping find(List<Mapping> ordered, String id) {
    return ordered.stream().filter(m -> m.getId().equals(id)).findFirst().orElseThrow();
  }

  private JsonObject placement(String tenantId, Mapping mapping) {
    var region = places.region(mapping.getRegionId());
    var profile = places.profile(tenantId, mapping.getProfileId());
    var json = ScimJson.objectBuilder()
        .add("mappingId", mapping.getId())
        .add("name", mapping.getName())
        .add("profile", profile.map(p -> p.getName()).orElse("(deleted profile)"))
        .add("region", region.map(r -> r.getName()).orElse("(deleted region)"))
        .add("quotaGb", mapping.getQuotaGb());
    boolean healthy = region.map(r -> r.getHealth() == RegionHealth.HEALTHY).orElse(false);
    json.add("regionHealthy", healthy);
    profile.ifPresent(p -> {
      if (p.getMaxUsers() > 0 && p.getUserCount() >= p.getMaxUsers()) json.add("profileFull", true);
    });
    return json.build();
  }
}
