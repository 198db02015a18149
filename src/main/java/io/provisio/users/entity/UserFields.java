package io.provisio.users.entity;

import java.util.Locale;

/** The values the service derives from a SCIM user representation (SPEC §3). */
public record UserFields(
    String userName,
    String externalId,
    String displayName,
    String givenName,
    String familyName,
    String nickName,
    String title,
    String userType,
    String preferredLanguage,
    String locale,
    String timezone,
    boolean active,
    String email,
    String accountName,
    String userPrincipalName,
    String employeeNumber,
    String costCenter,
    String organization,
    String division,
    String department,
    String managerId) {

  public String userNameLower() {
    return userName.toLowerCase(Locale.ROOT);
  }

  public String emailLower() {
    return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
  }
}
