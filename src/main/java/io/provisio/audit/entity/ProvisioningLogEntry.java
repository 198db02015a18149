package io.provisio.audit.entity;

import io.provisio.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/** One SCIM write or refused SCIM call, with its outcome and, for failures, reason and remedy. */
@Entity
@Table(name = "provisioning_log")
public class ProvisioningLogEntry {

  @Id private String id;

  @Column(name = "tenant_id")
  private String tenantId;

  private Instant at;
  private String operation;
  private String outcome;
  private String reason;

  @Column(name = "http_status")
  private int httpStatus;

  @Column(name = "user_id")
  private String userId;

  @Column(name = "user_name")
  private String userName;

  @Column(name = "user_name_lower")
  private String userNameLower;

  @Column(name = "email_lower")
  private String emailLower;

  @Column(name = "mapping_name")
  private String mappingName;

  private String detail;
  private String remedy;

  @Column(name = "tested_values")
  private String testedValues;

  protected ProvisioningLogEntry() {}

  public ProvisioningLogEntry(
      String tenantId, Instant at, String operation, boolean success, String reason, int httpStatus,
      String userId, String userName, String email, String mappingName, String detail, String remedy,
      String testedValues) {
    this.id = Ids.newId();
    this.tenantId = tenantId;
    this.at = at;
    this.operation = cut(operation, 200);
    this.outcome = success ? "SUCCESS" : "FAILURE";
    this.reason = reason;
    this.httpStatus = httpStatus;
    this.userId = userId;
    this.userName = cut(userName, 512);
    this.userNameLower = userName == null ? null : cut(userName.toLowerCase(Locale.ROOT), 512);
    this.emailLower = email == null ? null : cut(email.toLowerCase(Locale.ROOT), 320);
    this.mappingName = mappingName;
    this.detail = cut(detail, 2000);
    this.remedy = cut(remedy, 1000);
    this.testedValues = testedValues == null || testedValues.length() > 2000 ? null : testedValues; // JSON: whole or none
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  public String getId() { return id; }
  public String getTenantId() { return tenantId; }
  public Instant getAt() { return at; }
  public String getOperation() { return operation; }
  public String getOutcome() { return outcome; }
  public String getReason() { return reason; }
  public int getHttpStatus() { return httpStatus; }
  public String getUserId() { return userId; }
  public String getUserName() { return userName; }
  public String getUserNameLower() { return userNameLower; }
  public String getEmailLower() { return emailLower; }
  public String getMappingName() { return mappingName; }
  public String getDetail() { return detail; }
  public String getRemedy() { return remedy; }
  /** For NO_MAPPING_MATCHED: the values sent for the attributes the mappings tested, as a JSON object. */
  public String getTestedValues() { return testedValues; }
}
