package io.provisio.mappings.entity;

import io.provisio.platform.Ids;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * An ordered rule that classifies new users: a criterion (all users, or an attribute path with
 * values) and a configuration (region, profile, quota, activation email). The criterion never
 * changes after creation.
 */
@Entity
@Table(name = "mapping")
public class Mapping {

  @Id private String id;

  @Column(name = "tenant_id")
  private String tenantId;

  private String name;
  private int priority;

  @Column(name = "all_users")
  private boolean allUsers;

  @Column(name = "criterion_attribute")
  private String criterionAttribute;

  @Column(name = "criterion_values")
  private String criterionValues;

  @Column(name = "region_id")
  private String regionId;

  @Column(name = "profile_id")
  private String profileId;

  @Column(name = "quota_gb")
  private int quotaGb;

  @Column(name = "send_activation_email")
  private boolean sendActivationEmail;

  @Column(name = "created_at")
  private Instant createdAt;

  @Version private long version;

  protected Mapping() {}

  public Mapping(String tenantId, String name, Criterion criterion, int priority, Instant now) {
    this.id = Ids.newId();
    this.tenantId = tenantId;
    this.name = name;
    this.priority = priority;
    this.allUsers = criterion.allUsers();
    this.criterionAttribute = criterion.attribute();
    if (!criterion.allUsers()) {
      var array = ScimJson.arrayBuilder();
      criterion.values().forEach(array::add);
      this.criterionValues = array.build().toString();
    }
    this.createdAt = now;
  }

  public Criterion criterion() {
    if (allUsers) {
      return Criterion.ALL_USERS;
    }
    JsonArray array = ScimJson.provider().createReader(new StringReader(criterionValues)).readArray();
    return new Criterion(false, criterionAttribute, array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
  }

  public void configure(String regionId, String profileId, int quotaGb, boolean sendActivationEmail) {
    this.regionId = regionId;
    this.profileId = profileId;
    this.quotaGb = quotaGb;
    this.sendActivationEmail = sendActivationEmail;
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

  public void setName(String name) {
    this.name = name;
  }

  public int getPriority() {
    return priority;
  }

  public void setPriority(int priority) {
    this.priority = priority;
  }

  public String getRegionId() {
    return regionId;
  }

  public String getProfileId() {
    return profileId;
  }

  public int getQuotaGb() {
    return quotaGb;
  }

  public boolean isSendActivationEmail() {
    return sendActivationEmail;
  }

  /** Who a mapping applies to: everyone, or users whose attribute holds one of the values. */
  public record Criterion(boolean allUsers, String attribute, List<String> values) {
    public static final Criterion ALL_USERS = new Criterion(true, null, List.of());
  }
}
