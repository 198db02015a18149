package io.provisio.users.boundary;

import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.users.control.ProvisioUserSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Announces the User resource type to SCIM discovery (/ResourceTypes, /Schemas). */
@ApplicationScoped
public class UserResourceType {

  /** The example is the OpenAPI document's (ScimUser): a User as an identity provider creates it. */
  @Produces
  @Schema(example = """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "externalId": "00u1a2b3c4",
       "userName": "jane.doe@example.com",
       "name": {"givenName": "Jane", "familyName": "Doe"},
       "displayName": "Jane Doe",
       "active": true,
       "emails": [{"value": "jane.doe@example.com", "type": "work", "primary": true}],
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Engineering"}}""")
  ResourceSchema users() {
    return ProvisioUserSchema.RESOURCE;
  }
}
