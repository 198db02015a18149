package io.provisio.users.boundary;

import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.users.control.ProvisioUserSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Announces the User resource type to SCIM discovery (/ResourceTypes, /Schemas). */
@ApplicationScoped
public class UserResourceType {

  @Produces
  ResourceSchema users() {
    return ProvisioUserSchema.RESOURCE;
  }
}
