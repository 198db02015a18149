package io.provisio.audit.control;

import io.provisio.scim.control.ScimType;
import java.util.Arrays;

/**
 * Why a SCIM call failed, as the provisioning log records it: every reason with its HTTP status,
 * its SCIM {@code scimType}, and what an administrator can do about it. A write refuses with
 * {@link ProvisioningRefusal}, naming one of these; any other SCIM error is recorded by its status
 * ({@link #forStatus}). The log stores the name.
 */
public enum ProvisioningOutcome {
  NO_MAPPING_MATCHED(400, ScimType.INVALID_VALUE,
      "Add a mapping whose criterion matches this user, or the recommended \"all users\" mapping at the lowest priority (console: Mappings). The identity provider retries on its next cycle."),
  PROFILE_FULL(403, null,
      "Raise the profile's maximum number of users (console: Profiles), or change the mapping to another profile."),
  REGION_UNHEALTHY(503, null,
      "The storage region is unhealthy; the identity provider retries by itself. If it lasts, point the mapping at a healthy region."),
  EMAIL_TAKEN(409, ScimType.UNIQUENESS,
      "Another account already uses this email address. Correct the user's email in the identity provider."),
  USERNAME_TAKEN(409, ScimType.UNIQUENESS,
      "An account of this tenant already has this userName (perhaps preserved after a deletion). Use another userName, or restore it with the same externalId or email."),
  GROUP_NAME_TAKEN(409, ScimType.UNIQUENESS,
      "A group of this tenant already has this displayName (names are compared ignoring case). Rename one of the groups in the identity provider."),
  TOKEN_EXPIRED(401, null,
      "Generate a new SCIM token (console: Token) and paste it into the identity provider."),
  TOKEN_REVOKED(401, null,
      "The identity provider uses a replaced token: paste the newest SCIM token into it."),
  API_ACCESS_DISABLED(403, null,
      "API access is switched off for this account; ask the platform operator to switch it on."),
  SCIM_NOT_ENABLED(403, null,
      "Set the user-management mode to SCIM (console: Settings, CLOUD_ADMIN)."),
  WRONG_URL(404, null,
      "The identity provider calls a wrong URL with this account's valid token. Set its SCIM base URL to the one the detail names (Okta: SCIM connector base URL; Entra ID: Tenant URL)."),
  INVALID_REQUEST(400, null,
      "The identity provider sent a request Provisio cannot accept; the detail says which attribute. Fix the attribute mapping in the identity provider."),
  NOT_FOUND(404, null,
      "The identity provider refers to a user or group that does not exist (or was deleted); it usually recreates it on its next cycle."),
  CONFLICT(409, null,
      "The request conflicts with the current state of the resource; the detail says how."),
  VERSION_CONFLICT(412, null,
      "The resource changed between the identity provider's read and write; it retries with the current version."),
  INTERNAL_ERROR(500, null,
      "Provisio could not complete the request; the identity provider retries. If it persists, report the reference in the detail.");

  private final int status;
  private final ScimType scimType;
  private final String remedy;

  ProvisioningOutcome(int status, ScimType scimType, String remedy) {
    this.status = status;
    this.scimType = scimType;
    this.remedy = remedy;
  }

  public int status() {
    return status;
  }

  public ScimType scimType() {
    return scimType;
  }

  public String remedy() {
    return remedy;
  }

  /** The reason of a SCIM error that named none. */
  public static ProvisioningOutcome forStatus(int status) {
    return switch (status) {
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      case 412 -> VERSION_CONFLICT;
      default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    };
  }

  /** The remedy of a stored reason (null for none, or for a reason no longer in the catalogue). */
  public static String remedy(String reason) {
    return Arrays.stream(values()).filter(o -> o.name().equals(reason)).findFirst().map(o -> o.remedy).orElse(null);
  }
}
