package io.provisio.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EpochCacheTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
  private final EpochLease lease = new EpochLease(now::get);
  private final EpochCache<String> cache = new EpochCache<>(lease, 100);

  @Test
  void nothingIsTrustedBeforeTheFirstReading() {
    assertThat(cache.epoch()).isEqualTo(-1);
    cache.put("token", "tenant", cache.epoch());
    assertThat(cache.get("token")).isNull();
  }

  @Test
  void aValueIsServedUnderTheEpochItWasReadUnder() {
    lease.read(lease.begin(), 5);
    cache.put("token", "tenant", cache.epoch());
    assertThat(cache.get("token")).isEqualTo("tenant");
  }

  @Test
  void aChangedEpochEndsEveryValueReadBefore() {
    lease.read(lease.begin(), 5);
    cache.put("token", "tenant", cache.epoch());
    lease.read(lease.begin(), 6);
    assertThat(cache.get("token")).isNull();
  }

  @Test
  void aValueReadWhileTheEpochChangedIsNeverServed() {
    lease.read(lease.begin(), 5);
    long epoch = cache.epoch(); // the database read begins under epoch 5 ...
    lease.read(lease.begin(), 6); // ... a revocation commits and this member reads it ...
    cache.put("token", "tenant", epoch); // ... and the read, from before, ends
    assertThat(cache.get("token")).isNull();
  }

  @Test
  void aMemberThatCannotReadTheEpochStopsTrustingWithinALease() {
    long began = lease.begin();
    lease.read(began, 5);
    cache.put("token", "tenant", cache.epoch());
    now.addAndGet(EpochLease.LEASE_NANOS - 1);
    assertThat(cache.get("token")).isEqualTo("tenant");
    now.addAndGet(1); // no successful reading since: the lease, counted from its beginning, is over
    assertThat(cache.get("token")).isNull();
    assertThat(cache.epoch()).isEqualTo(-1);
  }

  @Test
  void aReadingRenewsTheLeaseFromItsBeginningNotItsEnd() {
    long began = lease.begin();
    now.addAndGet(EpochLease.LEASE_NANOS / 2); // a slow reading
    lease.read(began, 5);
    now.addAndGet(EpochLease.LEASE_NANOS / 2);
    assertThat(cache.epoch()).isEqualTo(-1);
  }
}
