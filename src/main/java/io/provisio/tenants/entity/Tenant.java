package io.provisio.tenants.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/** One customer account; everything else belongs to exactly one tenant. */
@Entity
@Table(name = "tenant")
public class Tenant {

  @Id private String id;

  private String name;

  @Column(name = "name_lower")
  private String nameLower;

  @Enumerated(EnumType.STRING)
  @Column(name = "user_management_mode")
  private UserManagementMode userManagementMode;

  @Column(name = "api_access")
  private boolean apiAccess;

  @Column(name = "created_at")
  private Instant createdAt;

  @Version private long version;

  protected Tenant() {}

  public Tenant(String name, Instant now) {
    this.id = Ids.newId();
    rename(name);
    this.userManagementMode = UserManagementMode.MANUAL;
    this.apiAccess = true;
    this.createdAt = now;
  }

  public void rename(String name) {
    this.name = name;
    this.nameLower = name.toLowerCase(Locale.ROOT);
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public UserManagementMode getUserManagementMode() {
    return userManagementMode;
  }

  public void setUserManagementMode(UserManagementMode mode) {
    this.userManagementMode = mode;
  }

  public boolean isApiAccess() {
    return apiAccess;
  }

  public void setApiAccess(boolean apiAccess) {
    this.apiAccess = apiAccess;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
