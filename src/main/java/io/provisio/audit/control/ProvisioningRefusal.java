package io.provisio.audit.control;

import io.provisio.scim.control.ScimException;
import jakarta.ejb.ApplicationException;

/** A SCIM write refused for a reason of the catalogue, which the provisioning log records. */
@ApplicationException(rollback = true)
public class ProvisioningRefusal extends ScimException {

  private static final long serialVersionUID = 1L;

  private final ProvisioningOutcome outcome;
  private final String mappingName;
  private final String testedValues;

  public ProvisioningRefusal(ProvisioningOutcome outcome, String detail) {
    this(outcome, detail, null);
  }

  /** A refusal of the placement a mapping chose (its region unhealthy, its profile full). */
  public ProvisioningRefusal(ProvisioningOutcome outcome, String detail, String mappingName) {
    this(outcome, detail, mappingName, null);
  }

  /**
   * A refusal with what the log keeps of it for the provisioning doctor: for NO_MAPPING_MATCHED the
   * values the user had for the attributes the mappings tested (a JSON object), so a proposed
   * order can be replayed against recent failures.
   */
  public ProvisioningRefusal(ProvisioningOutcome outcome, String detail, String mappingName, String testedValues) {
    super(outcome.status(), outcome.scimType(), detail);
    this.outcome = outcome;
    this.mappingName = mappingName;
    this.testedValues = testedValues;
  }

  public ProvisioningOutcome outcome() {
    return outcome;
  }

  /** What the mappings tested, as a JSON object, or null. */
  public String testedValues() {
    return testedValues;
  }

  /** The mapping whose placement was refused, or null. */
  public String mappingName() {
    return mappingName;
  }
}
