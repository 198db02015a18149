package io.provisio.platform.openapi;

import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.CommonAttributes;
import io.provisio.scim.control.schema.Returned;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.SchemaDefinition;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI schemas of the SCIM resource types (ScimUser, ScimGroup), made from the same schema
 * declarations that validate the resources and that GET /Schemas shows, so the two cannot differ.
 * The resource types are found as the application finds them: the methods that produce a
 * {@link ResourceSchema} bean (whose {@code @Schema} may give an example resource).
 */
final class ScimResources {

  /** A resource of any type (the root .search; an endpoint narrows it to its own type's). */
  static final String ANY = "ScimResource";
  /** The ListResponse of every query (the schema name of its class in scim/boundary). */
  static final String LIST = "ScimListResponse";

  private ScimResources() {}

  /** A resource type, and the {@code @Schema} of the method that produces it (or null). */
  record Produced(ResourceSchema schema, Schema described) {}

  static List<Produced> produced(List<Class<?>> classes) throws ReflectiveOperationException {
    var found = new ArrayList<Produced>();
    for (Class<?> type : classes) {
      for (Method method : type.getDeclaredMethods()) {
        if (method.getReturnType() == ResourceSchema.class
            && method.isAnnotationPresent(jakarta.enterprise.inject.Produces.class)) {
          var constructor = type.getDeclaredConstructor();
          constructor.setAccessible(true);
          method.setAccessible(true);
          var schema = (ResourceSchema) method.invoke(constructor.newInstance());
          found.add(new Produced(schema, method.getAnnotation(Schema.class)));
        }
      }
    }
    return found;
  }

  /** The component name of a resource type's schema: ScimUser, ScimGroup. */
  static String name(ResourceSchema type) {
    return "Scim" + type.name();
  }

  static Map<String, Object> anyOf(Collection<ResourceSchema> types) {
    return Map.of("description", "A resource of any type", "oneOf",
        types.stream().map(t -> Map.of("$ref", "#/components/schemas/" + name(t))).toList());
  }

  /**
   * A resource type's schema: the common attributes (RFC 7643 §3.1), the core schema's attributes,
   * and one object per extension under its URN.
   */
  static Map<String, Object> schema(ResourceSchema type, Schema described) {
    var properties = new LinkedHashMap<String, Object>();
    var required = new ArrayList<String>();
    for (var attribute : CommonAttributes.ALL) {
      // clients send schemas in every request (RFC 7644 §3.3), though the server maintains it
      properties.put(attribute.name(), attribute == CommonAttributes.SCHEMAS
          ? withoutReadOnly(attribute(attribute)) : attribute(attribute));
    }
    addAttributes(type.core().attributes(), properties, required);
    for (SchemaDefinition extension : type.extensions()) {
      var extensionSchema = object(extension.attributes());
      extensionSchema.put("description", extension.description() + " (" + extension.name() + " extension)");
      properties.put(extension.id(), extensionSchema);
    }
    var schema = new LinkedHashMap<String, Object>();
    schema.put("type", "object");
    schema.put("description", (described != null && !described.description().isBlank()
        ? described.description() : type.description())
        + ". Attributes as GET /scim/v2/Schemas/" + type.core().id() + " describes them.");
    schema.put("properties", properties);
    if (!required.isEmpty()) schema.put("required", required);
    if (described != null && !described.example().isBlank()) schema.put("example", new OpenApiDocument.Json.Text(described.example()));
    return schema;
  }

  private static Map<String, Object> withoutReadOnly(Map<String, Object> schema) {
    var copy = new LinkedHashMap<>(schema);
    copy.remove("readOnly");
    return copy;
  }

  private static void addAttributes(List<AttributeDefinition> attributes, Map<String, Object> properties,
      List<String> required) {
    for (var attribute : attributes) {
      properties.put(attribute.name(), attribute(attribute));
      if (attribute.required()) required.add(attribute.name());
    }
  }

  private static Map<String, Object> object(List<AttributeDefinition> attributes) {
    var properties = new LinkedHashMap<String, Object>();
    var required = new ArrayList<String>();
    addAttributes(attributes, properties, required);
    var schema = new LinkedHashMap<String, Object>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) schema.put("required", required);
    return schema;
  }

  /** One attribute: its type (an array of it when multi-valued) and its characteristics. */
  private static Map<String, Object> attribute(AttributeDefinition attribute) {
    var value = attribute.isComplex() ? object(attribute.subAttributes()) : scalar(attribute);
    var schema = new LinkedHashMap<String, Object>();
    if (attribute.multiValued()) {
      schema.put("type", "array");
      schema.put("items", value);
    } else {
      schema.putAll(value);
    }
    String description = attribute.description();
    if (!attribute.canonicalValues().isEmpty()) {
      description += " Canonical values: " + String.join(", ", attribute.canonicalValues()) + ".";
    }
    if (attribute.mutability() == io.provisio.scim.control.schema.Mutability.IMMUTABLE) {
      description += " Immutable: set when created, never changed.";
    }
    if (!description.isBlank()) schema.put("description", description.strip());
    if (attribute.isReadOnly()) schema.put("readOnly", true);
    if (attribute.returned() == Returned.NEVER) schema.put("writeOnly", true);
    return schema;
  }

  private static Map<String, Object> scalar(AttributeDefinition attribute) {
    var schema = new LinkedHashMap<String, Object>();
    AttributeType type = attribute.type();
    switch (type) {
      case BOOLEAN -> schema.put("type", "boolean");
      case INTEGER -> schema.put("type", "integer");
      case DECIMAL -> schema.put("type", "number");
      case DATE_TIME -> {
        schema.put("type", "string");
        schema.put("format", "date-time");
      }
      case BINARY -> {
        schema.put("type", "string");
        schema.put("format", "byte");
      }
      case REFERENCE -> {
        schema.put("type", "string");
        schema.put("format", "uri-reference");
      }
      default -> schema.put("type", "string");
    }
    if (attribute.maxLength() > 0) schema.put("maxLength", attribute.maxLength());
    return schema;
  }
}
