package io.provisio.mappings.control;

import io.provisio.platform.cluster.ClusterCaches;
import io.provisio.platform.cluster.EpochCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * This member's copy of each tenant's placement rules (its mappings in order, where each one
 * places, and whether that storage region is healthy): a create reads no mapping and no region
 * (issue 19). Every change of a mapping, of the order or of a region ends every copy on every
 * member before that change's call answers ({@link ClusterCaches#invalidateEverywhere}), as for
 * the SCIM tokens: a create never places by a rule an administrator has already changed.
 */
@ApplicationScoped
public class PlacementRules {

  /** Where one mapping places, with its region's state as read. */
  public record Target(
      String mappingId, String mappingName, String profileId, String regionId, int quotaGb,
      boolean sendActivationEmail, String regionName, boolean regionHealthy) {}

  /** A tenant's mappings in order, and where each places. */
  public record Rules(List<Classification.Rule> order, Map<String, Target> targets) {}

  @Inject ClusterCaches caches;
  private EpochCache<Rules> cache;

  @PostConstruct
  void create() {
    cache = caches.newCache(10_000);
  }

  /** The epoch to read rules under (before the read), for {@link #put}. */
  long epoch() {
    return cache.epoch();
  }

  Rules get(String tenantId) {
    return cache.get(tenantId);
  }

  void put(String tenantId, Rules rules, long epoch) {
    cache.put(tenantId, rules, epoch);
  }

  /**
   * Ends every member's copy of every tenant's rules, with the caller's transaction. Called first
   * in a change, before it reads or changes anything: raising the epoch locks its row until the
   * commit, so changes of the rules run one after the other, each reading what the one before it
   * committed (raised in the middle, it flushed a move's priorities early, and of two concurrent
   * moves both committed: MappingsIT#concurrentReordersNeverCorruptTheOrder).
   */
  public void changed() {
    caches.invalidateEverywhere();
  }
}
