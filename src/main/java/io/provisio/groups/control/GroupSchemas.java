package io.provisio.groups.control;

import static io.provisio.scim.control.schema.AttributeDefinition.complex;
import static io.provisio.scim.control.schema.AttributeDefinition.reference;
import static io.provisio.scim.control.schema.AttributeDefinition.string;

import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.SchemaDefinition;
import java.util.List;

/** The core Group schema (RFC 7643 §4.2, as listed in §8.7.1). */
public final class GroupSchemas {

  public static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

  public static final SchemaDefinition GROUP =
      SchemaDefinition.of(
          GROUP_URN,
          "Group",
          "Group",
          // RFC 7643 leaves displayName optional; a group without a name is useless to admins.
          string("displayName").maxLength(512).required().description("A human-readable name for the Group."),
          complex(
                  "members",
                  string("value").immutable().description("Identifier of the member."),
                  reference("$ref", "User", "Group")
                      .immutable()
                      .description("The URI of the member resource."),
                  // Computed from the member, so anything a client sends is ignored.
                  string("display").readOnly().description("A human-readable name of the member."),
                  string("type")
                      .immutable()
                      .canonicalValues("User", "Group")
                      .description("The type of the member."))
              .multiValued()
              .description("A list of members of the Group."));

  public static final ResourceSchema RESOURCE =
      new ResourceSchema("Group", "/Groups", "Group", GROUP, List.of());

  private GroupSchemas() {}
}
