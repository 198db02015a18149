package io.provisio.users.boundary;

import io.provisio.scim.boundary.ScimEndpoint;
import io.provisio.scim.boundary.ScimErrors;
import io.provisio.scim.control.ScimResourceType;
import io.provisio.users.control.UserResources;
import io.provisio.users.entity.ScimUser;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** SCIM /Users (RFC 7644 §3), scoped to the tenant of the bearer token: the protocol is ScimEndpoint's. */
@Stateless
@Path("Users")
@Produces({ScimErrors.SCIM_JSON, "application/json"})
@Consumes({ScimErrors.SCIM_JSON, "application/json"})
public class UsersResource extends ScimEndpoint<ScimUser> {

  @Inject UserResources users;

  @Override
  protected ScimResourceType<ScimUser> type() {
    return users;
  }

  @Override
  protected boolean patchAnswersWithResource() {
    return true;
  }
}
