package io.provisio.tenants.boundary;

import io.provisio.platform.ApiExceptionMappers;
import io.provisio.platform.ClientAddress;
import io.provisio.platform.DatabaseOutage;
import io.provisio.platform.FilterErrors;
import io.provisio.tenants.control.AdminIdentity;
import io.provisio.tenants.control.ApiTokens;
import io.provisio.tenants.control.ConsoleSessions;
import io.provisio.tenants.control.SignIns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;

/**
 * The application's single authentication mechanism (Jakarta EE allows one). For the admin API it
 * reads HTTP Basic credentials ({@code email:password}) or a personal API token ({@code Bearer
 * prva_…}, {@link ApiTokens}); a signed-in console session is recognised
 * by its row in the database, as long as it is open and its administrator active, with the
 * administrator's current role (see {@link ConsoleSessions}). SCIM calls carry bearer tokens, which the SCIM boundary checks itself, so
 * this mechanism leaves them alone.
 *
 * <p>It never answers a request itself: a refused sign-in continues anonymously with the reason in
 * a request attribute, and the role check of the called resource turns that into a 401 JSON body.
 */
@ApplicationScoped
public class AdministratorAuthentication implements HttpAuthenticationMechanism {

  /** Request/session attribute holding the {@link AdminIdentity} of the signed-in caller. */
  public static final String IDENTITY = "provisio.admin";

  /** Request attribute holding this request's sign-in outcome. */
  private static final String OUTCOME = "provisio.signin.outcome";

  /** Session attribute holding the id of the session's {@code console_session} row. */
  public static final String SESSION = "provisio.session";

  @Inject SignIns signIns;
  @Inject ConsoleSessions sessions;
  @Inject ApiTokens apiTokens;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/api/")) {
      return context.doNothing();
    }
    try {
      var status = authenticate(request, response, context);
      if (status == AuthenticationStatus.NOT_DONE && context.isProtected() && !context.isAuthenticationRequest()) {
        return refuse(request, response);
      }
      return status;
    } catch (RuntimeException e) {
      if (DatabaseOutage.is(e)) {
        DatabaseOutage.refused(e);
        return answer(request, response, 503, DatabaseOutage.ADMIN_MESSAGE, DatabaseOutage.RETRY_AFTER_SECONDS);
      }
      String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
      java.util.logging.Logger.getLogger(AdministratorAuthentication.class.getName())
          .log(java.util.logging.Level.SEVERE, "Sign-in check failed, reference " + reference, e);
      return answer(request, response, 500, "The sign-in could not be checked because of an internal error"
          + " (reference " + reference + ").", 0);
    }
  }

  private AuthenticationStatus authenticate(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return basic(header.substring(6).trim(), request, response, context);
    }
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      // a personal API token: one indexed read of its SHA-256, no password hash
      var identity = apiTokens.check(header.substring(7).trim());
      if (identity.isPresent()) {
        return signIn(identity.get(), request, context);
      }
      request.setAttribute(ApiExceptionMappers.AUTH_FAILURE,
          "The API token is unknown or revoked: create a new one under /api/v1/me/api-tokens.");
      return context.doNothing();
    }
    var session = request.getSession(false);
    if (header == null
        && session != null
        && session.getAttribute(IDENTITY) instanceof AdminIdentity identity) {
      var current = sessions.current((String) session.getAttribute(SESSION));
      if (current.isPresent() && current.get().id().equals(identity.id())) {
        // the account as it is now: a role changed through any instance applies at once
        return signIn(current.get(), request, context);
      }
      // signed out through another instance, past its longest life, or ended by a change of the
      // account (removed, disabled, new role, new password)
      session.invalidate();
      request.setAttribute(ApiExceptionMappers.AUTH_FAILURE, "Your console session has ended; sign in again.");
    }
    return context.doNothing();
  }

  private AuthenticationStatus basic(
      String encoded, HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      request.setAttribute(
          ApiExceptionMappers.AUTH_FAILURE, "The Basic credentials are not valid Base64.");
      return context.doNothing();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      request.setAttribute(
          ApiExceptionMappers.AUTH_FAILURE, "Basic credentials must be email:password.");
      return context.doNothing();
    }
    // The container may ask the mechanism twice for one request (after a refused role check):
    // the password is checked, and a failure counted, once per request.
    var outcome = (SignIns.Outcome) request.getAttribute(OUTCOME);
    if (outcome == null) {
      outcome = signIns.attempt(decoded.substring(0, colon), decoded.substring(colon + 1), ClientAddress.of(request));
      request.setAttribute(OUTCOME, outcome);
    }
    if (outcome.status() == 429 || outcome.status() == 503) {
      return answer(request, response, outcome.status(), outcome.refusal(), outcome.retryAfterSeconds());
    }
    if (outcome.identity() == null) {
      request.setAttribute(ApiExceptionMappers.AUTH_FAILURE, outcome.refusal());
      return context.doNothing();
    }
    return signIn(outcome.identity(), request, context);
  }

  /**
   * The container requires a caller for this request ({@code isProtected()}) and nobody could be
   * signed in: answered with the admin API's 401 (message and challenge as {@link
   * ApiExceptionMappers} words them), as the standard BASIC mechanism answers a protected request
   * without credentials, and SEND_FAILURE tells the container that the mechanism has answered.
   * Open Liberty asks so (HttpServletRequest.authenticate) when a {@code @RolesAllowed} resource
   * method is called anonymously; doing nothing would make it answer 403 with a page of its own.
   * Payara's own @RolesAllowed filter asks as an authentication request ({@code
   * isAuthenticationRequest()}) and answers the refusal itself: there the mechanism keeps doing
   * nothing, and ApiExceptionMappers answers, as before.
   */
  private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response) {
    String challenge = ApiExceptionMappers.basicChallenge(request);
    if (challenge != null) {
      response.setHeader("WWW-Authenticate", challenge);
    }
    try {
      FilterErrors.write(request, response, 401, ApiExceptionMappers.unauthorizedMessage(request));
    } catch (java.io.IOException clientGone) {
      // nothing to answer to
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  /**
   * Answers itself when the sign-in cannot be checked (503 while the database is away or every
   * password check is busy, 429 while the caller's address backs off): the admin
   * API's error body is written and committed, and SEND_CONTINUE tells the container that the
   * mechanism has answered.
   */
  private static AuthenticationStatus answer(
      HttpServletRequest request, HttpServletResponse response, int status, String message, long retryAfterSeconds) {
    try {
      if (retryAfterSeconds > 0) {
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
      }
      FilterErrors.write(request, response, status, message);
      response.flushBuffer();
      // The exchange is complete, request and answer: no container adds to it. (WildFly would
      // otherwise send an error page on top of the committed answer and log, with a stack trace,
      // that it cannot.) The request's body, unread, is read to its end first, up to 1 MiB.
      skipBody(request);
      response.getWriter().close();
    } catch (java.io.IOException clientGone) {
      // nothing to answer to
    }
    return AuthenticationStatus.SEND_CONTINUE;
  }

  private static void skipBody(HttpServletRequest request) throws java.io.IOException {
    try {
      var body = request.getInputStream();
      byte[] skipped = new byte[8192];
      for (long left = 1 << 20; left > 0; ) {
        int read = body.read(skipped);
        if (read < 0) {
          return;
        }
        left -= read;
      }
    } catch (IllegalStateException readAsText) {
      // the body was read already
    }
  }

  static AuthenticationStatus signIn(
      AdminIdentity identity, HttpServletRequest request, HttpMessageContext context) {
    request.setAttribute(IDENTITY, identity);
    Principal principal = identity::email;
    return context.notifyContainerAboutLogin(principal, identity.role().grantedRoles());
  }
}
