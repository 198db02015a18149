package io.provisio.groups.entity;

import io.provisio.platform.Ids;
import io.provisio.scim.control.LookupKey;
import io.provisio.scim.control.ScimResource;
import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/** A SCIM group of a tenant; its members are rows of group_member, never loaded as a whole. */
@Entity
@Table(name = "scim_group")
@SqlResultSetMapping(name = ScimGroup.WITH_MEMBERS, entities = @EntityResult(entityClass = ScimGroup.class),
    columns = @ColumnResult(name = ScimGroup.MEMBERS_COLUMN))
public class ScimGroup implements ScimResource {

  /** A native query's result: the group's columns, then {@link #MEMBERS_COLUMN}. */
  public static final String WITH_MEMBERS = "ScimGroupWithMembers";
  /** The column that carries a group's members, as the groups' component wrote them into one value. */
  public static final String MEMBERS_COLUMN = "member_list";

  @Id private String id;

  /** Read with its members (the statement's {@link #MEMBERS_COLUMN}, null without members). */
  @Transient private boolean membersRead;
  @Transient private String members;

  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "display_name")
  private String displayName;

  @Column(name = "display_name_lower")
  private String displayNameLower;

  @Column(name = "external_id")
  private String externalId;

  /** Tenant and displayName (lower case), tenant and externalId, each in one indexed column (LookupKey). */
  @Column(name = "group_key")
  private String groupKey;

  @Column(name = "external_key")
  private String externalKey;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "last_modified")
  private Instant lastModified;

  @Version private long version;

  protected ScimGroup() {}

  public ScimGroup(String tenantId, String displayName, String externalId, Instant now) {
    this.id = Ids.newId();
    this.tenantId = tenantId;
    this.createdAt = now;
    rename(displayName, now);
    setExternalId(externalId, now);
  }

  public void rename(String displayName, Instant now) {
    this.displayName = displayName;
    this.displayNameLower = displayName.toLowerCase(Locale.ROOT);
    this.groupKey = LookupKey.of(tenantId, displayNameLower);
    touch(now);
  }

  public void setExternalId(String externalId, Instant now) {
    this.externalId = externalId;
    this.externalKey = LookupKey.of(tenantId, externalId);
    touch(now);
  }

  /** A change of the members changes the group too (the caller also forces a new version). */
  public void touch(Instant now) {
    this.lastModified = now;
  }

  @Override
  public String getId() { return id; }

  public String getDisplayNameLower() { return displayNameLower; }
  public String getTenantId() { return tenantId; }
  public String getDisplayName() { return displayName; }
  public String getExternalId() { return externalId; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getLastModified() { return lastModified; }
  @Override
  public long getVersion() { return version; }

  /** Records the members read in the same statement as the group ({@link #WITH_MEMBERS}). */
  public void membersRead(String members) {
    this.membersRead = true;
    this.members = members;
  }

  /** Whether the members came with the group, so nothing needs to look them up. */
  public boolean hasMembersRead() {
    return membersRead;
  }

  /** The members read with the group, in the groups' component's form (null: none). */
  public String getMembersRead() {
    return members;
  }
}
