package io.provisio.platform.health;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET /health (and /health/ready, /health/live) from the WAR itself, in MicroProfile Health's
 * format: 200 {"status":"UP",…} or 503 {"status":"DOWN",…}, the same on every server. Payara
 * leaves /health to an application at / that maps it (this one), GlassFish has no MicroProfile
 * Health and WildFly's is on its management port: they are answered here. Open Liberty's
 * MicroProfile Health serves /health ahead of the WAR, with the same check ({@link
 * DatabaseReadiness}).
 */
@WebServlet({"/health", "/health/ready", "/health/live"})
public class HealthServlet extends HttpServlet {

  @Inject DatabaseCheck database;
  @Inject WarmUp warmUp;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean liveness = request.getServletPath().equals("/health/live");
    var checks = Json.createArrayBuilder();
    boolean up = true;
    if (!liveness) { // alive means the WAR answers; ready (and /health) needs the database too
      var outcome = database.check();
      up = outcome.up();
      var data = Json.createObjectBuilder();
      outcome.data().forEach(data::add);
      checks.add(Json.createObjectBuilder().add("name", DatabaseCheck.NAME)
          .add("status", up ? "UP" : "DOWN").add("data", data));
      // the first probe of readiness (/health/ready or /health) that finds the database up starts
      // the warm-up (WarmUp): not ready until it ends
      var warming = up ? warmUp.startOnce(request) : warmUp.current();
      if (warming != null) {
        up &= warming.done();
        checks.add(Json.createObjectBuilder().add("name", "warm-up").add("status", warming.done() ? "UP" : "DOWN")
            .add("data", Json.createObjectBuilder().add("calls", warming.calls()).add("unexpected", warming.failed())));
      }
    }
    response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(Json.createObjectBuilder().add("status", up ? "UP" : "DOWN")
        .add("checks", checks).build().toString());
  }
}
