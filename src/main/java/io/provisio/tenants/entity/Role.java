package io.provisio.tenants.entity;

import java.util.Set;

/**
 * Administrator roles. A tenant role includes the rights of the ones below it, so the container
 * is told every role an administrator holds and {@code @RolesAllowed("READ_ONLY")} means "read
 * only or more".
 */
public enum Role {
  PLATFORM_OPERATOR,
  CLOUD_ADMIN,
  ADMIN,
  READ_ONLY;

  public static final String OPERATOR_NAME = "PLATFORM_OPERATOR";
  public static final String CLOUD_ADMIN_NAME = "CLOUD_ADMIN";
  public static final String ADMIN_NAME = "ADMIN";
  public static final String READ_ONLY_NAME = "READ_ONLY";

  public Set<String> grantedRoles() {
    return switch (this) {
      case PLATFORM_OPERATOR -> Set.of(OPERATOR_NAME);
      case CLOUD_ADMIN -> Set.of(CLOUD_ADMIN_NAME, ADMIN_NAME, READ_ONLY_NAME);
      case ADMIN -> Set.of(ADMIN_NAME, READ_ONLY_NAME);
      case READ_ONLY -> Set.of(READ_ONLY_NAME);
    };
  }

  public boolean isTenantRole() {
    return this != PLATFORM_OPERATOR;
  }
}
