package io.provisio.profiles.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** A platform-wide place where backups are stored, kept by the platform operator. */
@Entity
@Table(name = "storage_region")
public class StorageRegion {

  @Id private String id;
  private String name;

  @Column(name = "name_lower")
  private String nameLower;

  @Enumerated(EnumType.STRING)
  private RegionHealth health;

  @Column(name = "created_at")
  private Instant createdAt;

  protected StorageRegion() {}

  public StorageRegion(String name, RegionHealth health, Instant now) {
    this.id = Ids.newId();
    rename(name);
    this.health = health;
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

  public RegionHealth getHealth() {
    return health;
  }

  public void setHealth(RegionHealth health) {
    this.health = health;
  }
}
