package io.provisio.scim.control.schema;

import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A SCIM schema (RFC 7643 §7): its URN id, human-readable name and attributes. */
public record SchemaDefinition(
    String id, String name, String description, List<AttributeDefinition> attributes) {

  /** The schema of Schema resources themselves. */
  public static final String SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Schema";

  public SchemaDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    attributes = List.copyOf(attributes);
  }

  public static SchemaDefinition of(
      String id, String name, String description, AttributeDefinition.Builder... attributes) {
    return new SchemaDefinition(
        id,
        name,
        description,
        Arrays.stream(attributes).map(AttributeDefinition.Builder::build).toList());
  }

  /** The top-level attribute called {@code attributeName}, compared case-insensitively. */
  public Optional<AttributeDefinition> attribute(String attributeName) {
    for (AttributeDefinition attribute : attributes) {
      if (attribute.name().equalsIgnoreCase(attributeName)) {
        return Optional.of(attribute);
      }
    }
    return Optional.empty();
  }

  /**
   * The Schema resource representation (RFC 7643 §7 and §8.7).
   *
   * @param baseUrl the SCIM base URL, e.g. {@code https://host/scim/v2}; when null the meta
   *     location is left out
   */
  public JsonObject toJson(String baseUrl) {
    JsonArrayBuilder attributeArray = ScimJson.arrayBuilder();
    attributes.forEach(attribute -> attributeArray.add(attribute.toJson()));
    JsonObjectBuilder meta = ScimJson.objectBuilder().add("resourceType", "Schema");
    if (baseUrl != null) {
      meta.add("location", trimSlash(baseUrl) + "/Schemas/" + id);
    }
    return ScimJson.objectBuilder()
        .add("schemas", ScimJson.arrayBuilder().add(SCHEMA_URN))
        .add("id", id)
        .add("name", name)
        .add("description", description)
        .add("attributes", attributeArray)
        .add("meta", meta)
        .build();
  }

  static String trimSlash(String baseUrl) {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }
}
