package io.provisio.audit.control;

import java.util.Map;

/** The reason codes of failed SCIM calls and what an administrator can do about each. */
public final class Reasons {

  private static final Map<String, String> REMEDIES =
      Map.ofEntries(
          Map.entry("NO_MAPPING_MATCHED",
              "Add a mapping whose criterion matches this user, or the recommended \"all users\" mapping at the lowest priority (console: Mappings). The identity provider retries on its next cycle."),
          Map.entry("PROFILE_FULL",
              "Raise the profile's maximum number of users (console: Profiles), or change the mapping to another profile."),
          Map.entry("REGION_UNHEALTHY",
              "The storage region is unhealthy; the identity provider retries by itself. If it lasts, point the mapping at a healthy region."),
          Map.entry("EMAIL_TAKEN",
              "Another account already uses this email address. Correct the user's email in the identity provider."),
          Map.entry("USERNAME_TAKEN",
              "An account of this tenant already has this userName (perhaps preserved after a deletion). Use another userName, or restore it with the same externalId or email."),
          Map.entry("TOKEN_EXPIRED",
              "Generate a new SCIM token (console: Token) and paste it into the identity provider."),
          Map.entry("TOKEN_REVOKED",
              "The identity provider uses a replaced token: paste the newest SCIM token into it."),
          Map.entry("API_ACCESS_DISABLED",
              "API access is switched off for this account; ask the platform operator to switch it on."),
          Map.entry("SCIM_NOT_ENABLED",
              "Set the user-management mode to SCIM (console: Settings, CLOUD_ADMIN)."),
          Map.entry("INVALID_REQUEST",
              "The identity provider sent a request Provisio cannot accept; the detail says which attribute. Fix the attribute mapping in the identity provider."),
          Map.entry("NOT_FOUND",
              "The identity provider refers to a user or group that does not exist (or was deleted); it usually recreates it on its next cycle."),
          Map.entry("VERSION_CONFLICT",
              "The resource changed between the identity provider's read and write; it retries with the current version."),
          Map.entry("INTERNAL_ERROR",
              "Provisio could not complete the request; the identity provider retries. If it persists, report the reference in the detail."));

  private Reasons() {}

  public static String remedy(String reason) {
    return reason == null ? null : REMEDIES.getOrDefault(reason, null);
  }
}
