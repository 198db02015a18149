package io.provisio.groups.boundary;

import io.provisio.groups.control.GroupSchemas;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Announces the Group resource type to SCIM discovery (/ResourceTypes, /Schemas). */
@ApplicationScoped
public class GroupResourceType {

  @Produces
  ResourceSchema groups() {
    return GroupSchemas.RESOURCE;
  }
}
