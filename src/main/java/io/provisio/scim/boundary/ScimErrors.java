package io.provisio.scim.boundary;

import io.provisio.scim.control.ScimException;
import io.provisio.scim.control.ScimJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The SCIM error body of RFC 7644 §3.12, with {@code status} as a string. */
public final class ScimErrors {

  public static final String SCIM_JSON = "application/scim+json";
  public static final MediaType SCIM_JSON_TYPE = MediaType.valueOf(SCIM_JSON);
  public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

  private ScimErrors() {}

  public static Response.ResponseBuilder builder(int status, String scimType, String detail) {
    var body =
        ScimJson.objectBuilder()
            .add("schemas", ScimJson.arrayBuilder().add(ERROR_SCHEMA))
            .add("status", String.valueOf(status));
    if (scimType != null) {
      body.add("scimType", scimType);
    }
    if (detail != null) {
      body.add("detail", detail);
    }
    var response = Response.status(status).type(SCIM_JSON_TYPE).entity(body.build().toString());
    if (status == 503) {
      // RFC 7231 §7.1.3: Okta and Entra ID back off and retry on 503 with Retry-After
      response.header("Retry-After", "120");
    }
    return response;
  }

  public static Response response(int status, String scimType, String detail) {
    return builder(status, scimType, detail).build();
  }

  /** 503 with the caller's wait in {@code Retry-After} (the default above suits an unhealthy region). */
  public static Response unavailable(int retryAfterSeconds, String detail) {
    return builder(503, null, detail)
        .header("Retry-After", null)
        .header("Retry-After", String.valueOf(retryAfterSeconds))
        .build();
  }

  public static Response response(ScimException e) {
    return response(
        e.status(), e.scimType() == null ? null : e.scimType().wireName(), e.detail());
  }
}
