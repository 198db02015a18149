package io.provisio.profiles.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/** A backup profile of a tenant: how many users it may hold and whether their data is locked. */
@Entity
@Table(name = "profile")
public class Profile {

  @Id private String id;

  @Column(name = "tenant_id")
  private String tenantId;

  private String name;

  @Column(name = "name_lower")
  private String nameLower;

  @Column(name = "max_users")
  private int maxUsers;

  @Column(name = "data_lock")
  private boolean dataLock;

  @Column(name = "user_count")
  private int userCount;

  @Column(name = "created_at")
  private Instant createdAt;

  @Version private long version;

  protected Profile() {}

  public Profile(String tenantId, String name, int maxUsers, boolean dataLock, Instant now) {
    this.id = Ids.newId();
    this.tenantId = tenantId;
    rename(name);
    this.maxUsers = maxUsers;
    this.dataLock = dataLock;
    this.createdAt = now;
  }

  public void rename(String name) {
    this.name = name;
    this.nameLower = name.toLowerCase(Locale.ROOT);
  }

  public String getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getName() {
    return name;
  }

  public int getMaxUsers() {
    return maxUsers;
  }

  /**
   * A new maximum (0: none), with the users the profile holds, counted under the row lock that
   * creates wait for (ProfileStore#take keeps the count only while there is a maximum).
   */
  public void limit(int maxUsers, int usersHeld) {
    this.maxUsers = maxUsers;
    this.userCount = usersHeld;
  }

  public boolean isDataLock() {
    return dataLock;
  }

  public void setDataLock(boolean dataLock) {
    this.dataLock = dataLock;
  }

  public int getUserCount() {
    return userCount;
  }
}
