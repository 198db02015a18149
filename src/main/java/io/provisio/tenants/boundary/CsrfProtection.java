package io.provisio.tenants.boundary;

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
 * CSRF protection for the console: a state-changing admin API call authenticated by the session
 * cookie must carry the session's token in {@code X-CSRF-Token}. Calls with HTTP Basic carry their
 * own credentials and need no token; sign-in itself is exempt (it creates the token).
 */
@WebFilter("/api/*")
public class CsrfProtection extends HttpFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String authorization = request.getHeader("Authorization");
    var session = request.getSession(false);
    boolean sessionCall =
        authorization == null
            && session != null
            && session.getAttribute(AdministratorAuthentication.IDENTITY) instanceof AdminIdentity;
    if (!sessionCall || SAFE.contains(request.getMethod()) || path.equals("/api/v1/session")) {
      chain.doFilter(request, response);
      return;
    }
    String expected = (String) session.getAttribute(SessionResource.CSRF);
    String sent = request.getHeader("X-CSRF-Token");
    if (expected == null || sent == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
      response.setStatus(403);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write("{\"status\":403,\"message\":\"Missing or wrong CSRF token: reload the console and try again.\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
