package io.provisio.tokens.boundary;

import jakarta.enterprise.context.RequestScoped;

/** The tenant (and token) a SCIM call was authenticated for; every SCIM query is scoped by it. */
@RequestScoped
public class ScimCaller {

  private String tenantId;
  private String tokenId;

  void authenticated(String tenantId, String tokenId) {
    this.tenantId = tenantId;
    this.tokenId = tokenId;
  }

  public String tenantId() {
    if (tenantId == null) {
      throw new IllegalStateException("SCIM call without an authenticated tenant");
    }
    return tenantId;
  }

  public String tokenId() {
    return tokenId;
  }
}
