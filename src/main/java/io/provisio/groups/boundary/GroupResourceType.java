package io.provisio.groups.boundary;

import io.provisio.groups.control.GroupSchemas;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Announces the Group resource type to SCIM discovery (/ResourceTypes, /Schemas). */
@ApplicationScoped
public class GroupResourceType {

  /** The example is the OpenAPI document's (ScimGroup): a Group as an identity provider creates it. */
  @Produces
  @Schema(example = """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
       "externalId": "00g9z8y7",
       "displayName": "Engineering",
       "members": [{"value": "2819c223-7f76-453a-919d-413861904646"}]}""")
  ResourceSchema groups() {
    return GroupSchemas.RESOURCE;
  }
}
