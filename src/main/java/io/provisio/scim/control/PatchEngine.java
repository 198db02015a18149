package io.provisio.scim.control;

import io.provisio.scim.control.PatchOperation.Op;
import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.FilterValidator;
import io.provisio.scim.control.filter.Operator;
import io.provisio.scim.control.quirks.PatchQuirks;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.Mutability;
import io.provisio.scim.control.schema.ResolvedAttribute;
import io.provisio.scim.control.schema.ResourceSchema;
import io.provisio.scim.control.schema.SchemaDefinition;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a PATCH request (RFC 7644 §3.5.2) to a resource's JSON and returns the new JSON. A pure
 * function: it works on a private copy, so when any operation fails with a {@link ScimException}
 * nothing has changed, which makes the request atomic by construction.
 *
 * <p>Decisions where the RFC is silent or IdPs deviate from it:
 *
 * <ul>
 *   <li>A body whose "schemas" lacks the PatchOp URN, or is missing, is accepted: the operations
 *       are unambiguous, and rejecting would break clients for no gain.
 *   <li>"op" is case-insensitive (Entra sends "Add", "Replace", "Remove").
 *   <li>Booleans and numbers sent as strings ("False", "42") are converted for boolean, integer and
 *       decimal attributes (Entra sends {@code "active": "False"}).
 *   <li>Read-only attributes inside a value are ignored (Okta sends "id" along a rename); a path
 *       naming one fails with mutability. Unknown sub-attributes inside a value are dropped.
 *   <li>Removing (or nulling) a required attribute fails with mutability, as RFC 7644 §3.5.2.2
 *       prescribes for attributes that are required or read-only.
 *   <li>remove with a value filter that matches nothing succeeds: the desired state already holds,
 *       and IdPs retry removes.
 *   <li>remove on a multi-valued attribute with a "value" and no filter (Entra's {@code
 *       {"op":"Remove","path":"members","value":[{"value":"id1"}]}}) removes only the listed
 *       values, never all of them.
 *   <li>add of a complex value that has the "value" (and compatible "type") of an existing item
 *       merges into that item instead of adding a duplicate.
 *   <li>replace (or add) of {@code emails[type eq "work"].value} when no item matches creates
 *       {@code {"type":"work","value":...}} instead of failing with noTarget, provided the filter
 *       is a conjunction of eq comparisons: Entra sends exactly this to set a user's first work
 *       email, and such a filter describes the item to create unambiguously.
 *   <li>A string given for a single-valued complex attribute with a "value" sub-attribute is taken
 *       as that sub-attribute: Entra ID sets the enterprise manager as {@code "value": "<id>"}.
 *   <li>When more than one item ends up primary, the one this operation touched wins.
 *   <li>An attribute under an unknown extension URN is written into that extension's object
 *       unchecked; the caller decides what to keep.
 * </ul>
 */
public final class PatchEngine {

  public static final String PATCH_OP_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private static final String CORE_URN_PREFIX = "urn:ietf:params:scim:schemas:core:";

  private PatchEngine() {}

  /**
   * Reads the operations of a PATCH request. Fails with invalidSyntax for a malformed body or op,
   * invalidPath for a malformed path, invalidValue for a path-less add/replace without an object
   * value, and noTarget for a remove without path.
   */
  public static List<PatchOperation> parse(JsonObject request) {
    List<PatchOperation> parsed = new ArrayList<>();
    JsonArray array = operations(request);
    for (int i = 0; i < array.size(); i++) {
      parsed.add(parseOperation(array.get(i), "Operation " + (i + 1) + ": "));
    }
    return parsed;
  }

  /**
   * Reads the operations of a PATCH request as IdPs send it: each operation is first rewritten into
   * the RFC's form by the known IdP quirks ({@link PatchQuirks}), then parsed as {@link
   * #parse(JsonObject)} does. An operation a quirk turns into none (Entra's remove of an empty list)
   * is simply absent.
   */
  public static List<PatchOperation> parse(JsonObject request, ResourceSchema schema) {
    List<PatchOperation> parsed = new ArrayList<>();
    JsonArray array = operations(request);
    for (int i = 0; i < array.size(); i++) {
      for (Object rewritten : PatchQuirks.rewrite(array.get(i), schema)) {
        parsed.add(parseOperation((JsonValue) rewritten, "Operation " + (i + 1) + ": "));
      }
    }
    return parsed;
  }

  private static JsonArray operations(JsonObject request) {
    if (request == null) {
      throw ScimException.invalidSyntax("The PATCH request body is missing");
    }
    JsonValue operations = ScimJson.get(request, "Operations");
    if (!(operations instanceof JsonArray array)) {
      throw ScimException.invalidSyntax("The PATCH request must have an \"Operations\" array");
    }
    if (array.isEmpty()) {
      throw ScimException.invalidSyntax("The \"Operations\" array of the PATCH request is empty");
    }
    return array;
  }

  private static PatchOperation parseOperation(JsonValue element, String prefix) {
    if (!(element instanceof JsonObject operation)) {
      throw ScimException.invalidSyntax(
          prefix + "must be an object, not " + ScimJson.describe(element));
    }
    JsonValue opValue = ScimJson.get(operation, "op");
    if (!(opValue instanceof JsonString opName)) {
      throw ScimException.invalidSyntax(
          prefix + "\"op\" must be \"add\", \"replace\" or" + " \"remove\"");
    }
    Op op =
        Op.fromWireName(opName.getString().trim())
            .orElseThrow(
                () ->
                    ScimException.invalidSyntax(
                        prefix
                            + "unsupported op "
                            + ScimException.quote(opName.getString())
                            + "; use add, replace or remove"));
    Optional<AttributePath> path = Optional.empty();
    JsonValue pathValue = ScimJson.get(operation, "path");
    if (pathValue instanceof JsonString pathText) {
      if (!pathText.getString().isBlank()) {
        try {
          path = Optional.of(AttributePath.parsePatchPath(pathText.getString()));
        } catch (ScimException e) {
          throw prefixed(e, prefix);
        }
      }
    } else if (pathValue != null && pathValue.getValueType() != JsonValue.ValueType.NULL) {
      throw ScimException.invalidPath(prefix + "\"path\" must be a string");
    }
    JsonValue value = ScimJson.get(operation, "value");
    if (op == Op.REMOVE) {
      if (path.isEmpty()) {
        throw ScimException.noTarget(prefix + "remove needs a \"path\"");
      }
    } else if (value == null) {
      throw ScimException.invalidSyntax(prefix + op.wireName() + " needs a \"value\"");
    } else if (path.isEmpty() && !(value instanceof JsonObject)) {
      throw ScimException.invalidValue(
          prefix
              + "without a \"path\", \"value\" must be an object"
              + " of attributes, not "
              + ScimJson.describe(value));
    }
    return new PatchOperation(op, path, value);
  }

  /**
   * Parses {@code request} with the IdP quirks rewritten ({@link #parse(JsonObject, ResourceSchema)})
   * and applies it; see {@link #apply(JsonObject, List, ResourceSchema)}.
   */
  public static JsonObject apply(JsonObject resource, JsonObject request, ResourceSchema schema) {
    return apply(resource, parse(request, schema), schema);
  }

  /**
   * Applies {@code operations} in order to {@code resource} and returns the result; the input is
   * never modified. Error details start with the number of the failing operation.
   */
  public static JsonObject apply(
      JsonObject resource, List<PatchOperation> operations, ResourceSchema schema) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(schema, "schema");
    Map<String, Object> root = JsonTree.copyObject(resource);
    Run run = new Run(root, schema);
    for (int i = 0; i < operations.size(); i++) {
      try {
        Set<String> requiredBefore = run.requiredPresent();
        run.apply(operations.get(i));
        run.checkRequired(requiredBefore);
      } catch (ScimException e) {
        throw prefixed(e, "Operation " + (i + 1) + ": ");
      }
    }
    run.syncSchemas(resource);
    return JsonTree.toJsonObject(root);
  }

  private static ScimException prefixed(ScimException e, String prefix) {
    return new ScimException(e.status(), e.scimType(), prefix + e.detail());
  }

  /** The state of one application. */
  private static final class Run {
    private final Map<String, Object> root;
    private final ResourceSchema schema;

    Run(Map<String, Object> root, ResourceSchema schema) {
      this.root = root;
      this.schema = schema;
    }

    void apply(PatchOperation operation) {
      if (operation.path().isPresent()) {
        applyPath(operation.op(), operation.path().get(), operation.value(), true);
      } else if (operation.value() instanceof JsonObject object) {
        applyObject(operation.op(), object);
      } else {
        throw ScimException.invalidValue(
            "Without a \"path\", \"value\" must be an object of"
                + " attributes, not "
                + ScimJson.describe(operation.value()));
      }
    }

    /** Each member of a path-less value is applied as if it were the path. */
    private void applyObject(Op op, JsonObject value) {
      for (Map.Entry<String, JsonValue> member : value.entrySet()) {
        applyMember(op, member.getKey(), member.getValue());
      }
    }

    private void applyMember(Op op, String name, JsonValue value) {
      if (schema.isCore(name)) {
        if (!(value instanceof JsonObject object)) {
          throw ScimException.invalidValue(
              "Attribute "
                  + ScimException.quote(name)
                  + " expects an object of attributes, not "
                  + ScimJson.describe(value));
        }
        applyObject(op, object);
        return;
      }
      AttributePath path;
      try {
        path = AttributePath.parsePatchPath(name);
      } catch (ScimException e) {
        throw ScimException.invalidPath(
            "Invalid attribute name " + ScimException.quote(name) + " in \"value\"");
      }
      if (path.hasFilter()) {
        throw ScimException.invalidPath(
            "Attribute names in \"value\" cannot have a filter: " + ScimException.quote(name));
      }
      applyPath(op, path, value, false);
    }

    /**
     * @param explicit whether the path came from the "path" member (a read-only target is then an
     *     error) or from a member name of a path-less value (a read-only one is then ignored)
     */
    private void applyPath(Op op, AttributePath path, JsonValue value, boolean explicit) {
      Optional<ResolvedAttribute> found = schema.resolve(path.withoutFilter());
      if (found.isEmpty()) {
        applyUnknown(op, path, value);
        return;
      }
      ResolvedAttribute resolved = found.get();
      String name = ScimException.quote(resolved.fullName());
      if (resolved.attribute().isReadOnly()
          || (resolved.hasSubAttribute() && resolved.subAttribute().isReadOnly())) {
        if (explicit) {
          throw ScimException.mutability("Attribute " + name + " is read-only");
        }
        return;
      }
      if (resolved.isSchemaRoot()) {
        applySchemaRoot(op, resolved, value);
        return;
      }
      AttributeDefinition attribute = resolved.attribute();
      Filter filter = null;
      if (path.hasFilter()) {
        if (!attribute.multiValued()) {
          throw ScimException.invalidPath(
              "A value filter needs a multi-valued attribute, and " + name + " is single-valued");
        }
        filter =
            FilterValidator.validateValueFilter(
                path.valueFilter(), resolved.withoutSubAttribute(), schema, ScimType.INVALID_PATH);
      }
      Map<String, Object> container = container(resolved, op != Op.REMOVE);
      if (container == null) {
        return;
      }
      if (attribute.multiValued()) {
        String attributeName = ScimException.quote(resolved.withoutSubAttribute().fullName());
        multiValued(
            op, container, attribute, resolved.subAttribute(), filter, value, name, attributeName);
      } else if (resolved.hasSubAttribute()) {
        subAttribute(op, container, attribute, resolved.subAttribute(), value, name);
      } else {
        singleValued(op, container, attribute, value, name);
      }
    }

    /** The object holding the attribute: the resource, or the extension's object. */
    private Map<String, Object> container(ResolvedAttribute resolved, boolean create) {
      if (!resolved.extension()) {
        return root;
      }
      return objectMember(root, resolved.schema().id(), create);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectMember(
        Map<String, Object> parent, String name, boolean create) {
      Object current = JsonTree.get(parent, name);
      if (current instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
      if (!create) {
        return null;
      }
      Map<String, Object> created = new LinkedHashMap<>();
      JsonTree.put(parent, name, created);
      return created;
    }

    private void applySchemaRoot(Op op, ResolvedAttribute resolved, JsonValue value) {
      String urn = resolved.schema().id();
      if (op == Op.REMOVE) {
        if (!resolved.extension()) {
          throw ScimException.invalidPath(
              "The core schema " + ScimException.quote(urn) + " cannot be removed");
        }
        JsonTree.remove(root, urn);
        return;
      }
      if (!(value instanceof JsonObject object)) {
        throw ScimException.invalidValue(
            "Attribute "
                + ScimException.quote(urn)
                + " expects an object of attributes, not "
                + ScimJson.describe(value));
      }
      if (!resolved.extension()) {
        applyObject(op, object);
        return;
      }
      for (Map.Entry<String, JsonValue> member : object.entrySet()) {
        AttributePath path;
        try {
          path = AttributePath.parsePatchPath(member.getKey());
        } catch (ScimException e) {
          path = null;
        }
        if (path == null || path.schemaUrn() != null || path.hasFilter()) {
          throw ScimException.invalidPath(
              "Invalid attribute name "
                  + ScimException.quote(member.getKey())
                  + " in "
                  + ScimException.quote(urn));
        }
        applyPath(
            op,
            new AttributePath(urn, path.attribute(), path.subAttribute(), null),
            member.getValue(),
            false);
      }
    }

    private void singleValued(
        Op op,
        Map<String, Object> container,
        AttributeDefinition attribute,
        JsonValue value,
        String name) {
      Object current = JsonTree.get(container, attribute.name());
      Object coerced = op == Op.REMOVE ? null : coerce(attribute, value, name);
      if (coerced == null) {
        // add of null leaves things as they are; replace with null unassigns (RFC 7643 §2.5).
        if (op != Op.ADD && current != null) {
          checkRemovable(attribute, current, name);
          JsonTree.remove(container, attribute.name());
        }
        return;
      }
      if (attribute.isComplex() && current instanceof Map<?, ?>) {
        // RFC 7644 §3.5.2.1 and §3.5.2.3: sub-attributes missing from the value stay unchanged.
        merge(asObject(current), attribute, asObject(coerced), name);
      } else {
        checkChangeable(attribute, current, coerced, name);
        JsonTree.put(container, attribute.name(), coerced);
      }
    }

    private void subAttribute(
        Op op,
        Map<String, Object> container,
        AttributeDefinition attribute,
        AttributeDefinition sub,
        JsonValue value,
        String name) {
      Object coerced = op == Op.REMOVE ? null : coerce(sub, value, name);
      Map<String, Object> object = objectMember(container, attribute.name(), coerced != null);
      if (object == null) {
        return;
      }
      if (coerced == null) {
        Object current = JsonTree.get(object, sub.name());
        if (op != Op.ADD && current != null) {
          checkRemovable(sub, current, name);
          JsonTree.remove(object, sub.name());
        }
        if (object.isEmpty()) {
          JsonTree.remove(container, attribute.name());
        }
        return;
      }
      checkChangeable(sub, JsonTree.get(object, sub.name()), coerced, name);
      JsonTree.put(object, sub.name(), coerced);
    }

    private void multiValued(
        Op op,
        Map<String, Object> container,
        AttributeDefinition attribute,
        AttributeDefinition sub,
        Filter filter,
        JsonValue value,
        String name,
        String attributeName) {
      List<Object> items = currentItems(container, attribute);
      Set<Object> touched = Collections.newSetFromMap(new IdentityHashMap<>());
      if (filter != null) {
        items =
            filtered(
                op, container, attribute, sub, filter, value, name, attributeName, items, touched);
      } else if (sub != null) {
        items = allItemsSub(op, container, attribute, sub, value, name, items, touched);
      } else {
        items = wholeAttribute(op, container, attribute, value, name, items, touched);
      }
      if (items == null) {
        return;
      }
      items.removeIf(JsonTree::isEmpty);
      if (items.isEmpty()) {
        JsonTree.remove(container, attribute.name());
      } else {
        keepOnePrimary(items, attribute, touched);
      }
    }

    /** add, replace or remove the attribute as a whole: {@code "path": "emails"}. */
    private List<Object> wholeAttribute(
        Op op,
        Map<String, Object> container,
        AttributeDefinition attribute,
        JsonValue value,
        String name,
        List<Object> items,
        Set<Object> touched) {
      if (op == Op.REMOVE) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
          if (items != null) {
            checkRemovable(attribute, items, name);
            JsonTree.remove(container, attribute.name());
          }
          return null;
        }
        // RFC 7644 §3.5.2.2: a remove names its target by path; Entra's listed values are
        // rewritten into value filters before (quirks.RemoveWithValue). Ignoring the value would
        // remove every item.
        throw ScimException.invalidSyntax("remove takes no \"value\": name the values to remove with a"
            + " filter, such as " + unquote(name) + "[value eq \"…\"]");
      }
      List<Object> incoming = coerceAll(attribute, value, name);
      if (op == Op.REPLACE) {
        if (incoming.isEmpty()) {
          if (items != null) {
            checkRemovable(attribute, items, name);
            JsonTree.remove(container, attribute.name());
          }
          return null;
        }
        checkChangeable(attribute, items, incoming, name);
        List<Object> replaced = new ArrayList<>(incoming);
        JsonTree.put(container, attribute.name(), replaced);
        touched.addAll(replaced);
        return replaced;
      }
      if (incoming.isEmpty()) {
        return items;
      }
      if (items == null) {
        items = new ArrayList<>();
        JsonTree.put(container, attribute.name(), items);
      }
      for (Object item : incoming) {
        addItem(items, item, attribute, name, touched);
      }
      return items;
    }

    /** A sub-attribute of every item: {@code "path": "addresses.primary"}. */
    private List<Object> allItemsSub(
        Op op,
        Map<String, Object> container,
        AttributeDefinition attribute,
        AttributeDefinition sub,
        JsonValue value,
        String name,
        List<Object> items,
        Set<Object> touched) {
      Object coerced = op == Op.REMOVE ? null : coerce(sub, value, name);
      if (coerced == null) {
        if (op != Op.ADD && items != null) {
          for (Object item : items) {
            removeSub(item, sub, name);
          }
        }
        return items;
      }
      if (items == null || items.isEmpty()) {
        items = new ArrayList<>();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(sub.name(), coerced);
        items.add(item);
        touched.add(item);
        JsonTree.put(container, attribute.name(), items);
        return items;
      }
      for (Object item : items) {
        if (item instanceof Map<?, ?>) {
          Map<String, Object> object = asObject(item);
          checkChangeable(sub, JsonTree.get(object, sub.name()), coerced, name);
          JsonTree.put(object, sub.name(), copyOf(coerced));
          touched.add(object);
        }
      }
      return items;
    }

    /** {@code emails[type eq "work"]} or {@code emails[type eq "work"].value}. */
    private List<Object> filtered(
        Op op,
        Map<String, Object> container,
        AttributeDefinition attribute,
        AttributeDefinition sub,
        Filter filter,
        JsonValue value,
        String name,
        String attributeName,
        List<Object> items,
        Set<Object> touched) {
      Set<Object> matched = Collections.newSetFromMap(new IdentityHashMap<>());
      if (items != null) {
        for (Object item : items) {
          if (item instanceof Map<?, ?> map
              && FilterEvaluator.matchesItem(
                  filter, JsonTree.toJsonObject(asObject(map)), attribute)) {
            matched.add(item);
          }
        }
      }
      if (op == Op.REMOVE) {
        if (items != null) {
          if (sub == null) {
            items.removeIf(matched::contains);
          } else {
            matched.forEach(item -> removeSub(item, sub, name));
          }
        }
        return items;
      }
      Object coerced =
          sub == null ? coerceOne(attribute, single(value), name) : coerce(sub, value, name);
      if (matched.isEmpty()) {
        Map<String, Object> template = equalityTemplate(filter, attribute);
        boolean create = template != null && (sub != null || op == Op.ADD);
        if (!create) {
          throw ScimException.noTarget(
              "No value of "
                  + attributeName
                  + " matches the filter "
                  + ScimException.quote(filter.toString()));
        }
        if (coerced == null) {
          return items;
        }
        if (sub == null) {
          merge(template, attribute, asObject(coerced), name);
        } else {
          template.put(sub.name(), coerced);
        }
        if (items == null) {
          items = new ArrayList<>();
          JsonTree.put(container, attribute.name(), items);
        }
        items.add(template);
        touched.add(template);
        return items;
      }
      for (int i = 0; i < items.size(); i++) {
        Object item = items.get(i);
        if (!matched.contains(item)) {
          continue;
        }
        Map<String, Object> object = asObject(item);
        if (sub != null) {
          if (coerced == null) {
            removeSub(object, sub, name);
          } else {
            checkChangeable(sub, JsonTree.get(object, sub.name()), coerced, name);
            JsonTree.put(object, sub.name(), copyOf(coerced));
          }
          touched.add(object);
        } else if (coerced == null) {
          items.set(i, new LinkedHashMap<String, Object>());
        } else if (op == Op.REPLACE) {
          Map<String, Object> replacement = asObject(copyOf(coerced));
          items.set(i, replacement);
          touched.add(replacement);
        } else {
          merge(object, attribute, asObject(copyOf(coerced)), name);
          touched.add(object);
        }
      }
      return items;
    }

    /** An attribute path outside the schema: only under an unknown extension URN is it valid. */
    private void applyUnknown(Op op, AttributePath path, JsonValue value) {
      String urn = path.schemaUrn();
      String text = ScimException.quote(path.withoutFilter().toString());
      if (urn == null
          || schema.schema(urn).isPresent()
          || urn.regionMatches(true, 0, CORE_URN_PREFIX, 0, CORE_URN_PREFIX.length())) {
        throw ScimException.invalidPath("Unknown attribute " + text);
      }
      if (path.hasFilter()) {
        throw ScimException.invalidPath(
            "Value filters need an attribute of the schema, not " + text);
      }
      String fullName = urn + ":" + path.attribute();
      boolean wholeExtension =
          path.subAttribute() == null
              && (JsonTree.get(root, fullName) instanceof Map<?, ?>
                  || (value instanceof JsonObject
                      && !(JsonTree.get(root, urn) instanceof Map<?, ?>)));
      if (wholeExtension) {
        if (op == Op.REMOVE) {
          JsonTree.remove(root, fullName);
          return;
        }
        if (!(value instanceof JsonObject object)) {
          throw ScimException.invalidValue(
              "Attribute "
                  + ScimException.quote(fullName)
                  + " expects an object of attributes, not "
                  + ScimJson.describe(value));
        }
        Map<String, Object> extension = objectMember(root, fullName, true);
        object.forEach((key, member) -> setRaw(op, extension, key, member));
        return;
      }
      Map<String, Object> extension = objectMember(root, urn, op != Op.REMOVE);
      if (extension == null) {
        return;
      }
      if (path.subAttribute() == null) {
        setRaw(op, extension, path.attribute(), value);
        return;
      }
      Map<String, Object> object = objectMember(extension, path.attribute(), op != Op.REMOVE);
      if (object != null) {
        setRaw(op, object, path.subAttribute(), value);
      }
    }

    private static void setRaw(Op op, Map<String, Object> object, String key, JsonValue value) {
      if (op == Op.REMOVE || value == null || value.getValueType() == JsonValue.ValueType.NULL) {
        if (op != Op.ADD) {
          JsonTree.remove(object, key);
        }
        return;
      }
      Object current = JsonTree.get(object, key);
      if (op == Op.ADD && current instanceof List<?> && value instanceof JsonArray array) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) current;
        for (JsonValue item : array) {
          Object copy = JsonTree.copy(item);
          if (!list.contains(copy)) {
            list.add(copy);
          }
        }
        return;
      }
      JsonTree.put(object, key, JsonTree.copy(value));
    }

    // ---- values ----

    /** Converts a value for {@code definition}, or returns null for JSON null. */
    private Object coerce(AttributeDefinition definition, JsonValue value, String name) {
      if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      if (definition.multiValued()) {
        List<Object> items = coerceAll(definition, value, name);
        return items.isEmpty() ? null : items;
      }
      if (value instanceof JsonArray array) {
        // Some clients wrap a single value in an array.
        if (array.size() == 1) {
          return coerceOne(definition, array.get(0), name);
        }
        throw ScimException.invalidValue(
            "Attribute " + name + " is single-valued and cannot take an array");
      }
      return coerceOne(definition, value, name);
    }

    private List<Object> coerceAll(AttributeDefinition definition, JsonValue value, String name) {
      List<Object> items = new ArrayList<>();
      if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
        return items;
      }
      List<JsonValue> elements = value instanceof JsonArray array ? array : List.of(value);
      for (JsonValue element : elements) {
        Object item = coerceOne(definition, element, name);
        if (!JsonTree.isEmpty(item)) {
          items.add(item);
        }
      }
      return items;
    }

    /** Converts one value (one item of a multi-valued attribute) of the definition's type. */
    private Object coerceOne(AttributeDefinition definition, JsonValue value, String name) {
      if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      switch (definition.type()) {
        case COMPLEX -> {
          Optional<AttributeDefinition> valueSub = definition.subAttribute("value");
          if (value instanceof JsonString && !definition.multiValued() && valueSub.isPresent()) {
            // Entra ID sends the enterprise manager as a bare id: "value": "<id>".
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put(valueSub.get().name(), coerceOne(valueSub.get(), value, name));
            return wrapped;
          }
          if (!(value instanceof JsonObject object)) {
            throw wrongType(name, "an object", value);
          }
          Map<String, Object> result = new LinkedHashMap<>();
          for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            Optional<AttributeDefinition> sub = definition.subAttribute(member.getKey());
            // Unknown members are vendor additions; read-only ones are the server's to set.
            if (sub.isEmpty() || sub.get().isReadOnly()) {
              continue;
            }
            Object coerced =
                coerce(
                    sub.get(),
                    member.getValue(),
                    ScimException.quote(unquote(name) + "." + sub.get().name()));
            if (coerced != null) {
              result.put(sub.get().name(), coerced);
            }
          }
          return result;
        }
        case BOOLEAN -> {
          if (value.getValueType() == JsonValue.ValueType.TRUE
              || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value;
          }
          throw wrongType(name, "true or false", value); // "True"/"False": quirks.StringBooleans
        }
        case INTEGER -> {
          BigDecimal number = number(value);
          if (number != null) {
            try {
              return ScimJson.number(number.stripTrailingZeros().longValueExact());
            } catch (ArithmeticException e) {
              // not an integer, reported below
            }
          }
          throw wrongType(name, "an integer", value);
        }
        case DECIMAL -> {
          if (value instanceof JsonNumber) {
            return value;
          }
          BigDecimal number = number(value);
          if (number == null) {
            throw wrongType(name, "a number", value);
          }
          return ScimJson.number(number);
        }
        case DATE_TIME -> {
          if (value instanceof JsonString text
              && ScimJson.parseDateTime(text.getString()).isPresent()) {
            return value;
          }
          throw wrongType(name, "an ISO-8601 dateTime such as \"2011-05-13T04:42:34Z\"", value);
        }
        default -> {
          if (value instanceof JsonString) {
            return value;
          }
          if (value instanceof JsonNumber
              || value.getValueType() == JsonValue.ValueType.TRUE
              || value.getValueType() == JsonValue.ValueType.FALSE) {
            return ScimJson.string(value.toString());
          }
          throw wrongType(name, "a string", value);
        }
      }
    }

    /** Unwraps a one-element array, which some clients send for a single item. */
    private static JsonValue single(JsonValue value) {
      return value instanceof JsonArray array && array.size() == 1 ? array.get(0) : value;
    }

    private static BigDecimal number(JsonValue value) {
      if (value instanceof JsonNumber number) {
        return number.bigDecimalValue();
      }
      if (value instanceof JsonString text && text.getString().trim().length() <= 40) {
        try {
          return new BigDecimal(text.getString().trim());
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }

    private static ScimException wrongType(String name, String expected, JsonValue value) {
      String actual = ScimJson.describe(value);
      if (value instanceof JsonString text) {
        actual = "the string " + ScimException.quote(text.getString());
      }
      return ScimException.invalidValue(
          "Attribute " + name + " expects " + expected + ", not " + actual);
    }

    private static String unquote(String quoted) {
      return quoted.length() >= 2 && quoted.startsWith("\"") && quoted.endsWith("\"")
          ? quoted.substring(1, quoted.length() - 1)
          : quoted;
    }

    // ---- multi-valued helpers ----

    @SuppressWarnings("unchecked")
    private static List<Object> currentItems(
        Map<String, Object> container, AttributeDefinition attribute) {
      Object current = JsonTree.get(container, attribute.name());
      if (current == null || current == JsonValue.NULL) {
        return null;
      }
      if (current instanceof List<?> list) {
        return (List<Object>) list;
      }
      List<Object> wrapped = new ArrayList<>();
      wrapped.add(current);
      JsonTree.put(container, attribute.name(), wrapped);
      return wrapped;
    }

    /** Appends an item unless an equal one exists; see {@link #sameItem}. */
    private void addItem(
        List<Object> items,
        Object item,
        AttributeDefinition attribute,
        String name,
        Set<Object> touched) {
      if (item instanceof Map<?, ?>) {
        Map<String, Object> incoming = asObject(item);
        Map<String, Object> same = sameItem(items, incoming, attribute);
        if (same != null) {
          merge(same, attribute, incoming, name);
          touched.add(same);
        } else {
          items.add(incoming);
          touched.add(incoming);
        }
        return;
      }
      for (Object existing : items) {
        if (sameScalar(existing, item, attribute.caseExact())) {
          return;
        }
      }
      items.add(item);
    }

    /**
     * The existing item an added item denotes: same "value" and, when both have one, same "type";
     * for items without "value", an identical item.
     */
    private static Map<String, Object> sameItem(
        List<Object> items, Map<String, Object> incoming, AttributeDefinition attribute) {
      Object value = JsonTree.get(incoming, "value");
      boolean caseExact = valueCaseExact(attribute);
      for (Object item : items) {
        if (!(item instanceof Map<?, ?>)) {
          continue;
        }
        Map<String, Object> existing = asObject(item);
        if (value == null) {
          if (existing.equals(incoming)) {
            return existing;
          }
          continue;
        }
        Object type = JsonTree.get(incoming, "type");
        Object existingType = JsonTree.get(existing, "type");
        if (sameScalar(JsonTree.get(existing, "value"), value, caseExact)
            && (type == null || existingType == null || sameScalar(type, existingType, false))) {
          return existing;
        }
      }
      return null;
    }

    private static boolean valueCaseExact(AttributeDefinition attribute) {
      return attribute
          .subAttribute("value")
          .map(AttributeDefinition::caseExact)
          .orElse(attribute.caseExact());
    }

    private static boolean sameScalar(Object a, Object b, boolean caseExact) {
      if (a instanceof JsonString left && b instanceof JsonString right) {
        return caseExact
            ? left.getString().equals(right.getString())
            : left.getString().equalsIgnoreCase(right.getString());
      }
      return Objects.equals(a, b);
    }

    private static void removeSub(Object item, AttributeDefinition sub, String name) {
      if (item instanceof Map<?, ?> map) {
        Map<String, Object> object = asObject(map);
        Object current = JsonTree.get(object, sub.name());
        if (current != null) {
          checkRemovable(sub, current, name);
          JsonTree.remove(object, sub.name());
        }
      }
    }

    /** The item a filter of eq comparisons joined by "and" describes, or null. */
    private static Map<String, Object> equalityTemplate(
        Filter filter, AttributeDefinition attribute) {
      if (filter instanceof Filter.Comparison comparison) {
        AttributePath path = comparison.path();
        if (comparison.op() != Operator.EQ
            || comparison.literal() == null
            || path.schemaUrn() != null
            || path.subAttribute() != null
            || path.hasFilter()) {
          return null;
        }
        Optional<AttributeDefinition> sub = attribute.subAttribute(path.attribute());
        if (sub.isEmpty() || sub.get().isReadOnly()) {
          return null;
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put(sub.get().name(), literalJson(comparison.literal()));
        return template;
      }
      if (filter instanceof Filter.And and) {
        Map<String, Object> left = equalityTemplate(and.left(), attribute);
        Map<String, Object> right = equalityTemplate(and.right(), attribute);
        if (left == null || right == null) {
          return null;
        }
        for (Map.Entry<String, Object> entry : right.entrySet()) {
          Object previous = left.putIfAbsent(entry.getKey(), entry.getValue());
          if (previous != null && !previous.equals(entry.getValue())) {
            return null;
          }
        }
        return left;
      }
      return null;
    }

    private static JsonValue literalJson(Object literal) {
      if (literal instanceof Boolean bool) {
        return ScimJson.bool(bool);
      }
      if (literal instanceof Long number) {
        return ScimJson.number(number);
      }
      if (literal instanceof BigDecimal number) {
        return ScimJson.number(number);
      }
      return ScimJson.string(literal.toString());
    }

    /** Leaves at most one item with primary true, preferring one this operation touched. */
    private static void keepOnePrimary(
        List<Object> items, AttributeDefinition attribute, Set<Object> touched) {
      if (attribute.subAttribute("primary").isEmpty()) {
        return;
      }
      List<Map<String, Object>> primaries = new ArrayList<>();
      for (Object item : items) {
        if (item instanceof Map<?, ?> map
            && JsonTree.get(asObject(map), "primary") == JsonValue.TRUE) {
          primaries.add(asObject(map));
        }
      }
      if (primaries.size() < 2) {
        return;
      }
      Map<String, Object> winner = primaries.get(0);
      for (Map<String, Object> primary : primaries) {
        if (touched.contains(primary)) {
          winner = primary;
        }
      }
      for (Map<String, Object> primary : primaries) {
        if (primary != winner) {
          JsonTree.put(primary, "primary", JsonValue.FALSE);
        }
      }
    }

    // ---- merging and mutability ----

    private static void merge(
        Map<String, Object> target,
        AttributeDefinition attribute,
        Map<String, Object> incoming,
        String name) {
      for (Map.Entry<String, Object> member : incoming.entrySet()) {
        Optional<AttributeDefinition> sub = attribute.subAttribute(member.getKey());
        if (sub.isPresent()) {
          checkChangeable(
              sub.get(),
              JsonTree.get(target, member.getKey()),
              member.getValue(),
              ScimException.quote(unquote(name) + "." + sub.get().name()));
        }
        JsonTree.put(target, member.getKey(), copyOf(member.getValue()));
      }
    }

    /** Immutable attributes may be set once, then never changed (RFC 7643 §7). */
    private static void checkChangeable(
        AttributeDefinition definition, Object current, Object incoming, String name) {
      if (definition.mutability() == Mutability.IMMUTABLE
          && !JsonTree.isEmpty(current)
          && !current.equals(incoming)) {
        throw ScimException.mutability(
            "Attribute " + name + " is immutable and cannot be" + " changed");
      }
    }

    private static void checkRemovable(
        AttributeDefinition definition, Object current, String name) {
      if (definition.mutability() == Mutability.IMMUTABLE && !JsonTree.isEmpty(current)) {
        throw ScimException.mutability(
            "Attribute " + name + " is immutable and cannot be" + " removed");
      }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object node) {
      return (Map<String, Object>) node;
    }

    /** Values placed in several items must not share mutable state. */
    private static Object copyOf(Object node) {
      return node instanceof Map<?, ?> || node instanceof List<?>
          ? JsonTree.copy(JsonTree.toJson(node))
          : node;
    }

    // ---- whole-resource checks ----

    /** Names of the required attributes that have a value: "urn|name". */
    Set<String> requiredPresent() {
      Set<String> present = new LinkedHashSet<>();
      addRequiredPresent(present, schema.core(), root);
      for (SchemaDefinition extension : schema.extensions()) {
        Object object = JsonTree.get(root, extension.id());
        if (object instanceof Map<?, ?> map) {
          addRequiredPresent(present, extension, asObject(map));
        }
      }
      return present;
    }

    private static void addRequiredPresent(
        Set<String> present, SchemaDefinition definition, Map<String, Object> object) {
      for (AttributeDefinition attribute : definition.attributes()) {
        if (attribute.required() && !JsonTree.isEmpty(JsonTree.get(object, attribute.name()))) {
          present.add(definition.id() + "|" + attribute.name());
        }
      }
    }

    void checkRequired(Set<String> before) {
      Set<String> after = requiredPresent();
      for (String required : before) {
        if (!after.contains(required)) {
          String attributeName = required.substring(required.indexOf('|') + 1);
          throw ScimException.mutability(
              "Attribute "
                  + ScimException.quote(attributeName)
                  + " is required and cannot be removed");
        }
      }
    }

    /**
     * Keeps "schemas" in step with the extension objects: drops objects left empty, lists the URN
     * of every extension object present, and unlists the URN of one this request removed.
     */
    void syncSchemas(JsonObject original) {
      Set<String> present = new LinkedHashSet<>();
      for (String key : new ArrayList<>(root.keySet())) {
        if (!key.regionMatches(true, 0, "urn:", 0, 4) || !(root.get(key) instanceof Map<?, ?>)) {
          continue;
        }
        if (JsonTree.isEmpty(root.get(key))) {
          root.remove(key);
        } else {
          present.add(key);
        }
      }
      Set<String> gone = new LinkedHashSet<>();
      for (Map.Entry<String, JsonValue> member : original.entrySet()) {
        if (member.getKey().regionMatches(true, 0, "urn:", 0, 4)
            && member.getValue() instanceof JsonObject
            && !(JsonTree.get(root, member.getKey()) instanceof Map<?, ?>)) {
          gone.add(member.getKey().toLowerCase(Locale.ROOT));
        }
      }
      Object schemas = JsonTree.get(root, "schemas");
      List<Object> list;
      if (schemas instanceof List<?>) {
        @SuppressWarnings("unchecked")
        List<Object> existing = (List<Object>) schemas;
        list = existing;
      } else if (!present.isEmpty()) {
        list = new ArrayList<>();
        list.add(ScimJson.string(schema.core().id()));
        JsonTree.put(root, "schemas", list);
      } else {
        return;
      }
      list.removeIf(
          urn ->
              urn instanceof JsonString text
                  && gone.contains(text.getString().toLowerCase(Locale.ROOT)));
      for (String urn : present) {
        boolean listed =
            list.stream()
                .anyMatch(
                    entry ->
                        entry instanceof JsonString text && text.getString().equalsIgnoreCase(urn));
        if (!listed) {
          list.add(ScimJson.string(urn));
        }
      }
    }
  }
}
