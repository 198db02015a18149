package io.provisio.tokens.control;

/**
 * The outcome of checking a SCIM bearer token: the tenant and token it grants, or a refusal with
 * its reason code (for the provisioning log), HTTP status and a detail that tells the IdP's
 * administrator what to do.
 */
public record BearerCheck(
    String tenantId, String tokenId, String reason, int status, String detail) {

  public static BearerCheck granted(String tenantId, String tokenId) {
    return new BearerCheck(tenantId, tokenId, null, 200, null);
  }

  public static BearerCheck refused(String tenantId, String reason, int status, String detail) {
    return new BearerCheck(tenantId, null, reason, status, detail);
  }

  public boolean isGranted() {
    return reason == null;
  }
}
