package io.provisio.tenants.boundary;

import io.provisio.platform.ApiException;
import io.provisio.tenants.control.AdminIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The administrator making the current request, and the rule that an administrator sees only its
 * own tenant: any other tenant id answers 404, exactly as if it did not exist.
 */
@RequestScoped
public class CurrentAdministrator {

  @Inject HttpServletRequest request;

  public AdminIdentity identity() {
    Object identity = request.getAttribute(AdministratorAuthentication.IDENTITY);
    if (identity instanceof AdminIdentity admin) {
      return admin;
    }
    throw new ApiException(401, "Authentication required.", null);
  }

  /** Refuses (404) a tenant the caller may not see; the operator may see every tenant. */
  public AdminIdentity requireTenant(String tenantId) {
    AdminIdentity admin = identity();
    if (!admin.isOperator() && !admin.tenantId().equals(tenantId)) {
      throw noSuchTenant(tenantId);
    }
    return admin;
  }

  /** Like {@link #requireTenant} but only for the tenant's own administrators, not the operator. */
  public AdminIdentity requireOwnTenant(String tenantId) {
    AdminIdentity admin = identity();
    if (admin.isOperator() || !admin.tenantId().equals(tenantId)) {
      throw noSuchTenant(tenantId);
    }
    return admin;
  }

  public static ApiException noSuchTenant(String tenantId) {
    return ApiException.notFound("No tenant with id " + tenantId + ".");
  }
}
