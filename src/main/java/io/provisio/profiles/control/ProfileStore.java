package io.provisio.profiles.control;

import io.provisio.profiles.entity.Profile;
import io.provisio.profiles.entity.RegionHealth;
import io.provisio.profiles.entity.StorageRegion;
import io.provisio.platform.RowLocks;
import io.provisio.platform.StatementBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
  @Inject RowLocks rowLocks;

  public Optional<StorageRegion> region(String regionId) {
    return Optional.ofNullable(regionId == null ? null : em.find(StorageRegion.class, regionId));
  }

  /** The tenant's profile with this id. */
  public Optional<Profile> profile(String tenantId, String profileId) {
    Profile profile = profileId == null ? null : em.find(Profile.class, profileId);
    return profile != null && profile.getTenantId().equals(tenantId) ? Optional.of(profile) : Optional.empty();
  }

  /**
   * A create takes a place in its profile in two steps, race-free: this statement, sent with the
   * create's inserts ({@link StatementBatch}), reads the profile's maximum
   * under a row lock that creates share ({@link RowLocks#keyShare}); then {@link #take} with the
   * maximum read. A profile without a maximum is so no queue at all, and its count is not kept (it
   * is counted when asked, {@link #countsKept}). A profile with a maximum takes the place with one
   * conditional UPDATE that the database serialises per profile row, so however many creates race
   * for the last place, exactly one gets it. An administrator changing the maximum locks the row
   * FOR UPDATE, which waits for the creates holding the shared lock and makes later ones wait and
   * then read the new maximum, and recounts the profile's users under that lock (README "Mappings,
   * profiles and the provisioning log").
   */
  public StatementBatch.Statement maximumShared(String profileId) {
    return StatementBatch.Statement.of(
        "SELECT max_users FROM profile WHERE id = ? " + rowLocks.keyShare(), profileId);
  }

  /**
   * Takes a place in the profile whose maximum {@link #maximumShared} read (0: none), or answers
   * false when it is full. Last in the create: the row stays locked only for the commit.
   */
  public boolean take(String profileId, Number maximum) {
    if (maximum == null) {
      throw new IllegalStateException("The profile of the placement no longer exists."); // rolled back
    }
    if (maximum.intValue() == 0) {
      return true; // no maximum: nothing counted
    }
    return em.createQuery(
            "UPDATE Profile p SET p.userCount = p.userCount + 1 WHERE p.id = :id"
                + " AND (p.maxUsers = 0 OR p.userCount < p.maxUsers)")
        .setParameter("id", profileId)
        .executeUpdate() == 1;
  }

  /** Whether the profile's stored count is kept up to date: only while it has a maximum ({@link #take}). */
  public static boolean countsKept(Profile profile) {
    return profile.getMaxUsers() > 0;
  }

  /** The tenant's profiles, by name. */
  public java.util.List<Profile> profiles(String tenantId) {
    return em.createQuery("SELECT p FROM Profile p WHERE p.tenantId = :t ORDER BY p.name", Profile.class)
        .setParameter("t", tenantId).getResultList();
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

  /** Whether any storage region is healthy (a place where new users can go at all). */
  public boolean anyHealthyRegion() {
    return !em.createQuery("SELECT r.id FROM StorageRegion r WHERE r.health = :h", String.class)
        .setParameter("h", RegionHealth.HEALTHY).setMaxResults(1).getResultList().isEmpty();
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
