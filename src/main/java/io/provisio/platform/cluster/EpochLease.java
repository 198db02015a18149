package io.provisio.platform.cluster;

import java.util.function.LongSupplier;

/**
 * What a member may believe of its caches: the last cache epoch it read, and until when that
 * reading is good. A member trusts a cached value only if it was cached under the current epoch
 * and the lease of its last successful reading has not run out; a member that cannot read the
 * epoch (database gone, member stalled) stops trusting within {@link #LEASE_NANOS} and checks
 * everything against the database again: it fails closed.
 *
 * <p>Why this is exact across members: a reading that began before a change committed is good for
 * at most the lease from its beginning; one that began after sees the change. The changing call
 * answers once every member with a live reading has acknowledged the change, or once a lease has
 * passed since its commit, when no reading from before the change is good any more.
 */
public final class EpochLease {

  /** How long a reading of the epoch is good, from the moment it began. */
  public static final long LEASE_NANOS = 1_000_000_000L;

  private final LongSupplier nanoTime;
  private volatile long epoch = -1;
  private volatile long goodUntil;

  public EpochLease(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.goodUntil = nanoTime.getAsLong();
  }

  /** The moment a reading begins, to pass to {@link #read} once it has succeeded. */
  public long begin() {
    return nanoTime.getAsLong();
  }

  /** A successful reading, begun at {@code began}: true if the epoch changed. */
  public boolean read(long began, long readEpoch) {
    boolean changed = readEpoch != epoch;
    if (readEpoch > epoch || epoch == -1) epoch = readEpoch;
    goodUntil = began + LEASE_NANOS;
    return changed;
  }

  /** The epoch of the last reading, if it is still good; -1 when nothing may be trusted. */
  public long trustedEpoch() {
    return nanoTime.getAsLong() - goodUntil < 0 ? epoch : -1;
  }
}
