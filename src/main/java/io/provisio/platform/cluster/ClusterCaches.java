package io.provisio.platform.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Caches that stay exact across a cluster without a cluster product: every member reads the cache
 * epoch from the database every {@value #POLL_MILLIS} ms and acknowledges it there; a change that
 * must end cached values everywhere raises the epoch in its own transaction ({@link
 * #invalidateEverywhere}) and its call answers once every live member has acknowledged
 * ({@link InvalidationAcknowledgement}). A member that cannot read the epoch trusts no cached
 * value after {@link EpochLease#LEASE_NANOS}. Plain Jakarta EE (a managed scheduled executor, JPA),
 * so the same on every server, clustered or not.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration") // its tables first
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterCaches {

  static final long POLL_MILLIS = 100;
  private static final Logger LOG = Logger.getLogger(ClusterCaches.class.getName());

  private final String memberId = UUID.randomUUID().toString();
  private final EpochLease lease = new EpochLease(System::nanoTime);
  private final List<EpochCache<?>> caches = new CopyOnWriteArrayList<>();
  private volatile boolean failing;
  private ScheduledFuture<?> polling;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject CacheEpochStore store;
  @Inject PendingInvalidation pending;

  @PostConstruct
  void start() {
    polling = scheduler.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (polling != null) polling.cancel(false);
  }

  /** A cache of this member, good only under the epoch its values were read under. */
  public <V> EpochCache<V> newCache(int maxEntries) {
    var cache = new EpochCache<V>(lease, maxEntries);
    caches.add(cache);
    return cache;
  }

  /**
   * Ends every cached value on every member, with the caller's transaction: the epoch is raised in
   * it, and the call that made the change answers once all live members have seen the new epoch.
   */
  public void invalidateEverywhere() {
    pending.await(store.raise());
  }

  void poll() {
    long began = lease.begin();
    try {
      long epoch = store.readAndAcknowledge(memberId);
      if (lease.read(began, epoch)) caches.forEach(EpochCache::clear);
      if (failing) LOG.info("The cache epoch can be read again: cached values are trusted again.");
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.log(Level.WARNING, "The cache epoch cannot be read: this member trusts no cached value until it can ({0})",
            e.toString());
      }
      failing = true;
    }
  }

  /** Waits until every live member has acknowledged {@code epoch}, or no member can still trust an older one. */
  public void awaitAcknowledged(long epoch) {
    long deadline = System.nanoTime() + EpochLease.LEASE_NANOS + 2 * TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
    try {
      while (System.nanoTime() - deadline < 0) {
        try {
          if (store.membersBehind(epoch) == 0) return;
        } catch (RuntimeException e) {
          // cannot tell who has acknowledged: wait out the lease, after which no member trusts an older value
          LOG.log(Level.WARNING, "Could not read the members'' acknowledgements of cache epoch {0}: {1}",
              new Object[] {epoch, e.toString()});
          TimeUnit.NANOSECONDS.sleep(Math.max(0, deadline - System.nanoTime()));
          return;
        }
        Thread.sleep(10);
      }
      LOG.log(Level.WARNING, "Not every member acknowledged cache epoch {0} within a lease: those members trust no"
          + " cached value any more", epoch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
