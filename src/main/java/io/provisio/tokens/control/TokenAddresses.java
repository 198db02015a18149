package io.provisio.tokens.control;

import io.provisio.audit.control.AuditTrail;
import io.provisio.platform.DatabaseOutage;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A security event when a SCIM token, an OAuth access token or an OAuth client secret is used from
 * an address this instance has not seen it used from: a credential copied out of the IdP shows up
 * as a new address. The event is a log line ({@code security-event=TOKEN_USED_FROM_NEW_ADDRESS} or
 * {@code CLIENT_SECRET_USED_FROM_NEW_ADDRESS}) and a row of the tenant's audit trail, written off
 * the request thread, never with the credential. Memory is bounded: at most 16 addresses
 * per token and 10,000 tokens per instance are remembered (beyond, the oldest knowledge is dropped
 * and an address may be reported again).
 */
@Singleton
public class TokenAddresses {

  private static final Logger LOG = Logger.getLogger("io.provisio.security");
  private static final int MAX_TOKENS = 10_000;
  private static final int MAX_ADDRESSES = 16;

  /** Per instance: the addresses each credential was seen from (memory only, checked on every SCIM call). */
  private static final Map<String, Set<String>> SEEN = new ConcurrentHashMap<>();

  @Inject AuditTrail audit;

  /**
   * True the first time this instance sees {@code address} for the credential {@code id}. Static:
   * plain memory, asked on every SCIM call, so no EJB call in between.
   */
  public static boolean isNew(String id, String address) {
    Set<String> addresses = SEEN.get(id);
    if (addresses != null && addresses.contains(address)) {
      return false;
    }
    if (SEEN.size() >= MAX_TOKENS) SEEN.clear();
    Set<String> set = SEEN.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
    if (set.size() >= MAX_ADDRESSES) set.clear();
    return set.add(address);
  }

  @Asynchronous
  @jakarta.ejb.Lock(jakarta.ejb.LockType.READ)
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void record(String event, String tenantId, String credentialId, String address) {
    LOG.log(Level.INFO, "security-event={0} tenant={1} credential={2} address={3}",
        new Object[] {event, tenantId, credentialId, address});
    try {
      audit.record(tenantId, "SCIM client", event, credentialId, null,
          "{\"address\":\"" + address.replaceAll("[^0-9A-Fa-f:.]", "_") + "\"}");
    } catch (RuntimeException e) {
      if (!DatabaseOutage.is(e)) throw e;
    }
  }
}
