package io.provisio.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourceWriteLocksTest {

  private final ResourceWriteLocks locks = new ResourceWriteLocks();

  @Test
  void writesOfOneResourceNeverOverlap() throws Exception {
    var inside = new AtomicInteger();
    var most = new AtomicInteger();
    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(8);
    try {
      var work = new ArrayList<Future<Integer>>();
      for (int t = 0; t < 8; t++) {
        work.add(pool.submit(() -> {
          start.await();
          for (int n = 0; n < 50; n++) {
            locks.serialized("User/u1", () -> {
              most.accumulateAndGet(inside.incrementAndGet(), Math::max);
              Thread.onSpinWait();
              return inside.decrementAndGet();
            }, IllegalStateException::new);
          }
          return 0;
        }));
      }
      start.countDown();
      for (var f : work) f.get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isEqualTo(1);
  }

  @Test
  void theWriteAnswersAndTheLockIsFreedAfterAFailure() {
    assertThat(locks.serialized("Group/g1", () -> "done", IllegalStateException::new)).isEqualTo("done");
    assertThatThrownBy(() -> locks.serialized("Group/g1", () -> { throw new IllegalArgumentException("boom"); },
        IllegalStateException::new)).isInstanceOf(IllegalArgumentException.class);
    assertThat(locks.serialized("Group/g1", () -> "again", IllegalStateException::new)).isEqualTo("again");
  }

  @Test
  void aResourceHeldElsewhereMakesTheWriterWaitNotFail() throws Exception {
    var held = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var pool = Executors.newSingleThreadExecutor();
    try {
      var holder = pool.submit(() -> locks.serialized("User/u2", () -> {
        held.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "first";
      }, IllegalStateException::new));
      held.await();
      var order = new java.util.concurrent.CopyOnWriteArrayList<String>();
      var second = new Thread(() -> order.add(locks.serialized("User/u2", () -> "second", IllegalStateException::new)));
      second.start();
      Thread.sleep(200);
      assertThat(order).as("the second writer waits while the first holds the resource").isEmpty();
      release.countDown();
      second.join(5_000);
      assertThat(holder.get()).isEqualTo("first");
      assertThat(order).containsExactly("second");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void stripesCoverEveryKeyWithinBounds() {
    for (String key : new String[] {"User/a", "Group/" + "x".repeat(300), "", "User/\u00e9"}) {
      assertThat(ResourceWriteLocks.stripe(key)).isBetween(0, ResourceWriteLocks.STRIPES - 1);
    }
  }
}
