package io.provisio.audit.control;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimType;
import jakarta.ejb.ApplicationException;

/** A SCIM error with the reason code the provisioning log records for it. */
@ApplicationException(rollback = true)
public class ProvisioningRefusal extends ScimException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public ProvisioningRefusal(int status, ScimType scimType, String reason, String detail) {
    super(status, scimType, detail);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
