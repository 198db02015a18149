package io.provisio.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Errors that no part of Provisio answered itself (an unknown path, a method the container
 * refuses, a failure before the application is reached) as a short JSON body — a SCIM error under
 * /scim — instead of the server's HTML error page, which names the server and its version.
 * Registered for every status in web.xml.
 */
@WebServlet("/error")
public class ErrorPages extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i && i >= 400 ? i : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? request.getRequestURI() : uri.toString();
    String relative = path.startsWith(request.getContextPath()) ? path.substring(request.getContextPath().length()) : path;
    String message =
        switch (status) {
          case 404 -> "Not found. The console is at /console/, the admin API at /api/v1, SCIM at /scim/v2.";
          case 405 -> "This method is not allowed here.";
          case 400 -> "The request is not valid.";
          default -> status >= 500 ? "The request could not be completed." : "The request was refused.";
        };
    response.resetBuffer();
    FilterErrors.write(relative, response, status, message);
  }
}
