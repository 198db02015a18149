package io.provisio.users.control;

import static io.provisio.scim.control.schema.AttributeDefinition.binary;
import static io.provisio.scim.control.schema.AttributeDefinition.bool;
import static io.provisio.scim.control.schema.AttributeDefinition.complex;
import static io.provisio.scim.control.schema.AttributeDefinition.reference;
import static io.provisio.scim.control.schema.AttributeDefinition.string;

import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.Returned;
import io.provisio.scim.control.schema.SchemaDefinition;
import io.provisio.scim.control.schema.Uniqueness;
import java.util.List;

/**
 * The core User schema (RFC 7643 §4.1, as listed in §8.7.1) and the enterprise extension (RFC 7643
 * §4.3).
 */
public final class UserSchemas {

  public static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  public static final String ENTERPRISE_USER_URN =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  public static final SchemaDefinition USER =
      SchemaDefinition.of(
          USER_URN,
          "User",
          "User Account",
          string("userName")
              .maxLength(512)
              .required()
              .uniqueness(Uniqueness.SERVER)
              .description(
                  "Unique identifier for the User, typically used by the user to directly"
                      + " authenticate to the service provider."),
          complex(
                  "name",
                  string("formatted").description("The full name, formatted for display."),
                  string("familyName").maxLength(256).description("The family name of the User."),
                  string("givenName").maxLength(256).description("The given name of the User."),
                  string("middleName").description("The middle name(s) of the User."),
                  string("honorificPrefix").description("The honorific prefix(es), e.g. 'Ms.'."),
                  string("honorificSuffix").description("The honorific suffix(es), e.g. 'III'."))
              .description("The components of the user's real name."),
          string("displayName").maxLength(512).description("The name of the User, suitable for display."),
          string("nickName").maxLength(256).description("The casual way to address the user."),
          reference("profileUrl", "external").description("A URI of the User's online profile."),
          string("title").maxLength(256).description("The user's title, such as \"Vice President\"."),
          string("userType").maxLength(256).description("The relationship between the organization and the user."),
          string("preferredLanguage")
              .maxLength(64)
              .description("The User's preferred written or spoken language, e.g. 'en-US'."),
          string("locale").maxLength(64).description("The User's default location, e.g. 'en-US'."),
          string("timezone").maxLength(64).description("The User's time zone, e.g. 'America/Los_Angeles'."),
          bool("active").description("The User's administrative status."),
          string("password")
              .writeOnly()
              .returned(Returned.NEVER)
              .description("The User's cleartext password; never returned."),
          multiValued(
              "emails", "Email addresses for the user.", string("value"), "work", "home", "other"),
          multiValued(
              "phoneNumbers",
              "Phone numbers for the User.",
              string("value"),
              "work",
              "home",
              "mobile",
              "fax",
              "pager",
              "other"),
          multiValued(
              "ims",
              "Instant messaging addresses for the User.",
              string("value"),
              "aim",
              "gtalk",
              "icq",
              "xmpp",
              "msn",
              "skype",
              "qq",
              "yahoo"),
          multiValued(
              "photos",
              "URLs of photos of the User.",
              reference("value", "external"),
              "photo",
              "thumbnail"),
          complex(
                  "addresses",
                  string("formatted").maxLength(2048).description("The full mailing address."),
                  string("streetAddress").maxLength(512).description("The full street address component."),
                  string("locality").maxLength(256).description("The city or locality component."),
                  string("region").maxLength(256).description("The state or region component."),
                  string("postalCode").maxLength(64).description("The zip code or postal code component."),
                  string("country").maxLength(64).description("The country name component."),
                  string("type")
                      .maxLength(128)
                      .canonicalValues("work", "home", "other")
                      .description("A label indicating the address's function."),
                  bool("primary").description("Whether this is the primary address."))
              .multiValued()
              .description("A physical mailing address for this User."),
          complex(
                  "groups",
                  string("value").readOnly().description("The identifier of the User's group."),
                  reference("$ref", "User", "Group")
                      .readOnly()
                      .description("The URI of the corresponding Group resource."),
                  string("display").readOnly().description("A human-readable name."),
                  string("type")
                      .readOnly()
                      .canonicalValues("direct", "indirect")
                      .description("Whether the membership is direct or indirect."))
              .multiValued()
              .readOnly()
              .description("A list of groups to which the user belongs."),
          multiValued("entitlements", "A list of entitlements for the User.", string("value")),
          multiValued("roles", "A list of roles for the User.", string("value")),
          multiValued(
              "x509Certificates", "A list of certificates issued to the User.", binary("value")));

  public static final SchemaDefinition ENTERPRISE_USER =
      SchemaDefinition.of(
          ENTERPRISE_USER_URN,
          "EnterpriseUser",
          "Enterprise User",
          string("employeeNumber")
              .maxLength(256)
              .description("Alphanumeric identifier assigned to a person by the organization."),
          string("costCenter").maxLength(256).description("Identifies the name of a cost center."),
          string("organization").maxLength(256).description("Identifies the name of an organization."),
          string("division").maxLength(256).description("Identifies the name of a division."),
          string("department").maxLength(256).description("Identifies the name of a department."),
          complex(
                  "manager",
                  string("value").maxLength(256).description("The id of the SCIM resource of the manager."),
                  reference("$ref", "User").maxLength(2048).description("The URI of the manager's resource."),
                  string("displayName")
                      .readOnly()
                      .description("The displayName of the User's manager."))
              .description("The User's manager."));

  public static final ResourceSchema RESOURCE =
      new ResourceSchema("User", "/Users", "User Account", USER, List.of(ENTERPRISE_USER));

  private UserSchemas() {}

  /** The value/display/type/primary shape RFC 7643 §4.1.2 uses for most multi-valued attributes. */
  private static AttributeDefinition.Builder multiValued(
      String name, String description, AttributeDefinition.Builder value, String... types) {
    return complex(
            name,
            value.maxLength(2048).description("The attribute's significant value."),
            string("display").maxLength(512).description("A human-readable name, primarily used for display."),
            string("type").maxLength(128).canonicalValues(types).description("A label indicating the function."),
            bool("primary").description("Whether this is the primary value."))
        .multiValued()
        .description(description);
  }
}
