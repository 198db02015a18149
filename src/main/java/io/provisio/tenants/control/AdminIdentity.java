package io.provisio.tenants.control;

import io.provisio.tenants.entity.Role;
import java.io.Serializable;

/** Who the signed-in administrator is, as established by the authentication mechanism. */
public record AdminIdentity(String id, String email, String tenantId, Role role)
    implements Serializable {

  public boolean isOperator() {
    return role == Role.PLATFORM_OPERATOR;
  }
}
