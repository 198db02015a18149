package io.provisio.tokens.boundary;

import io.provisio.audit.control.ProvisioningLog;
import io.provisio.platform.ClientAddress;
import io.provisio.tokens.control.TokenAddresses;
import io.provisio.scim.boundary.ScimErrors;
import io.provisio.tokens.control.ScimTokens;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates every SCIM call by its bearer token (RFC 6750) and binds it to the token's
 * tenant. Refusals are SCIM errors: 401 with {@code WWW-Authenticate: Bearer} for a missing,
 * unknown, revoked or expired token, 403 when the tenant's API access or SCIM mode is off.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter {

  @Inject ScimTokens tokens;
  @Inject io.provisio.tokens.control.GrantedTokens granted;
  @Inject ScimCaller caller;
  @Inject ProvisioningLog log;
  @Inject java.time.Clock clock;
  @Inject TokenAddresses addresses;
  @Inject io.provisio.platform.health.WarmUp warmUp;
  @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      request.abortWith(
          ScimErrors.builder(
                  401,
                  null,
                  "A bearer token is required: send \"Authorization: Bearer <token>\" with the"
                      + " SCIM token generated in the Provisio console.")
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Provisio SCIM\"")
              .build());
      return;
    }
    String bearer = header.substring(7).trim();
    var check = granted.known(bearer, clock.instant());
    if (check == null && warmUp.admits(bearer, servletRequest)) {
      caller.authenticated(warmUp.tenantId(), null); // the start-up warm-up's own reads (WarmUp)
      return;
    }
    if (check == null) check = tokens.check(bearer);
    if (!check.isGranted()) {
      if (check.tenantId() != null) {
        logRefusal(
            new ProvisioningLog.Event(
                check.tenantId(), request.getMethod() + " /" + request.getUriInfo().getPath(), false,
                check.reason(), check.status(), null, null, null, null, check.detail()));
      }
      var response = ScimErrors.builder(check.status(), null, check.detail());
      if (check.status() == 401) {
        response.header(
            HttpHeaders.WWW_AUTHENTICATE,
            "Bearer realm=\"Provisio SCIM\", error=\"invalid_token\"");
      }
      request.abortWith(response.build());
      return;
    }
    caller.authenticated(check.tenantId(), check.tokenId());
    String address = ClientAddress.of(servletRequest);
    if (TokenAddresses.isNew(check.tokenId(), address)) {
      addresses.record("TOKEN_USED_FROM_NEW_ADDRESS", check.tenantId(), check.tokenId(), address);
    }
    if (ScimTokens.dueForTouch(check.tokenId(), clock.instant())) {
      tokens.touch(check.tokenId());
    }
  }

  /** A refusal is logged for the tenant; a failure to log never turns the refusal into a 500. */
  private void logRefusal(ProvisioningLog.Event event) {
    try {
      log.failure(event);
    } catch (RuntimeException e) {
      if (io.provisio.platform.DatabaseOutage.is(e)) {
        io.provisio.platform.DatabaseOutage.refused(e);
        return;
      }
      java.util.logging.Logger.getLogger(BearerAuthentication.class.getName())
          .log(java.util.logging.Level.WARNING, "A refused SCIM call could not be logged", e);
    }
  }
}
