package io.provisio.tenants.entity;

/** How a tenant's users are managed. Switching to SCIM is one-way (SPEC §1). */
public enum UserManagementMode {
  MANUAL,
  DIRECTORY,
  SCIM
}
