package io.provisio.users.entity;

/** Where an account stands. PRESERVED accounts were deleted by the IdP but keep their data. */
public enum UserStatus {
  ACTIVE,
  INACTIVE,
  PRESERVED
}
