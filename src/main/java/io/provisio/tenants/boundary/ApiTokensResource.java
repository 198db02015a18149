package io.provisio.tenants.boundary;

import io.provisio.platform.JsonFields;
import io.provisio.platform.ApiException;
import io.provisio.scim.control.ScimJson;
import io.provisio.tenants.control.ApiTokens;
import io.provisio.tenants.entity.ApiToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBodySchema;
import java.time.Instant;
import java.util.List;

/**
 * The signed-in administrator's personal API tokens (README "Security"): create (the token is in
 * the answer, once), list, revoke. Use one as {@code Authorization: Bearer prva_…} on the admin API.
 */
@jakarta.ejb.Stateless
@Path("v1/me/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session")
@RolesAllowed({"PLATFORM_OPERATOR", "READ_ONLY"})
public class ApiTokensResource {

  public record NewApiToken(
      @Schema(required = true, description = "At most 200 characters", example = "nightly export") String name) {}

  public record ApiTokenView(String id, String name, Instant createdAt,
      @Schema(nullable = true, description = "null while the token works") Instant revokedAt) {}

  /** A new token: the only answer that holds the token itself. */
  public record IssuedApiToken(String id, String name, Instant createdAt,
      @Schema(nullable = true, description = "Always null for a new token") Instant revokedAt,
      @Schema(description = "Use as Authorization: Bearer …; shown only here", example = "prva_…") String token) {}

  public record ApiTokenList(List<ApiTokenView> items) {}

  @Inject ApiTokens tokens;
  @Inject CurrentAdministrator current;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a personal API token: {name} → 201 {id, name, token, createdAt}; the token is shown once")
  @APIResponseSchema(value = IssuedApiToken.class, responseCode = "201")
  public Response create(@JsonFields({"name"}) @RequestBodySchema(NewApiToken.class) JsonObject body) {
    String name = body != null && body.get("name") instanceof JsonString s ? s.getString().trim() : "";
    if (name.isEmpty() || name.length() > 200) {
      throw ApiException.invalid("name", "name is required (at most 200 characters), e.g. \"nightly export\".");
    }
    var issued = tokens.create(current.identity(), name);
    return Response.status(201)
        .entity(view(issued.token()).add("token", issued.secret()).build())
        .build();
  }

  @GET
  @Operation(summary = "Your personal API tokens (never the tokens themselves)")
  @APIResponseSchema(ApiTokenList.class)
  public Response list() {
    var items = ScimJson.arrayBuilder();
    tokens.of(current.identity()).forEach(t -> items.add(view(t)));
    return Response.ok(ScimJson.objectBuilder().add("items", items).build()).build();
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Revoke one of your personal API tokens; it fails at once on every instance")
  public Response revoke(@PathParam("id") String id) {
    tokens.revoke(current.identity(), id);
    return Response.noContent().build();
  }

  private static jakarta.json.JsonObjectBuilder view(ApiToken token) {
    var view = ScimJson.objectBuilder()
        .add("id", token.getId())
        .add("name", token.getName())
        .add("createdAt", token.getCreatedAt().toString());
    if (token.getRevokedAt() != null) view.add("revokedAt", token.getRevokedAt().toString());
    else view.addNull("revokedAt");
    return view;
  }
}
