package io.provisio.mappings.control;

import io.provisio.audit.control.ProvisioningOutcome;
import io.provisio.audit.control.ProvisioningRefusal;
import io.provisio.mappings.entity.Mapping;
import io.provisio.profiles.control.ProfileStore;
import io.provisio.profiles.entity.Profile;
import io.provisio.profiles.entity.RegionHealth;
import io.provisio.profiles.entity.StorageRegion;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Places a new SCIM user (SPEC §4): classifies it with the tenant's mappings, checks the region's
 * health ({@link #choose}), and takes a place in the profile ({@link #take}). The place is taken
 * with one conditional update ({@code user_count < max_users}), which the database serialises per
 * profile row: however many creates race for the last place, exactly one gets it, and a create
 * that fails later gives it back by rolling back. The row stays locked until the create commits,
 * so {@code take} is the create's last statement: every other write is flushed before it, and all
 * creates into one profile queue only for the update and the commit.
 */
@Stateless
public class Placements {

  /** Where the user goes. */
  public record Placement(
      String mappingId, String mappingName, String profileId, String regionId, int quotaGb,
      boolean sendActivationEmail) {}

  @Inject Mappings mappings;
  @PersistenceContext EntityManager em;
  @Inject ProfileStore places;

  public Placement choose(String tenantId, JsonObject requestBody) {
    var outcome = Classification.classify(requestBody, mappings.rules(tenantId));
    if (outcome.matched().isEmpty()) {
      throw new ProvisioningRefusal(ProvisioningOutcome.NO_MAPPING_MATCHED,
          outcome.tried().isEmpty()
              ? "No mapping matched this user: the account has no mappings. An administrator must"
                  + " add one (e.g. the recommended \"all users\" mapping) in the Provisio console."
              : "No mapping matched this user. Tried: " + String.join("; ", outcome.tried())
                  + ". Values are compared exactly (case-sensitive). An administrator can add a"
                  + " matching mapping or an \"all users\" mapping in the Provisio console.");
    }
    Mapping mapping = em.find(Mapping.class, outcome.matched().get().id());
    StorageRegion region = places.region(mapping.getRegionId()).orElse(null);
    if (region == null || region.getHealth() != RegionHealth.HEALTHY) {
      throw new ProvisioningRefusal(ProvisioningOutcome.REGION_UNHEALTHY,
          "The storage region " + (region == null ? "" : "\"" + region.getName() + "\" ")
              + "chosen by mapping \"" + mapping.getName() + "\" is unhealthy; retry later.");
    }
    return new Placement(mapping.getId(), mapping.getName(), mapping.getProfileId(), mapping.getRegionId(),
        mapping.getQuotaGb(), mapping.isSendActivationEmail());
  }

  /** Takes the placement's place in its profile (after flushing every other write), or refuses. */
  public void take(Placement placement) {
    if (!places.take(placement.profileId())) {
      Profile profile = places.profile(placement.profileId());
      throw new ProvisioningRefusal(ProvisioningOutcome.PROFILE_FULL,
          "The profile \"" + profile.getName() + "\" chosen by mapping \"" + placement.mappingName()
              + "\" is full (" + profile.getMaxUsers() + " users). An administrator can raise its"
              + " maximum number of users in the Provisio console.");
    }
  }
}
