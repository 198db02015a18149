package io.provisio.profiles.control;

import io.provisio.profiles.entity.Profile;
import io.provisio.profiles.entity.StorageRegion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What other components need of profiles and storage regions (mappings choose them, placements
 * fill them), in the caller's transaction; only this component reads and writes their tables.
 */
@ApplicationScoped
public class ProfileStore {

  @PersistenceContext EntityManager em;

  public Optional<StorageRegion> region(String regionId) {
    return Optional.ofNullable(regionId == null ? null : em.find(StorageRegion.class, regionId));
  }

  /** The tenant's profile with this id. */
  public Optional<Profile> profile(String tenantId, String profileId) {
    Profile profile = profileId == null ? null : em.find(Profile.class, profileId);
    return profile != null && profile.getTenantId().equals(tenantId) ? Optional.of(profile) : Optional.empty();
  }

  /**
   * Takes a place in the profile, race-free: one conditional UPDATE that the database serialises
   * per profile row (README "Mappings, profiles and the provisioning log"). False when it is full.
   */
  public boolean take(String profileId) {
    em.flush();
    return em.createQuery(
            "UPDATE Profile p SET p.userCount = p.userCount + 1 WHERE p.id = :id"
                + " AND (p.maxUsers = 0 OR p.userCount < p.maxUsers)")
        .setParameter("id", profileId)
        .executeUpdate() == 1;
  }

  /** The tenant's profiles: id → name. */
  public Map<String, String> profileNames(String tenantId) {
    Map<String, String> names = new LinkedHashMap<>();
    for (Profile profile : em.createQuery("SELECT p FROM Profile p WHERE p.tenantId = :t", Profile.class)
        .setParameter("t", tenantId).getResultList()) {
      names.put(profile.getId(), profile.getName());
    }
    return names;
  }

  /** Every storage region: id → name. */
  public Map<String, String> regionNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (StorageRegion region : em.createQuery("SELECT r FROM StorageRegion r", StorageRegion.class).getResultList()) {
      names.put(region.getId(), region.getName());
    }
    return names;
  }

  public Profile profile(String profileId) {
    return em.find(Profile.class, profileId);
  }
}
