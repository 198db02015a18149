package io.provisio.users.boundary;

import io.provisio.scim.boundary.ScimErrors;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * POST /.search at the service root (RFC 7644 §3.4.3). Users are the only resource type whose
 * attributes a root search can filter on here, so the search runs over users.
 */
@Stateless
@Path(".search")
@Produces({ScimErrors.SCIM_JSON, "application/json"})
@Consumes({ScimErrors.SCIM_JSON, "application/json"})
public class RootSearchResource {

  @Inject UsersResource users;
  @Context UriInfo uri;

  /** RFC 7644 §3.4.3: a SearchRequest across resource types. */
  @POST
  public Response search(byte[] body) {
    return users.searchRequest(body, uri);
  }
}
