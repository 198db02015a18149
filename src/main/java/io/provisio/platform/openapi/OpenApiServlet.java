package io.provisio.platform.openapi;

import io.provisio.scim.control.ScimJson;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * GET /openapi from the WAR itself: the document {@link OpenApiDocument} wrote at build time, as
 * JSON ({@code application/json}, the default) or YAML ({@code application/yaml}: ask with
 * {@code Accept: application/yaml} or {@code ?format=yaml}); /openapi.json and /openapi.yaml name
 * the format in the path. Payara Micro's own MicroProfile OpenAPI endpoint is switched off in its
 * server-config, so this servlet answers there too; servers that keep theirs (Payara Server, Open
 * Liberty) serve the same static file (META-INF/openapi.json, scanning off).
 */
@WebServlet({"/openapi", "/openapi.json", "/openapi.yaml"})
public class OpenApiServlet extends HttpServlet {

  static final String DOCUMENT = "META-INF/openapi.json";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try (var in = OpenApiServlet.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Vary", "Accept");
      if (wantsYaml(request)) {
        var document = ScimJson.provider().createReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readObject();
        response.setContentType("application/yaml");
        response.getWriter().write(Yaml.write(document));
        return;
      }
      response.setContentType("application/json");
      in.transferTo(response.getOutputStream());
    }
  }

  static boolean wantsYaml(HttpServletRequest request) {
    String path = request.getServletPath();
    if (path.endsWith(".json")) return false;
    if (path.endsWith(".yaml")) return true;
    String format = request.getParameter("format");
    if (format != null) return format.equalsIgnoreCase("yaml") || format.equalsIgnoreCase("yml");
    String accept = request.getHeader("Accept");
    if (accept == null) return false;
    String lower = accept.toLowerCase(Locale.ROOT);
    int yaml = Math.max(lower.indexOf("yaml"), lower.indexOf("yml"));
    int json = lower.indexOf("json");
    return yaml >= 0 && (json < 0 || yaml < json);
  }
}
