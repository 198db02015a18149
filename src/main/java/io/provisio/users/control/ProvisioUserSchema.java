package io.provisio.users.control;

import static io.provisio.scim.control.schema.AttributeDefinition.string;

import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.SchemaDefinition;
import java.util.List;

/**
 * The User resource as Provisio serves it: the core User, the enterprise extension, and
 * Provisio's own extension holding the one custom attribute that is stored, userPrincipalName.
 */
public final class ProvisioUserSchema {

  public static final String URN = "urn:ietf:params:scim:schemas:extension:provisio:2.0:User";

  public static final SchemaDefinition EXTENSION =
      SchemaDefinition.of(
          URN,
          "ProvisioUser",
          "Provisio account attributes",
          string("userPrincipalName")
              .maxLength(512)
              .description(
                  "The user principal name; sent by the IdP as a custom attribute. Defaults to"
                      + " the display name."));

  public static final ResourceSchema RESOURCE =
      new ResourceSchema(
          "User",
          "/Users",
          "User Account",
          UserSchemas.USER,
          List.of(UserSchemas.ENTERPRISE_USER, EXTENSION));

  private ProvisioUserSchema() {}
}
