package io.provisio.tenants.control;

import io.provisio.tenants.entity.Role;
import io.provisio.tenants.entity.Tenant;
import io.provisio.tenants.entity.UserManagementMode;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** What other components read of tenants and who administers them (read-only). */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Tenants {

  @PersistenceContext EntityManager em;

  public Optional<Tenant> find(String tenantId) {
    return Optional.ofNullable(tenantId == null ? null : em.find(Tenant.class, tenantId));
  }

  /** The tenants whose users are managed by SCIM, oldest first, at most {@code limit} after {@code afterId}. */
  public List<Tenant> scimTenants(String afterId, int limit) {
    return em.createQuery("SELECT t FROM Tenant t WHERE t.userManagementMode = :m AND t.id > :after ORDER BY t.id",
            Tenant.class)
        .setParameter("m", UserManagementMode.SCIM).setParameter("after", afterId == null ? "" : afterId)
        .setMaxResults(limit).getResultList();
  }

  /** The addresses of the tenant's CLOUD_ADMINs who are not disabled, sorted. */
  public List<String> cloudAdminEmails(String tenantId) {
    return em.createQuery("SELECT a.email FROM Administrator a WHERE a.tenantId = :t AND a.role = :r"
            + " AND a.disabled = false ORDER BY a.emailLower", String.class)
        .setParameter("t", tenantId).setParameter("r", Role.CLOUD_ADMIN).getResultList();
  }

  /** The platform operators' addresses, sorted. */
  public List<String> operatorEmails() {
    return em.createQuery("SELECT a.email FROM Administrator a WHERE a.role = :r AND a.disabled = false"
            + " ORDER BY a.emailLower", String.class)
        .setParameter("r", Role.PLATFORM_OPERATOR).getResultList();
  }

}
