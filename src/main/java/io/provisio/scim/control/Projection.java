package io.provisio.scim.control;

import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.ResolvedAttribute;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.Returned;
import io.provisio.scim.control.schema.SchemaDefinition;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the "attributes" and "excludedAttributes" parameters (RFC 7644 §3.4.2.5 and §3.9)
 * together with each attribute's "returned" characteristic (RFC 7643 §7):
 *
 * <ul>
 *   <li>"always" attributes (id, schemas) are kept and "never" ones (password) dropped, whatever
 *       the lists say;
 *   <li>"request" attributes appear only when named in "attributes";
 *   <li>"default" attributes appear unless "attributes" is given and does not name them (or their
 *       extension), and unless "excludedAttributes" names them;
 *   <li>names compare case-insensitively, may carry a schema URN or name a sub-attribute ({@code
 *       name.givenName}, {@code emails.value}), and unknown or malformed names are ignored, as RFC
 *       7644 §3.9 allows;
 *   <li>when both lists are given, both apply;
 *   <li>an extension object left empty is dropped, while "schemas" is returned unchanged: it states
 *       what the resource conforms to, not what this response happens to show.
 * </ul>
 */
public final class Projection {

  private static final String WHOLE = "*";

  private Projection() {}

  /** Splits a comma-separated parameter value; null or blank gives an empty list. */
  public static List<String> parseList(String commaSeparated) {
    List<String> names = new ArrayList<>();
    if (commaSeparated == null) {
      return names;
    }
    for (String part : commaSeparated.split(",")) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) {
        names.add(trimmed);
      }
    }
    return names;
  }

  public static JsonObject apply(
      JsonObject resource,
      ResourceSchema schema,
      List<String> attributes,
      List<String> excludedAttributes) {
    Selection include =
        attributes == null || attributes.isEmpty() ? null : Selection.of(attributes, schema);
    Selection exclude =
        Selection.of(excludedAttributes == null ? List.of() : excludedAttributes, schema);
    JsonObjectBuilder result = ScimJson.objectBuilder();
    for (Map.Entry<String, JsonValue> member : resource.entrySet()) {
      String key = member.getKey();
      JsonValue value = member.getValue();
      if (key.equalsIgnoreCase("schemas")) {
        result.add(key, value);
        continue;
      }
      if (key.regionMatches(true, 0, "urn:", 0, 4) && value instanceof JsonObject extension) {
        Optional<SchemaDefinition> definition = schema.schema(key);
        String namespace = key.toLowerCase(Locale.ROOT);
        JsonObjectBuilder projected = ScimJson.objectBuilder();
        boolean any = false;
        for (Map.Entry<String, JsonValue> attribute : extension.entrySet()) {
          AttributeDefinition attributeDefinition =
              definition.flatMap(d -> schema.attribute(d, attribute.getKey())).orElse(null);
          JsonValue kept =
              project(
                  namespace,
                  attribute.getKey(),
                  attributeDefinition,
                  attribute.getValue(),
                  include,
                  exclude);
          if (kept != null) {
            projected.add(attribute.getKey(), kept);
            any = true;
          }
        }
        if (any) {
          result.add(key, projected);
        }
        continue;
      }
      AttributeDefinition definition = schema.attribute(schema.core(), key).orElse(null);
      JsonValue kept = project("", key, definition, value, include, exclude);
      if (kept != null) {
        result.add(key, kept);
      }
    }
    return result.build();
  }

  /** The projected value of one attribute, or null to leave it out. */
  private static JsonValue project(
      String namespace,
      String name,
      AttributeDefinition definition,
      JsonValue value,
      Selection include,
      Selection exclude) {
    Returned returned = definition == null ? Returned.DEFAULT : definition.returned();
    if (returned == Returned.NEVER) {
      return null;
    }
    if (returned == Returned.ALWAYS) {
      return value;
    }
    Set<String> requested = include == null ? null : include.subs(namespace, name);
    boolean wholeSchemaRequested = include != null && include.wholeSchema(namespace);
    if (returned == Returned.REQUEST && requested == null) {
      return null;
    }
    if (include != null && requested == null && !wholeSchemaRequested) {
      return null;
    }
    Set<String> excluded = exclude.subs(namespace, name);
    if (exclude.wholeSchema(namespace) || (excluded != null && excluded.contains(WHOLE))) {
      return null;
    }
    boolean complex = definition == null ? containsObjects(value) : definition.isComplex();
    if (!complex) {
      return value;
    }
    Set<String> only = requested == null || requested.contains(WHOLE) ? null : requested;
    return projectComplex(definition, value, only, excluded == null ? Set.of() : excluded);
  }

  private static JsonValue projectComplex(
      AttributeDefinition definition, JsonValue value, Set<String> only, Set<String> excluded) {
    if (value instanceof JsonObject object) {
      JsonObject projected = projectItem(definition, object, only, excluded);
      return projected.isEmpty() ? null : projected;
    }
    if (value instanceof JsonArray array) {
      JsonArrayBuilder items = ScimJson.arrayBuilder();
      boolean any = false;
      for (JsonValue item : array) {
        JsonValue projected =
            item instanceof JsonObject object
                ? projectItem(definition, object, only, excluded)
                : item;
        if (!(projected instanceof JsonObject o && o.isEmpty())) {
          items.add(projected);
          any = true;
        }
      }
      return any ? items.build() : null;
    }
    return value;
  }

  private static JsonObject projectItem(
      AttributeDefinition definition, JsonObject item, Set<String> only, Set<String> excluded) {
    JsonObjectBuilder projected = ScimJson.objectBuilder();
    for (Map.Entry<String, JsonValue> member : item.entrySet()) {
      String sub = member.getKey().toLowerCase(Locale.ROOT);
      Returned returned =
          definition == null
              ? Returned.DEFAULT
              : definition
                  .subAttribute(member.getKey())
                  .map(AttributeDefinition::returned)
                  .orElse(Returned.DEFAULT);
      boolean keep =
          switch (returned) {
            case ALWAYS -> true;
            case NEVER -> false;
            case REQUEST -> only != null && only.contains(sub);
            case DEFAULT -> (only == null || only.contains(sub)) && !excluded.contains(sub);
          };
      if (keep) {
        projected.add(member.getKey(), member.getValue());
      }
    }
    return projected.build();
  }

  private static boolean containsObjects(JsonValue value) {
    return value instanceof JsonObject
        || (value instanceof JsonArray array
            && !array.isEmpty()
            && array.stream().allMatch(item -> item instanceof JsonObject));
  }

  /** Attribute names from one list, keyed by namespace ("" for the core) and attribute. */
  private static final class Selection {
    private final Map<String, Set<String>> attributes = new HashMap<>();
    private final Set<String> wholeSchemas = new HashSet<>();

    static Selection of(List<String> names, ResourceSchema schema) {
      Selection selection = new Selection();
      for (String name : names) {
        if (name == null || name.isBlank()) {
          continue;
        }
        AttributePath path;
        try {
          path = AttributePath.parse(name.trim());
        } catch (ScimException e) {
          continue;
        }
        if (path.hasFilter()) {
          continue;
        }
        Optional<ResolvedAttribute> resolved = schema.resolve(path);
        if (resolved.isPresent()) {
          ResolvedAttribute attribute = resolved.get();
          String namespace =
              attribute.extension() ? attribute.schema().id().toLowerCase(Locale.ROOT) : "";
          if (attribute.isSchemaRoot()) {
            selection.wholeSchemas.add(namespace);
          } else {
            selection.add(
                namespace,
                attribute.attribute().name(),
                attribute.hasSubAttribute() ? attribute.subAttribute().name() : null);
          }
        } else if (path.schemaUrn() == null || schema.isCore(path.schemaUrn())) {
          selection.add("", path.attribute(), path.subAttribute());
        } else {
          // An unknown extension: the name may be the extension itself or one of its attributes.
          selection.add(
              path.schemaUrn().toLowerCase(Locale.ROOT), path.attribute(), path.subAttribute());
          if (path.subAttribute() == null) {
            selection.wholeSchemas.add(
                (path.schemaUrn() + ":" + path.attribute()).toLowerCase(Locale.ROOT));
          }
        }
      }
      return selection;
    }

    private void add(String namespace, String attribute, String sub) {
      attributes
          .computeIfAbsent(
              namespace + "|" + attribute.toLowerCase(Locale.ROOT), k -> new HashSet<>())
          .add(sub == null ? WHOLE : sub.toLowerCase(Locale.ROOT));
    }

    /** The sub-attributes named for an attribute ({@link #WHOLE} for all), or null if unnamed. */
    Set<String> subs(String namespace, String attribute) {
      return attributes.get(namespace + "|" + attribute.toLowerCase(Locale.ROOT));
    }

    boolean wholeSchema(String namespace) {
      return !namespace.isEmpty() && wholeSchemas.contains(namespace);
    }
  }
}
