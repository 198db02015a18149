package io.provisio.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Queues the writers of one resource inside this server, ahead of the database's row lock: a
 * write holds its resource's lock from before its read until after its commit.
 *
 * <p>Why, when the row lock ({@code SELECT … FOR UPDATE}) and the version check already make
 * concurrent writes of one row take turns: on the embedded H2 (2.2.224, the version Payara Micro
 * bundles) they do not always. Sixteen concurrent PATCHes of one user, after other concurrent
 * writes had run on the same pool, lost an update about once in ten runs (ReliabilityIT): two
 * transactions on two H2 sessions both read the row at version 32 under FOR UPDATE, both wrote
 * version 33, and the later commit silently replaced the earlier one and the change made on top
 * of it, although EclipseLink's UPDATE carried {@code WHERE id = ? AND version = ?} and the
 * connections were in a transaction (the statement log and per-write traces showed both). Plain
 * JDBC against the same H2 with the same statements never reproduced it; PostgreSQL never showed
 * it. With this lock the writes of one resource on one server never overlap, so H2's lock is no
 * longer relied on there; across the members of a cluster (on PostgreSQL) the row lock and the
 * version check still decide, as before.
 *
 * <p>Striped: a fixed set of locks chosen by the resource's key, so nothing grows or needs
 * cleaning; two resources sharing a stripe merely take turns.
 */
@ApplicationScoped
public class ResourceWriteLocks {

  static final int STRIPES = 256;
  /**
   * Longer than any write takes. Queueing here rather than on the row also spares the database:
   * a statement waiting for a row holds a pooled connection, and gives up after 10 s on H2
   * (LOCK_TIMEOUT) and 5 s on PostgreSQL (the driver's socketTimeout), answered 503.
   */
  static final long WAIT_SECONDS = 60;

  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  public ResourceWriteLocks() {
    for (int i = 0; i < STRIPES; i++) stripes[i] = new ReentrantLock();
  }

  /** The stripe a resource's writes queue on. */
  static int stripe(String key) {
    return Math.floorMod(key.hashCode(), STRIPES);
  }

  /**
   * Runs the write with the resource's lock held; when the lock cannot be had in time, fails with
   * what {@code busy} makes (the caller's "try again later").
   */
  public <T> T serialized(String key, Supplier<T> write, Supplier<? extends RuntimeException> busy) {
    ReentrantLock lock = stripes[stripe(key)];
    try {
      if (!lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) throw busy.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy.get();
    }
    try {
      return write.get();
    } finally {
      lock.unlock();
    }
  }
}
