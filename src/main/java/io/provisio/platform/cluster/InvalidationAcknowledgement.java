package io.provisio.platform.cluster;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Holds the answer of a call that ended cached values everywhere (a token revoked, a tenant's
 * access closed) until every live member has acknowledged the change: when the caller reads the
 * answer, the old token already fails on every member. The transaction has committed by now (the
 * resource method has returned); the answer is not yet written.
 */
@Provider
@Priority(Priorities.USER + 1000)
public class InvalidationAcknowledgement implements ContainerResponseFilter {

  @Inject PendingInvalidation pending;
  @Inject ClusterCaches caches;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    long epoch = pending.epoch();
    if (epoch >= 0 && response.getStatus() < 400) caches.awaitAcknowledged(epoch);
  }
}
