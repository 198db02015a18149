package io.provisio.platform.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A member's cache whose values are good only under the cache epoch they were read under, while
 * the member's lease on that epoch holds ({@link EpochLease}). Read the epoch with {@link
 * #epoch()} before reading the database, and {@link #put} the value with it: a value read while a
 * change committed elsewhere carries the old epoch and is never served.
 */
public final class EpochCache<V> {

  private record Entry<V>(V value, long epoch) {}

  private final EpochLease lease;
  private final int maxEntries;
  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

  public EpochCache(EpochLease lease, int maxEntries) {
    this.lease = lease;
    this.maxEntries = maxEntries;
  }

  /** The epoch to read the database under; -1 when this member may cache nothing now. */
  public long epoch() {
    return lease.trustedEpoch();
  }

  /** The value, if it was read under the current epoch and the lease holds; else null. */
  public V get(String key) {
    long epoch = lease.trustedEpoch();
    if (epoch < 0) return null;
    Entry<V> entry = entries.get(key);
    return entry != null && entry.epoch() == epoch ? entry.value() : null;
  }

  /** Keeps a value read under {@code epoch} (from {@link #epoch()} before the read). */
  public void put(String key, V value, long epoch) {
    if (epoch < 0) return;
    if (entries.size() >= maxEntries) entries.clear();
    entries.put(key, new Entry<>(value, epoch));
  }

  /** Forgets every value (the epoch changed: they can never be served again). */
  public void clear() {
    entries.clear();
  }
}
