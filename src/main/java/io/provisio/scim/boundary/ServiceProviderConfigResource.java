package io.provisio.scim.boundary;

import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

/**
 * What this service provider supports (RFC 7643 §5), said truthfully. One instance for the
 * application: the baseline of every SCIM call, it should cost no more than the token check.
 */
@jakarta.enterprise.context.ApplicationScoped
@Path("ServiceProviderConfig")
@Produces({ScimErrors.SCIM_JSON, "application/json"})
public class ServiceProviderConfigResource {

  @Inject
  @ConfigProperty(name = "provisio.scim.max-results", defaultValue = "1000")
  int maxResults;

  /** The document last written, for the base URI it names (one entry: a Host header cannot grow it). */
  private record Written(String baseUri, String json) {}

  private volatile Written last;

  /** RFC 7644 §4: GET /ServiceProviderConfig; the same text for every call through the same base URI. */
  @GET
  @APIResponseSchema(ScimMessages.ServiceProviderConfig.class)
  public String get(@Context UriInfo uri) {
    String base = uri.getBaseUri().toString();
    Written written = last;
    if (written == null || !written.baseUri().equals(base)) {
      written = new Written(base, document(uri).toString());
      last = written;
    }
    return written.json();
  }

  private JsonObject document(UriInfo uri) {
    return ScimJson.objectBuilder()
        .add(
            "schemas",
            ScimJson.arrayBuilder()
                .add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"))
        .add("documentationUri", uri.getBaseUri().resolve("/openapi").toString())
        .add("patch", ScimJson.objectBuilder().add("supported", true))
        .add(
            "bulk",
            ScimJson.objectBuilder()
                .add("supported", false)
                .add("maxOperations", 0)
                .add("maxPayloadSize", 0))
        .add(
            "filter",
            ScimJson.objectBuilder().add("supported", true).add("maxResults", maxResults))
        .add("changePassword", ScimJson.objectBuilder().add("supported", false))
        .add("sort", ScimJson.objectBuilder().add("supported", true))
        .add("etag", ScimJson.objectBuilder().add("supported", true))
        .add(
            "pagination",
            ScimJson.objectBuilder()
                .add("cursor", true)
                .add("index", true)
                .add("defaultPaginationMethod", "index")
                .add("defaultPageSize", 100)
                .add("maxPageSize", maxResults)
                .add("cursorTimeout", 3600))
        .add(
            "authenticationSchemes",
            ScimJson.arrayBuilder()
                .add(
                    ScimJson.objectBuilder()
                        .add("type", "oauthbearertoken")
                        .add("name", "OAuth Bearer Token")
                        .add(
                            "description",
                            "A SCIM token generated in the Provisio console, or an access token"
                                + " from /oauth/token (client credentials)")
                        .add("primary", true)))
        .add(
            "meta",
            ScimJson.objectBuilder()
                .add("resourceType", "ServiceProviderConfig")
                .add("location", uri.getBaseUri() + "ServiceProviderConfig"))
        .build();
  }
}
