package io.provisio.audit.boundary;

import jakarta.enterprise.context.RequestScoped;

/**
 * What a SCIM write has learnt about its subject so far (who, which mapping), so that a failure
 * can be logged with it after the call's transaction was rolled back (why it failed comes with the
 * error: ProvisioningFailures).
 */
@RequestScoped
public class ProvisioningContext {

  private String operation;
  private String tenantId;
  private String userId;
  private String userName;
  private String email;
  private String mappingName;
  private boolean logged;

  /** A SCIM write of this tenant starts. */
  public void operation(String operation, String tenantId) {
    this.operation = operation;
    this.tenantId = tenantId;
  }

  public void subject(String userId, String userName, String email) {
    if (userId != null) this.userId = userId;
    if (userName != null) this.userName = userName;
    if (email != null) this.email = email;
  }

  public void mapping(String mappingName) {
    this.mappingName = mappingName;
  }

  /** The call was already logged (an authentication refusal, or a success). */
  public void logged() {
    this.logged = true;
  }

  public String operation() { return operation; }
  public String tenantId() { return tenantId; }
  public String userId() { return userId; }
  public String userName() { return userName; }
  public String email() { return email; }
  public String mappingName() { return mappingName; }
  public boolean isLogged() { return logged; }
}
