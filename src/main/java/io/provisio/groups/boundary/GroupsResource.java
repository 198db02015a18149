package io.provisio.groups.boundary;

import io.provisio.groups.control.GroupResources;
import io.provisio.groups.entity.ScimGroup;
import io.provisio.scim.boundary.ScimEndpoint;
import io.provisio.scim.boundary.ScimErrors;
import io.provisio.scim.control.ScimResourceType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** SCIM /Groups (RFC 7644 §3), scoped to the tenant of the bearer token: the protocol is ScimEndpoint's. */
@Stateless
@Path("Groups")
@Produces({ScimErrors.SCIM_JSON, "application/json"})
@Consumes({ScimErrors.SCIM_JSON, "application/json"})
public class GroupsResource extends ScimEndpoint<ScimGroup> {

  @Inject GroupResources groups;

  @Override
  protected ScimResourceType<ScimGroup> type() {
    return groups;
  }

  /** 204: a group may have many thousands of members, which an IdP's PATCH does not need back. */
  @Override
  protected boolean patchAnswersWithResource() {
    return false;
  }
}
