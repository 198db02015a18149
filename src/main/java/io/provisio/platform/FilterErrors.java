package io.provisio.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors written before JAX-RS sees the request (servlet filters, the authentication mechanism): a SCIM error body under
 * {@code /scim/}, the admin API's error body elsewhere. Messages are fixed texts of ours (no
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
    } else {
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message + "\"}");
    }
  }
}
