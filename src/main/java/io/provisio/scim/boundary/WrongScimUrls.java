package io.provisio.scim.boundary;

import io.provisio.scim.control.ScimJson;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Answers a SCIM-looking request outside the SCIM base URL (a wrong prefix or version, such as
 * /scim/v1/Users, /v2/Users or /Users) with a SCIM 404 that names the right base URL: a wrong
 * URL pasted into the IdP is a classic reason why users stop arriving. Each such call is announced
 * as a {@link Call} event, so that the tenant whose token it carries learns of it (its
 * provisioning log); the answer does not depend on the token.
 */
@WebFilter("/*")
public class WrongScimUrls extends HttpFilter {

  /** A SCIM-looking call to a wrong URL: what was called, with which Authorization header, and the right base URL. */
  public record Call(String method, String path, String authorization, String baseUrl) {}

  @Inject Event<Call> calls;

  private static final Pattern SCIM_LIKE =
      Pattern.compile(
          ".*/(users|groups|serviceproviderconfigs?|resourcetypes|schemas|bulk|\\.search|me)(/.*)?$"
              + "|^/scim(/.*)?$",
          Pattern.CASE_INSENSITIVE);

  /** A called path as an answer or a log may show it: at most 100 characters, no control characters or quotes. */
  static String shown(String path) {
    String cut = path.length() > 100 ? path.substring(0, 100) + "…" : path;
    return cut.replaceAll("[\\p{Cntrl}\"\\\\]", "_");
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/scim/v2/") || path.equals("/scim/v2")
        || path.startsWith("/api/") || path.startsWith("/console") || path.startsWith("/oauth/")
        || !SCIM_LIKE.matcher(path).matches()) {
      chain.doFilter(request, response);
      return;
    }
    String base =
        request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
            + request.getContextPath() + "/scim/v2";
    String shown = shown(path);
    String authorization = request.getHeader("Authorization");
    if (authorization != null) {
      calls.fire(new Call(request.getMethod(), shown, authorization, base));
    }
    response.setStatus(404);
    response.setContentType(ScimErrors.SCIM_JSON);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String detail =
        "No SCIM endpoint at "
            + shown
            + ". The SCIM base URL is "
            + base
            + " (Okta: SCIM connector base URL; Entra ID: Tenant URL)"
            + (path.toLowerCase(Locale.ROOT).contains("/v1")
                ? "; Provisio speaks SCIM 2.0 (v2)."
                : ".");
    response
        .getWriter()
        .write(
            ScimJson.objectBuilder()
                .add("schemas", ScimJson.arrayBuilder().add(ScimErrors.ERROR_SCHEMA))
                .add("status", "404")
                .add("detail", detail)
                .build()
                .toString());
  }
}
