package io.provisio.audit.control;

import io.provisio.scim.control.ScimException;
import jakarta.ejb.ApplicationException;

/** A SCIM write refused for a reason of the catalogue, which the provisioning log records. */
@ApplicationException(rollback = true)
public class ProvisioningRefusal extends ScimException {

  private static final long serialVersionUID = 1L;

  private final ProvisioningOutcome outcome;

  public ProvisioningRefusal(ProvisioningOutcome outcome, String detail) {
    super(outcome.status(), outcome.scimType(), detail);
    this.outcome = outcome;
  }

  public ProvisioningOutcome outcome() {
    return outcome;
  }
}
