package io.provisio.platform.cluster;

import jakarta.enterprise.context.RequestScoped;

/** The cache epoch a request raised, which its answer waits for (InvalidationAcknowledgement). */
@RequestScoped
public class PendingInvalidation {

  private long epoch = -1;

  public void await(long raised) {
    epoch = Math.max(epoch, raised);
  }

  public long epoch() {
    return epoch;
  }
}
