package io.provisio.scim.control.schema;

import static io.provisio.scim.control.schema.AttributeDefinition.dateTime;
import static io.provisio.scim.control.schema.AttributeDefinition.reference;
import static io.provisio.scim.control.schema.AttributeDefinition.string;

import java.util.List;
import java.util.Optional;

/**
 * The attributes every resource has besides its schema's own (RFC 7643 §3 and §3.1). They are not
 * listed in Schema representations, yet filters, PATCH paths and projections must resolve them.
 */
public final class CommonAttributes {

  public static final AttributeDefinition SCHEMAS =
      reference("schemas", "uri")
          .multiValued()
          .required()
          .caseExact()
          .readOnly()
          .returned(Returned.ALWAYS)
          .description("The schema URIs the resource conforms to, maintained by the server.")
          .build();

  public static final AttributeDefinition ID =
      string("id")
          .caseExact()
          .readOnly()
          .returned(Returned.ALWAYS)
          .uniqueness(Uniqueness.SERVER)
          .description("A unique identifier for the resource, assigned by the service provider.")
          .build();

  public static final AttributeDefinition EXTERNAL_ID =
      string("externalId")
          .caseExact()
          .maxLength(512)
          .description("An identifier for the resource as defined by the provisioning client.")
          .build();

  public static final AttributeDefinition META =
      AttributeDefinition.complex(
              "meta",
              string("resourceType").caseExact().readOnly(),
              dateTime("created").readOnly(),
              dateTime("lastModified").readOnly(),
              reference("location", "uri").caseExact().readOnly(),
              string("version").caseExact().readOnly())
          .readOnly()
          .description("Resource metadata maintained by the service provider.")
          .build();

  public static final List<AttributeDefinition> ALL = List.of(SCHEMAS, ID, EXTERNAL_ID, META);

  private CommonAttributes() {}

  public static Optional<AttributeDefinition> find(String name) {
    for (AttributeDefinition attribute : ALL) {
      if (attribute.name().equalsIgnoreCase(name)) {
        return Optional.of(attribute);
      }
    }
    return Optional.empty();
  }
}
