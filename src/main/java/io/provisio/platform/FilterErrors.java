package io.provisio.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors written before JAX-RS sees the request (servlet filters, the authentication mechanism): a SCIM error body under
 * {@code /scim/}, an OAuth error body under {@code /oauth/}, the admin API's error body elsewhere. Messages are fixed texts of ours (no
 * input is echoed), so they need no JSON escaping.
 */
public final class FilterErrors {

  private FilterErrors() {}

  public static void write(HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    write(request.getRequestURI().substring(request.getContextPath().length()), response, status, message);
  }

  static void write(String path, HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (path.startsWith("/scim/")) {
      response.setContentType("application/scim+json");
      response.getWriter().write("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
          + status + "\",\"detail\":\"" + message + "\"}");
    } else if (path.startsWith("/oauth/")) { // RFC 6749 §5.2, as the token endpoint answers
      String error = status == 429 || status == 503 ? "temporarily_unavailable"
          : status == 401 ? "invalid_client" : "invalid_request";
      response.setContentType("application/json");
      response.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\"" + message + "\"}");
    } else {
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message + "\"}");
    }
  }
}
