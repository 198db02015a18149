package io.provisio.platform.openapi;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET /openapi from the WAR itself: the document {@link OpenApiDocument} wrote at build time, as
 * JSON. Servers with MicroProfile OpenAPI serve /openapi themselves, ahead of the WAR, from the same
 * static file (META-INF/openapi.json, annotation scanning off in microprofile-config.properties);
 * servers without it (GlassFish, WildFly's standard profile) are answered here.
 */
@WebServlet("/openapi")
public class OpenApiServlet extends HttpServlet {

  static final String DOCUMENT = "META-INF/openapi.json";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try (var in = OpenApiServlet.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      in.transferTo(response.getOutputStream());
    }
  }
}
