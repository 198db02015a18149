package io.provisio.tenants.boundary;

import io.provisio.platform.JsonFields;
import io.provisio.platform.ApiError;
import io.provisio.platform.ClientAddress;
import io.provisio.platform.Mail;
import io.provisio.tenants.control.AdminIdentity;
import io.provisio.tenants.control.ConsoleSessions;
import io.provisio.tenants.control.SignIns;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBodySchema;
import io.provisio.tenants.entity.Role;

/**
 * The console's session: sign in with email and password (the same checks and backoff as HTTP
 * Basic), read who is signed in with the CSRF token the console sends on every change, sign out.
 * The session cookie is HttpOnly and SameSite=Strict (web.xml; sent again by sign-in where the
 * container ignores SameSite), and Secure over HTTPS.
 */
@Path("v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
public class SessionResource {

  public record SignIn(
      @Schema(required = true, example = "alice@acme.example") String email,
      @Schema(required = true, example = "correct horse battery") String password) {}

  /** Who is signed in; only signedIn (false) when nobody is. */
  public record SessionView(
      @Schema(required = true) boolean signedIn,
      String email,
      Role role,
      @Schema(description = "Send it as X-CSRF-Token on every change") String csrfToken,
      @Schema(description = "Whether mail can go out at all") Boolean mailConfigured,
      @Schema(nullable = true, description = "null for a platform operator") String tenantId) {}

  /** Session attribute holding the CSRF token of the console session. */
  public static final String CSRF = "provisio.csrf";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject SignIns signIns;
  @Inject ConsoleSessions sessions;
  @Context HttpServletRequest request;

  @POST
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign in to the console: {email, password} → the identity and a CSRF token")
  @APIResponseSchema(value = SessionView.class, responseCode = "200")
  public Response signIn(@JsonFields({"email", "password"}) @RequestBodySchema(SignIn.class) JsonObject body) {
    String email = body == null ? null : text(body, "email");
    String password = body == null ? null : text(body, "password");
    if (email == null || password == null) {
      return ApiError.response(400, "Give your email and password.", email == null ? "email" : "password");
    }
    var outcome = signIns.attempt(email, password, ClientAddress.of(request));
    if (outcome.identity() == null) {
      var refusal = ApiError.response(outcome.status(), outcome.refusal(), null);
      return outcome.retryAfterSeconds() > 0
          ? Response.fromResponse(refusal).header("Retry-After", outcome.retryAfterSeconds()).build()
          : refusal;
    }
    var old = request.getSession(false);
    if (old != null) {
      sessions.close((String) old.getAttribute(AdministratorAuthentication.SESSION));
      old.invalidate(); // a new session id at sign-in: no session fixation
    }
    var session = request.getSession(true);
    session.setAttribute(AdministratorAuthentication.SESSION, sessions.open(outcome.identity()));
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    session.setAttribute(AdministratorAuthentication.IDENTITY, outcome.identity());
    session.setAttribute(CSRF, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    var answer = Response.ok(view(outcome.identity(), (String) session.getAttribute(CSRF)));
    var cookieConfig = request.getServletContext().getSessionCookieConfig();
    boolean tlsAtProxy = ClientAddress.isSecure(request) && !request.isSecure();
    boolean sameSiteIgnored = !"Strict".equalsIgnoreCase(cookieConfig.getAttribute("SameSite"));
    if (tlsAtProxy || sameSiteIgnored) {
      // The container's session cookie would miss an attribute, so it is sent again, complete (a
      // browser keeps the last of two cookies of one name): HTTPS ended at a trusted proxy, where
      // the container saw plain HTTP and would not mark it Secure; or the container ignores
      // web.xml's SameSite attribute (GlassFish 7 does, and its session cookie configuration
      // then carries no SameSite).
      String name = cookieConfig.getName();
      String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
      answer.header("Set-Cookie", (name == null ? "JSESSIONID" : name) + "=" + session.getId()
          + "; Path=" + path + (ClientAddress.isSecure(request) ? "; Secure" : "") + "; HttpOnly; SameSite=Strict");
    }
    return answer.build();
  }

  @GET
  @PermitAll
  @Operation(summary = "Who is signed in to this console session; {\"signedIn\":false} when nobody is")
  @APIResponseSchema(SessionView.class)
  public Response current() {
    var session = request.getSession(false);
    // the identity the authentication mechanism just read from the session's row: current role
    if (session == null
        || !(session.getAttribute(AdministratorAuthentication.IDENTITY) instanceof AdminIdentity)
        || !(request.getAttribute(AdministratorAuthentication.IDENTITY) instanceof AdminIdentity identity)) {
      if (request.getHeader("Authorization") != null) {
        // credentials were given and refused: that stays an error
        return ApiError.response(401, "Not signed in.", null);
      }
      // a browser that is simply not signed in (yet, or any more) asks a question, not an error:
      // a 401 here would be logged in the browser's console on every signed-out page load
      return Response.ok(ScimJson.objectBuilder().add("signedIn", false).build()).build();
    }
    return Response.ok(view(identity, (String) session.getAttribute(CSRF))).build();
  }

  @DELETE
  @PermitAll
  @Operation(summary = "Sign out of the console")
  public Response signOut() {
    var session = request.getSession(false);
    if (session != null) {
      sessions.close((String) session.getAttribute(AdministratorAuthentication.SESSION));
      if (session.getAttribute(AdministratorAuthentication.IDENTITY) instanceof AdminIdentity identity) {
        signIns.signedOut(identity, ClientAddress.of(request));
      }
      session.invalidate();
    }
    return Response.noContent().build();
  }

  private static JsonObject view(AdminIdentity identity, String csrf) {
    var view = ScimJson.objectBuilder()
        .add("signedIn", true)
        .add("email", identity.email())
        .add("role", identity.role().name())
        .add("csrfToken", csrf)
        // whether mail can go out at all: the console must not say an email is "sent" when none can be
        .add("mailConfigured", Mail.isConfigured());
    if (identity.tenantId() != null) view.add("tenantId", identity.tenantId());
    else view.addNull("tenantId");
    return view.build();
  }

  private static String text(JsonObject body, String name) {
    return body.get(name) instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
  }
}
