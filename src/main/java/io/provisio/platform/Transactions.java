package io.provisio.platform;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Supplier;

/**
 * Runs a unit of work in a transaction of its own, for a boundary that must learn how the commit
 * ended (and may try the work again): the commit has happened, or failed, when {@link #call}
 * returns or throws.
 */
@Stateless
public class Transactions {

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public <T> T call(Supplier<T> work) {
    return work.get();
  }

  /**
   * Whether a write failed because its row changed after it was read: JPA's optimistic lock
   * exception anywhere among the causes (by name too, for a provider's own type raised at commit).
   */
  public static boolean isWriteConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof jakarta.persistence.OptimisticLockException
          || t.getClass().getSimpleName().equals("OptimisticLockException")) {
        return true;
      }
    }
    return false;
  }
}
