package io.provisio.tenants.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** A person who administers one tenant, or the platform (operator: no tenant). */
@Entity
@Table(name = "administrator")
@NamedQuery(
    name = Administrator.BY_EMAIL,
    query = "SELECT a FROM Administrator a WHERE a.emailLower = :email")
@NamedQuery(
    name = Administrator.COUNT_BY_ROLE,
    query = "SELECT COUNT(a) FROM Administrator a WHERE a.role = :role")
@NamedQuery(
    name = Administrator.BY_TENANT_AND_ROLE,
    query = "SELECT a FROM Administrator a WHERE a.tenantId = :tenantId AND a.role = :role")
@NamedQuery(
    name = Administrator.COUNT_ACTIVE_CLOUD_ADMINS,
    query =
        "SELECT COUNT(a) FROM Administrator a WHERE a.tenantId = :tenantId"
            + " AND a.role = :role AND a.disabled = false")
public class Administrator {

  public static final String BY_EMAIL = "Administrator.byEmail";
  public static final String COUNT_BY_ROLE = "Administrator.countByRole";
  public static final String BY_TENANT_AND_ROLE = "Administrator.byTenantAndRole";
  public static final String COUNT_ACTIVE_CLOUD_ADMINS = "Administrator.countActiveCloudAdmins";

  @Id private String id;

  @Column(name = "tenant_id")
  private String tenantId;

  private String email;

  @Column(name = "email_lower")
  private String emailLower;

  @Column(name = "password_hash")
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  private Role role;

  @Column(name = "created_at")
  private Instant createdAt;

  private boolean disabled;

  /** Incremented by every change of password, role or disabled state (cached sign-ins compare it). */
  @Column(name = "credential_version")
  private long credentialVersion;

  @Column(name = "unlocked_at")
  private Instant unlockedAt;

  @Column(name = "backoff_at")
  private Instant backoffAt;

  @Column(name = "backoff_notice_at")
  private Instant backoffNoticeAt;

  protected Administrator() {}

  public Administrator(String tenantId, String email, String passwordHash, Role role, Instant now) {
    this.id = Ids.newId();
    this.tenantId = tenantId;
    this.email = email;
    this.emailLower = normalize(email);
    this.passwordHash = passwordHash;
    this.role = role;
    this.createdAt = now;
  }

  public static String normalize(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  /** A new hash of the same password (stronger settings), or of a new one. */
  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  /** A new password: every sign-in cached with the old one ends. */
  public void changePassword(String newHash) {
    this.passwordHash = newHash;
    this.credentialVersion++;
  }

  public void changeRole(Role role) {
    this.role = role;
    this.credentialVersion++;
  }

  public void setDisabled(boolean disabled) {
    this.disabled = disabled;
    this.credentialVersion++;
  }

  /** Lifts the sign-in backoff of this account on every instance (failures counted before now). */
  public void unlock(Instant now) {
    this.unlockedAt = now;
  }

  public boolean isDisabled() {
    return disabled;
  }

  public long getCredentialVersion() {
    return credentialVersion;
  }

  public Instant getUnlockedAt() {
    return unlockedAt;
  }

  public Instant getBackoffAt() {
    return backoffAt;
  }

  /** Whether sign-ins to this account are backing off now, as far as the last backoff tells. */
  public boolean isBackingOff(Instant now, java.time.Duration longestBackoff) {
    return backoffAt != null
        && backoffAt.isAfter(now.minus(longestBackoff))
        && (unlockedAt == null || backoffAt.isAfter(unlockedAt));
  }

  public boolean isActiveCloudAdmin() {
    return role == Role.CLOUD_ADMIN && !disabled;
  }

  public String getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getEmail() {
    return email;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public Role getRole() {
    return role;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
