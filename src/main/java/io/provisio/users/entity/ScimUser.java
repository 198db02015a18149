package io.provisio.users.entity;

import io.provisio.platform.Ids;
import io.provisio.scim.control.LookupKey;
import io.provisio.scim.control.ScimResource;
import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account provisioned over SCIM. {@link #resourceJson} is the SCIM representation as stored;
 * the other columns are derived from it for queries, uniqueness and the service's own account.
 */
@Entity
@Table(name = "scim_user")
@SqlResultSetMapping(name = ScimUser.WITH_GROUPS, entities = @EntityResult(entityClass = ScimUser.class),
    columns = @ColumnResult(name = ScimUser.GROUPS_COLUMN))
public class ScimUser implements ScimResource {

  /** A native query's result: the user's columns, then {@link #GROUPS_COLUMN}. */
  public static final String WITH_GROUPS = "ScimUserWithGroups";
  /** The column that carries a user's groups, as the groups' component wrote them into one value. */
  public static final String GROUPS_COLUMN = "member_of";

  @Id private String id;

  /** Made by this request (not read from the database): it belongs to no group yet. */
  @Transient private boolean created;

  /** Read with its groups (the statement's {@link #GROUPS_COLUMN}, null without groups). */
  @Transient private boolean groupsRead;
  @Transient private String groups;

  @Column(name = "tenant_id")
  private String tenantId;

  @Enumerated(EnumType.STRING)
  private UserStatus status;

  @Column(name = "user_name")
  private String userName;

  @Column(name = "user_name_lower")
  private String userNameLower;

  @Column(name = "external_id")
  private String externalId;

  /** Tenant and userName (lower case), tenant and externalId, each in one indexed column (LookupKey). */
  @Column(name = "user_key")
  private String userKey;

  @Column(name = "external_key")
  private String externalKey;

  @Column(name = "display_name")
  private String displayName;

  @Column(name = "given_name")
  private String givenName;

  @Column(name = "family_name")
  private String familyName;

  @Column(name = "nick_name")
  private String nickName;

  private String title;

  @Column(name = "user_type")
  private String userType;

  @Column(name = "preferred_language")
  private String preferredLanguage;

  private String locale;
  private String timezone;
  private boolean active;
  private String email;

  @Column(name = "email_lower")
  private String emailLower;

  @Column(name = "search_text")
  private String searchText;

  @Column(name = "account_name")
  private String accountName;

  @Column(name = "user_principal_name")
  private String userPrincipalName;

  @Column(name = "employee_number")
  private String employeeNumber;

  @Column(name = "cost_center")
  private String costCenter;

  private String organization;
  private String division;
  private String department;

  @Column(name = "manager_id")
  private String managerId;

  @Column(name = "profile_id")
  private String profileId;

  @Column(name = "region_id")
  private String regionId;

  @Column(name = "mapping_id")
  private String mappingId;

  @Column(name = "quota_gb")
  private Integer quotaGb;

  @Column(name = "resource_json")
  private String resourceJson;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "last_modified")
  private Instant lastModified;

  @Version private long version;

  protected ScimUser() {}

  public ScimUser(String tenantId, Instant now) {
    this.created = true;
    this.id = Ids.newId();
    this.tenantId = tenantId;
    this.createdAt = now;
    this.lastModified = now;
    this.status = UserStatus.ACTIVE;
  }

  /** Takes over the derived fields of a new representation. */
  public void apply(UserFields fields, String resourceJson, Instant now) {
    this.userName = fields.userName();
    this.userNameLower = fields.userNameLower();
    this.externalId = fields.externalId();
    this.userKey = LookupKey.of(tenantId, userNameLower);
    this.externalKey = LookupKey.of(tenantId, externalId);
    this.displayName = fields.displayName();
    this.givenName = fields.givenName();
    this.familyName = fields.familyName();
    this.nickName = fields.nickName();
    this.title = fields.title();
    this.userType = fields.userType();
    this.preferredLanguage = fields.preferredLanguage();
    this.locale = fields.locale();
    this.timezone = fields.timezone();
    this.active = fields.active();
    this.email = fields.email();
    this.emailLower = fields.email() == null ? null : fields.emailLower();
    this.accountName = fields.accountName();
    this.userPrincipalName = fields.userPrincipalName();
    this.employeeNumber = fields.employeeNumber();
    this.costCenter = fields.costCenter();
    this.organization = fields.organization();
    this.division = fields.division();
    this.department = fields.department();
    this.managerId = fields.managerId();
    this.searchText = searchText(userName, email, displayName, externalId);
    this.resourceJson = resourceJson;
    this.status = fields.active() ? UserStatus.ACTIVE : UserStatus.INACTIVE;
    this.lastModified = now;
  }

  /**
   * What the console's user search looks in, lower case: userName, email, display name and
   * externalId, separated by spaces (as the migration's CONCAT_WS backfills it); a search for a
   * fragment is LIKE '%fragment%' over this one column, which PostgreSQL indexes with trigrams.
   */
  public static String searchText(String userName, String email, String displayName, String externalId) {
    var text = new StringBuilder();
    for (String part : new String[] {userName, email, displayName, externalId}) {
      if (part == null) continue;
      if (text.length() > 0) text.append(' ');
      text.append(part.toLowerCase(java.util.Locale.ROOT));
    }
    return text.toString();
  }

  /** The classification a mapping gave the account when it was created. */
  public void classify(String mappingId, String profileId, String regionId, int quotaGb) {
    this.mappingId = mappingId;
    this.profileId = profileId;
    this.regionId = regionId;
    this.quotaGb = quotaGb;
  }

  /**
   * The row of an account this request makes, column by column, for an insert sent without the
   * persistence context (UserStore#inserts): the account is written at version 1, as a persist
   * would write it.
   */
  public Map<String, Object> newRow() {
    if (!created) throw new IllegalStateException("only a new account is inserted");
    version = 1;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("tenant_id", tenantId);
    row.put("status", status.name());
    row.put("user_name", userName);
    row.put("user_name_lower", userNameLower);
    row.put("external_id", externalId);
    row.put("user_key", userKey);
    row.put("external_key", externalKey);
    row.put("display_name", displayName);
    row.put("given_name", givenName);
    row.put("family_name", familyName);
    row.put("nick_name", nickName);
    row.put("title", title);
    row.put("user_type", userType);
    row.put("preferred_language", preferredLanguage);
    row.put("locale", locale);
    row.put("timezone", timezone);
    row.put("active", active);
    row.put("email", email);
    row.put("email_lower", emailLower);
    row.put("search_text", searchText);
    row.put("account_name", accountName);
    row.put("user_principal_name", userPrincipalName);
    row.put("employee_number", employeeNumber);
    row.put("cost_center", costCenter);
    row.put("organization", organization);
    row.put("division", division);
    row.put("department", department);
    row.put("manager_id", managerId);
    row.put("profile_id", profileId);
    row.put("region_id", regionId);
    row.put("mapping_id", mappingId);
    row.put("quota_gb", quotaGb);
    row.put("resource_json", resourceJson);
    row.put("created_at", createdAt);
    row.put("last_modified", lastModified);
    row.put("version", version);
    return row;
  }

  public String getProfileId() {
    return profileId;
  }

  public String getRegionId() {
    return regionId;
  }

  public String getMappingId() {
    return mappingId;
  }

  public Integer getQuotaGb() {
    return quotaGb;
  }

  public void preserve(Instant now) {
    this.status = UserStatus.PRESERVED;
    this.lastModified = now;
  }

  @Override
  public String getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public UserStatus getStatus() {
    return status;
  }

  public String getUserName() {
    return userName;
  }

  public String getExternalId() {
    return externalId;
  }

  public String getDisplayName() {
    return displayName;
  }

  public boolean isActive() {
    return active;
  }

  /** Whether this request made the account: it is in no group, and nothing needs to look. */
  public boolean isCreatedHere() {
    return created;
  }

  /** Records the groups read in the same statement as the account ({@link #WITH_GROUPS}). */
  public void groupsRead(String groups) {
    this.groupsRead = true;
    this.groups = groups;
  }

  /** Whether the groups came with the account, so nothing needs to look them up. */
  public boolean hasGroupsRead() {
    return groupsRead;
  }

  /** The groups read with the account, in the groups' component's form (null: none). */
  public String getGroupsRead() {
    return groups;
  }

  public String getUserKey() {
    return userKey;
  }

  public String getEmailLower() {
    return emailLower;
  }

  public String getEmail() {
    return email;
  }

  public String getAccountName() {
    return accountName;
  }

  public String getUserPrincipalName() {
    return userPrincipalName;
  }

  public String getResourceJson() {
    return resourceJson;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getLastModified() {
    return lastModified;
  }

  @Override
  public long getVersion() {
    return version;
  }
}
