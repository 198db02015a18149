package io.provisio.tokens.boundary;

import io.provisio.platform.Paged;
import io.provisio.tenants.boundary.CurrentAdministrator;
import io.provisio.tenants.entity.Role;
import io.provisio.tokens.control.OAuthClients;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import java.time.Instant;

/** OAuth 2.0 clients that obtain SCIM access tokens with the client-credentials grant. */
@Stateless
@Path("v1/tenants/{tenantId}/oauth-clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class OAuthClientsResource {

  /** Optional body of a new client. */
  public static class NewClient {
    @Schema(example = "Entra ID provisioning")
    @Size(max = 200)
    public String name;
  }

  /** A new client: the only answer that holds its secret. */
  public record IssuedOAuthClient(String clientId, @Schema(description = "Shown only here") String clientSecret,
      String name, Instant createdAt, @Schema(example = "/oauth/token") String tokenEndpoint) {}

  public record OAuthClientView(String clientId, String name, Instant createdAt,
      @Schema(nullable = true, description = "When its current access token expires; null if it has none")
          Instant tokenExpiresAt,
      @Schema(nullable = true) Instant lastUsedAt) {}

  @Inject OAuthClients clients;
  @Inject CurrentAdministrator current;

  @POST
  @RolesAllowed(Role.CLOUD_ADMIN_NAME)
  @Operation(summary = "Register an OAuth client (CLOUD_ADMIN); the secret is shown only here")
  @APIResponseSchema(value = IssuedOAuthClient.class, responseCode = "201")
  public Response create(@PathParam("tenantId") String tenantId, @RequestBody(required = false) NewClient body) {
    var admin = current.requireOwnTenant(tenantId);
    String name = body == null || body.name == null || body.name.isBlank() ? "OAuth client" : body.name.trim();
    var created = clients.create(tenantId, name, admin.email());
    JsonObject answer =
        ScimJson.objectBuilder()
            .add("clientId", created.clientId())
            .add("clientSecret", created.clientSecret())
            .add("name", created.name())
            .add("createdAt", created.createdAt().toString())
            .add("tokenEndpoint", "/oauth/token")
            .build();
    var noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.status(201).entity(answer).cacheControl(noStore).build();
  }

  @GET
  @RolesAllowed(Role.CLOUD_ADMIN_NAME)
  @Operation(summary = "The tenant's OAuth clients (never their secrets)")
  @Paged
  @APIResponseSchema(OAuthClientView[].class)
  public JsonArray list(@PathParam("tenantId") String tenantId) {
    current.requireOwnTenant(tenantId);
    var list = ScimJson.arrayBuilder();
    for (var c : clients.list(tenantId)) {
      var item =
          ScimJson.objectBuilder()
              .add("clientId", c.clientId())
              .add("name", c.name())
              .add("createdAt", c.createdAt().toString());
      ScimTokenResource.put(item, "tokenExpiresAt", c.tokenExpiresAt());
      ScimTokenResource.put(item, "lastUsedAt", c.lastUsedAt());
      list.add(item);
    }
    return list.build();
  }

  @DELETE
  @Path("{clientId}")
  @RolesAllowed(Role.CLOUD_ADMIN_NAME)
  @Operation(summary = "Delete an OAuth client; its access token stops working at once")
  public Response delete(
      @PathParam("tenantId") String tenantId, @PathParam("clientId") String clientId) {
    var admin = current.requireOwnTenant(tenantId);
    clients.delete(tenantId, clientId, admin.email());
    return Response.noContent().build();
  }
}
