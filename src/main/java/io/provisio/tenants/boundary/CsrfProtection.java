package io.provisio.tenants.boundary;

import io.provisio.platform.FilterErrors;
import io.provisio.tenants.control.AdminIdentity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Cross-site request protection for the admin API. Every state-changing call, however it is
 * authenticated:
 *
 * <ul>
 *   <li>with a body, sends it as {@code application/json} (415 otherwise): a cross-site HTML form
 *       can send only form encodings and text/plain;
 *   <li>comes from this site: a browser's {@code Origin} must name this host, and its {@code
 *       Sec-Fetch-Site} must be {@code same-origin} or {@code none} (403 otherwise). API clients
 *       that send neither header are not browsers and pass.
 * </ul>
 *
 * A call authenticated by the console's session cookie must also carry the session's token in
 * {@code X-CSRF-Token}; calls with HTTP Basic carry their own credentials and need none; sign-in
 * itself is exempt from the token (it creates it), and so are password resets (the reset token,
 * not the cookie, authorizes them; a browser may still hold a session when a reset link is opened).
 */
@WebFilter("/api/*")
public class CsrfProtection extends HttpFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!SAFE.contains(request.getMethod())) {
      String refusal = crossSite(request);
      if (refusal != null) {
        FilterErrors.write(request, response, 403, refusal);
        return;
      }
      if (hasBody(request) && !isJson(request.getContentType())) {
        FilterErrors.write(request, response, 415, "Send the body as application/json.");
        return;
      }
    }
    String authorization = request.getHeader("Authorization");
    var session = request.getSession(false);
    boolean sessionCall =
        authorization == null
            && session != null
            && session.getAttribute(AdministratorAuthentication.IDENTITY) instanceof AdminIdentity;
    if (!sessionCall || SAFE.contains(request.getMethod()) || path.equals("/api/v1/session")
        || path.startsWith("/api/v1/password-resets")) {
      chain.doFilter(request, response);
      return;
    }
    String expected = (String) session.getAttribute(SessionResource.CSRF);
    String sent = request.getHeader("X-CSRF-Token");
    if (expected == null || sent == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
      FilterErrors.write(request, response, 403, "Missing or wrong CSRF token: reload the console and try again.");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Why a browser's call comes from another site, or null. */
  private static String crossSite(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
      return "Changes are accepted only from the Provisio console itself, not from another site.";
    }
    String origin = request.getHeader("Origin");
    if (origin != null) {
      String host = request.getHeader("Host");
      String originHost;
      try {
        originHost = java.net.URI.create(origin).getRawAuthority();
      } catch (IllegalArgumentException e) {
        originHost = null;
      }
      if (host == null || originHost == null || !originHost.equalsIgnoreCase(host)) {
        return "Changes are accepted only from the Provisio console itself, not from another site.";
      }
    }
    return null;
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) return false;
    String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

}
