package io.provisio.tokens.control;

import io.provisio.tenants.entity.Tenant;
import io.provisio.tenants.entity.UserManagementMode;

/** The two tenant switches that must be on before a token is issued or a SCIM call served. */
public final class ScimAccess {

  public static final String API_ACCESS_DISABLED = "API access is disabled for this account";

  public static final String SCIM_NOT_ENABLED =
      "SCIM provisioning is not enabled for this account: a CLOUD_ADMIN must set the"
          + " user-management mode to SCIM first";

  private ScimAccess() {}

  /** Why SCIM is closed for this tenant, as a reason code, or null when it is open. */
  public static String closedReason(Tenant tenant) {
    if (!tenant.isApiAccess()) {
      return "API_ACCESS_DISABLED";
    }
    if (tenant.getUserManagementMode() != UserManagementMode.SCIM) {
      return "SCIM_NOT_ENABLED";
    }
    return null;
  }

  public static String message(String reason) {
    return "API_ACCESS_DISABLED".equals(reason) ? API_ACCESS_DISABLED : SCIM_NOT_ENABLED;
  }
}
