package io.provisio.tokens.boundary;

import io.provisio.platform.DatabaseOutage;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure of the token endpoint as an RFC 6749 §5.2 error body; nothing internal leaks. */
@Provider
public class OAuthErrors implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(OAuthErrors.class.getName());

  @Override
  public jakarta.ws.rs.core.Response toResponse(Throwable e) {
    if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
      int status = web.getResponse().getStatus();
      String description =
          switch (status) {
            case 405 -> "Use POST.";
            case 415 -> "Send the request as application/x-www-form-urlencoded.";
            case 404 -> "The token endpoint is /oauth/token.";
            default -> "The request is not a valid token request.";
          };
      return OAuthTokenResource.error("invalid_request", status, description, false);
    }
    if (DatabaseOutage.is(e)) {
      DatabaseOutage.refused(e);
      // RFC 6749 §5.2 has no code for this; "temporarily_unavailable" is the authorization
      // endpoint's (§4.1.2.1) and is what clients understand as "retry later"
      return jakarta.ws.rs.core.Response.fromResponse(
              OAuthTokenResource.error(
                  "temporarily_unavailable", 503, DatabaseOutage.ADMIN_MESSAGE, false))
          .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
          .build();
    }
    LOG.log(Level.SEVERE, "Token endpoint failure", e);
    return OAuthTokenResource.error("server_error", 500, "The token could not be issued.", false);
  }
}
