package io.provisio.platform;

import io.provisio.scim.control.ScimJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON error body of the admin API: {"status", "message", "field"}. */
public final class ApiError {

  private ApiError() {}

  public static Response response(int status, String message, String field) {
    var body = ScimJson.objectBuilder().add("status", status).add("message", message);
    if (field != null) {
      body.add("field", field);
    }
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body.build().toString())
        .build();
  }
}
