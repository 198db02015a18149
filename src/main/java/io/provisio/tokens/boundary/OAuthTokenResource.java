package io.provisio.tokens.boundary;

import io.provisio.platform.ClientAddress;
import io.provisio.tokens.control.OAuthClients;
import io.provisio.tokens.control.OAuthClients.GrantRefused;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** The OAuth 2.0 token endpoint for the client-credentials grant (RFC 6749 §4.4, §5). */
@Path("token")
@Tag(name = "OAuth")
public class OAuthTokenResource {

  /** RFC 6749 §5.1. */
  public record AccessToken(
      @Schema(description = "Use as Authorization: Bearer … on /scim/v2") String access_token,
      @Schema(enumeration = "Bearer") String token_type,
      @Schema(description = "Seconds until it expires") long expires_in) {}

  @Inject OAuthClients clients;
  @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest request;

  /** RFC 6749 §4.4.2: client authenticated by HTTP Basic or by form fields (§2.3.1). */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Exchange an OAuth client's id and secret for a SCIM access token")
  @APIResponseSchema(value = AccessToken.class, responseCode = "200")
  public Response token(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      MultivaluedMap<String, String> form) {
    for (var parameter : form.entrySet()) {
      if (parameter.getValue().size() > 1) { // RFC 6749 §3.2: "MUST NOT be included more than once"
        return error("invalid_request", 400, "The parameter " + parameter.getKey().replaceAll("[^A-Za-z0-9_]", "")
            + " is given more than once.", false);
      }
    }
    String grantType = form.getFirst("grant_type");
    String clientId = form.getFirst("client_id");
    String secret = form.getFirst("client_secret");
    boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    if (basic) {
      String[] credentials = basicCredentials(authorization.substring(6).trim());
      if (credentials == null) {
        return error("invalid_client", 401, "Malformed Basic credentials.", true);
      }
      if (clientId != null || secret != null) {
        return error(
            "invalid_request", 400, "Use one client authentication method, not two.", false);
      }
      clientId = credentials[0];
      secret = credentials[1];
    }
    if (grantType == null) {
      return error("invalid_request", 400, "grant_type is required.", false);
    }
    if (!"client_credentials".equals(grantType)) {
      return error(
          "unsupported_grant_type", 400, "Only grant_type=client_credentials is supported.", false);
    }
    if (clientId == null || secret == null) {
      return error("invalid_client", 401, "Client authentication is required.", basic);
    }
    try {
      var issued = clients.grant(clientId, secret, ClientAddress.of(request));
      long expiresIn = Duration.between(issued.createdAt(), issued.expiresAt()).toSeconds();
      return noStore(
          Response.ok(
              ScimJson.objectBuilder()
                  .add("access_token", issued.token())
                  .add("token_type", "Bearer")
                  .add("expires_in", expiresIn)
                  .build()
                  .toString(),
              MediaType.APPLICATION_JSON_TYPE));
    } catch (GrantRefused refused) {
      return error(refused.error(), refused.status(), refused.getMessage(), basic);
    } catch (EJBException e) {
      if (e.getCause() instanceof GrantRefused refused) {
        return error(refused.error(), refused.status(), refused.getMessage(), basic);
      }
      throw e;
    }
  }

  /** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are put into Basic. */
  private static String[] basicCredentials(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      return new String[] {
        URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
      };
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static Response error(String error, int status, String description, boolean viaBasic) {
    var response =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(
                ScimJson.objectBuilder()
                    .add("error", error)
                    .add("error_description", description)
                    .build()
                    .toString());
    if (status == 401) {
      // RFC 6749 §5.2: a challenge for the client authentication scheme
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Provisio OAuth\"");
    }
    return noStore(response);
  }

  private static Response noStore(Response.ResponseBuilder builder) {
    return builder.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
  }
}
