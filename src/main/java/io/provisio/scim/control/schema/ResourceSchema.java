package io.provisio.scim.control.schema;

import io.provisio.scim.control.ScimJson;
import io.provisio.scim.control.filter.AttributePath;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource type (RFC 7643 §6): its core schema, its schema extensions and the common attributes
 * of RFC 7643 §3.1, which resolve in the core namespace.
 *
 * @param name the resource type name, e.g. "User"
 * @param endpoint relative to the base URL, e.g. "/Users"
 */
public record ResourceSchema(
    String name,
    String endpoint,
    String description,
    SchemaDefinition core,
    List<SchemaDefinition> extensions) {

  public static final String RESOURCE_TYPE_URN =
      "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

  public ResourceSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(core, "core");
    description = description == null ? "" : description;
    extensions = List.copyOf(extensions);
  }

  /** The core schema or extension with this URN, compared case-insensitively. */
  public Optional<SchemaDefinition> schema(String urn) {
    if (urn == null) {
      return Optional.empty();
    }
    if (core.id().equalsIgnoreCase(urn)) {
      return Optional.of(core);
    }
    return extension(urn);
  }

  public Optional<SchemaDefinition> extension(String urn) {
    for (SchemaDefinition extension : extensions) {
      if (extension.id().equalsIgnoreCase(urn)) {
        return Optional.of(extension);
      }
    }
    return Optional.empty();
  }

  public boolean isCore(String urn) {
    return core.id().equalsIgnoreCase(urn);
  }

  /** The core URN followed by the extension URNs. */
  public List<String> schemaUrns() {
    List<String> urns = new ArrayList<>();
    urns.add(core.id());
    extensions.forEach(extension -> urns.add(extension.id()));
    return urns;
  }

  /** A top-level attribute of {@code schema}; the common attributes count as core attributes. */
  public Optional<AttributeDefinition> attribute(SchemaDefinition schema, String attributeName) {
    Optional<AttributeDefinition> own = schema.attribute(attributeName);
    if (own.isPresent() || schema != core) {
      return own;
    }
    return CommonAttributes.find(attributeName);
  }

  /**
   * Resolves {@code [urn:]attr[.sub]} case-insensitively; any value filter on the path is ignored.
   * A URN alone (the enterprise extension URN used as an attribute) resolves to {@link
   * ResolvedAttribute#isSchemaRoot() the schema root}.
   *
   * <p>An unprefixed name the core schema lacks is looked up in the extensions in order, so that
   * {@code department} finds the enterprise attribute. RFC 7644 reads unprefixed names as core
   * names only, but clients commonly omit the URN and no core attribute can be shadowed this way.
   */
  public Optional<ResolvedAttribute> resolve(AttributePath path) {
    String urn = path.schemaUrn();
    if (urn != null) {
      // "urn:...:enterprise:2.0:User" parses as URN "urn:...:2.0" plus attribute "User".
      if (path.subAttribute() == null) {
        Optional<SchemaDefinition> whole = schema(urn + ":" + path.attribute());
        if (whole.isPresent()) {
          return Optional.of(ResolvedAttribute.schemaRoot(whole.get(), whole.get() != core));
        }
      }
      return schema(urn).flatMap(schema -> resolveIn(schema, path));
    }
    Optional<ResolvedAttribute> inCore = resolveIn(core, path);
    if (inCore.isPresent()) {
      return inCore;
    }
    for (SchemaDefinition extension : extensions) {
      Optional<ResolvedAttribute> found = resolveIn(extension, path);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<ResolvedAttribute> resolveIn(SchemaDefinition schema, AttributePath path) {
    Optional<AttributeDefinition> attribute = attribute(schema, path.attribute());
    if (attribute.isEmpty()) {
      return Optional.empty();
    }
    boolean extension = schema != core;
    if (path.subAttribute() == null) {
      return Optional.of(new ResolvedAttribute(schema, extension, attribute.get(), null));
    }
    return attribute
        .get()
        .subAttribute(path.subAttribute())
        .map(sub -> new ResolvedAttribute(schema, extension, attribute.get(), sub));
  }

  /** The ResourceType representation (RFC 7643 §6); extensions are listed as optional. */
  public JsonObject toResourceTypeJson(String baseUrl) {
    JsonArrayBuilder schemaExtensions = ScimJson.arrayBuilder();
    for (SchemaDefinition extension : extensions) {
      schemaExtensions.add(
          ScimJson.objectBuilder().add("schema", extension.id()).add("required", false));
    }
    JsonObjectBuilder meta = ScimJson.objectBuilder().add("resourceType", "ResourceType");
    if (baseUrl != null) {
      meta.add("location", SchemaDefinition.trimSlash(baseUrl) + "/ResourceTypes/" + name);
    }
    return ScimJson.objectBuilder()
        .add("schemas", ScimJson.arrayBuilder().add(RESOURCE_TYPE_URN))
        .add("id", name)
        .add("name", name)
        .add("endpoint", endpoint)
        .add("description", description)
        .add("schema", core.id())
        .add("schemaExtensions", schemaExtensions)
        .add("meta", meta)
        .build();
  }
}
