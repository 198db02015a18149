package io.provisio.mappings.control;

import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.audit.control.ProvisioningRefusal;
import io.provisio.mappings.entity.Mapping;
import io.provisio.platform.StatementBatch;
import io.provisio.profiles.control.ProfileStore;
import io.provisio.profiles.entity.Profile;
import io.provisio.profiles.entity.RegionHealth;
import io.provisio.profiles.entity.StorageRegion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places a new SCIM user (SPEC §4): classifies it with the tenant's mappings, checks the region's
 * health ({@link #choose}), and takes a place in the profile ({@link #take}, last in the create).
 * A profile without a maximum is no queue; one with a maximum is filled by one conditional update
 * ({@code user_count < max_users}) that the database serialises per profile row: however many
 * creates race for the last place, exactly one gets it, and a create that fails later gives it
 * back by rolling back ({@link ProfileStore#take}).
 */
@ApplicationScoped // in the caller's transaction: a create's hot path, where an EJB call costs more than the work
public class Placements {

  /** Where the user goes. */
  public record Placement(
      String mappingId, String mappingName, String profileId, String regionId, int quotaGb,
      boolean sendActivationEmail) {}

  @Inject Mappings mappings;
  @Inject PlacementRules cached;
  @Inject ProfileStore places;

  public Placement choose(String tenantId, JsonObject requestBody) {
    PlacementRules.Rules rules = rules(tenantId);
    var outcome = Classification.classify(requestBody, rules.order());
    if (outcome.matched().isEmpty()) {
      throw new ProvisioningRefusal(ProvisioningOutcome.NO_MAPPING_MATCHED,
          outcome.tried().isEmpty()
              ? "No mapping matched this user: the account has no mappings. An administrator must"
                  + " add one (e.g. the recommended \"all users\" mapping) in the Provisio console."
              : "No mapping matched this user. Tried: " + String.join("; ", outcome.tried())
                  + ". Values are compared exactly (case-sensitive). An administrator can add a"
                  + " matching mapping or an \"all users\" mapping in the Provisio console.",
          null, Classification.testedValues(outcome.tested()));
    }
    PlacementRules.Target target = rules.targets().get(outcome.matched().get().id());
    if (!target.regionHealthy()) {
      throw new ProvisioningRefusal(ProvisioningOutcome.REGION_UNHEALTHY,
          "The storage region " + (target.regionName() == null ? "" : "\"" + target.regionName() + "\" ")
              + "chosen by mapping \"" + target.mappingName() + "\" is unhealthy; retry later.", target.mappingName());
    }
    return new Placement(target.mappingId(), target.mappingName(), target.profileId(), target.regionId(),
        target.quotaGb(), target.sendActivationEmail());
  }

  /** The tenant's rules: this member's copy, or read now (and kept, {@link PlacementRules}). */
  private PlacementRules.Rules rules(String tenantId) {
    PlacementRules.Rules rules = cached.get(tenantId);
    if (rules != null) return rules;
    long epoch = cached.epoch();
    var order = new ArrayList<Classification.Rule>();
    var targets = new HashMap<String, PlacementRules.Target>();
    var regions = new HashMap<String, Optional<StorageRegion>>();
    for (Mapping mapping : mappings.list(tenantId)) {
      order.add(new Classification.Rule(mapping.getId(), mapping.getName(), mapping.criterion()));
      StorageRegion region = regions.computeIfAbsent(mapping.getRegionId(), places::region).orElse(null);
      targets.put(mapping.getId(), new PlacementRules.Target(mapping.getId(), mapping.getName(), mapping.getProfileId(),
          mapping.getRegionId(), mapping.getQuotaGb(), mapping.isSendActivationEmail(),
          region == null ? null : region.getName(), region != null && region.getHealth() == RegionHealth.HEALTHY));
    }
    rules = new PlacementRules.Rules(List.copyOf(order), Map.copyOf(targets));
    cached.put(tenantId, rules, epoch);
    return rules;
  }

  /** The statement a create sends with its inserts to read the profile's maximum (ProfileStore#maximumShared). */
  public StatementBatch.Statement maximumOf(Placement placement) {
    return places.maximumShared(placement.profileId());
  }

  /** Takes the placement's place in its profile, given the maximum read, or refuses (ProfileStore#take). */
  public void take(Placement placement, Number maximum) {
    if (!places.take(placement.profileId(), maximum)) {
      Profile profile = places.profile(placement.profileId());
      throw new ProvisioningRefusal(ProvisioningOutcome.PROFILE_FULL,
          "The profile \"" + profile.getName() + "\" chosen by mapping \"" + placement.mappingName()
              + "\" is full (" + profile.getMaxUsers() + " users). An administrator can raise its"
              + " maximum number of users in the Provisio console.", placement.mappingName());
    }
  }
}
