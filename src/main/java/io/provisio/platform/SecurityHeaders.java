package io.provisio.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The one place that sets the security headers of every answer, whatever produced it (console
 * files, admin API, SCIM, OAuth, health, errors):
 *
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, and a
 *       Content-Security-Policy that forbids framing ({@code frame-ancestors 'none'}, which a
 *       {@code <meta>} tag cannot say) and anything but the console's own scripts and styles;
 *   <li>{@code Cache-Control: no-store} on everything but the console's static files: API and SCIM
 *       answers carry personal data, tokens, secrets or CSRF tokens;
 *   <li>{@code Strict-Transport-Security} when the client came over HTTPS (directly, or through a
 *       trusted proxy: {@link ClientAddress});
 *   <li>no {@code Server} or {@code X-Powered-By} banner.
 * </ul>
 */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeaders extends HttpFilter {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    if (!path.startsWith("/console/") || path.endsWith(".html") || path.equals("/console/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    if (ClientAddress.isSecure(request)) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    response.setHeader("X-Powered-By", null);
    response.setHeader("Server", ""); // an empty value: the container then sends no banner of its own
    chain.doFilter(request, response);
  }
}
