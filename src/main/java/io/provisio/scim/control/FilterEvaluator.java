package io.provisio.scim.control;

import io.provisio.scim.control.filter.AttributePath;
import io.provisio.scim.control.filter.Filter;
import io.provisio.scim.control.filter.Operator;
import io.provisio.scim.control.schema.AttributeDefinition;
import io.provisio.scim.control.schema.AttributeType;
import io.provisio.scim.control.schema.ResolvedAttribute;
import io.provisio.scim.control.schema.ResourceSchema;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates a filter against JSON in memory, with the semantics {@link
 * io.provisio.scim.control.filter.SqlFilterTranslator} gives it in SQL:
 *
 * <ul>
 *   <li>a comparison on a multi-valued attribute holds if some value satisfies it (RFC 7644
 *       §3.4.2.2), so a user without emails never matches {@code emails ne "x"};
 *   <li>on a single-valued attribute without a value, only {@code ne} holds: "not identical" to
 *       anything, consistent with {@code not (x eq ...)};
 *   <li>strings compare case-insensitively unless the schema says caseExact; without a schema,
 *       case-insensitively;
 *   <li>a comparison on a complex attribute compares its "value" sub-attribute;
 *   <li>booleans and numbers sent as strings ("true", "42") compare as booleans and numbers.
 * </ul>
 *
 * Data never makes evaluation fail: a value of the wrong type simply does not match.
 */
public final class FilterEvaluator {

  private FilterEvaluator() {}

  /**
   * Evaluates {@code filter} against a resource; paths resolve from its top level as in {@link
   * JsonPaths}.
   *
   * @param schema supplies caseExact and types; may be null
   */
  public static boolean matches(Filter filter, JsonObject resource, ResourceSchema schema) {
    return evaluate(filter, new ResourceScope(resource, schema));
  }

  /**
   * Evaluates a value filter, such as the {@code type eq "work"} of {@code emails[type eq "work"]},
   * against one item of a multi-valued attribute; paths name the item's members.
   *
   * @param attribute the definition of the multi-valued attribute the item belongs to; may be null
   */
  public static boolean matchesItem(Filter filter, JsonObject item, AttributeDefinition attribute) {
    return evaluate(filter, new ItemScope(item, attribute));
  }

  /** Where the paths of a filter are looked up. */
  private interface Scope {
    List<JsonValue> values(AttributePath path);

    /** The definition of the named attribute itself (not its "value" sub-attribute), or null. */
    AttributeDefinition attribute(AttributePath path);

    /** The definition the comparison applies to, or null when unknown. */
    AttributeDefinition target(AttributePath path);

    boolean multiValued(AttributePath path);
  }

  private record ResourceScope(JsonObject resource, ResourceSchema schema) implements Scope {

    private Optional<ResolvedAttribute> resolve(AttributePath path) {
      return schema == null ? Optional.empty() : schema.resolve(path);
    }

    @Override
    public List<JsonValue> values(AttributePath path) {
      if (!path.hasFilter()) {
        return JsonPaths.values(resource, path);
      }
      AttributePath base = path.withoutFilter().withoutSubAttribute();
      AttributeDefinition baseDefinition = attribute(base);
      List<JsonValue> values = new ArrayList<>();
      for (JsonValue item : JsonPaths.values(resource, base)) {
        if (item instanceof JsonObject object
            && matchesItem(path.valueFilter(), object, baseDefinition)) {
          if (path.subAttribute() == null) {
            values.add(object);
          } else {
            addFlattened(values, ScimJson.get(object, path.subAttribute()));
          }
        }
      }
      return values;
    }

    @Override
    public AttributeDefinition attribute(AttributePath path) {
      return resolve(path.withoutFilter()).map(ResolvedAttribute::target).orElse(null);
    }

    @Override
    public AttributeDefinition target(AttributePath path) {
      return resolve(path.withoutFilter()).map(FilterEvaluator::comparisonTarget).orElse(null);
    }

    @Override
    public boolean multiValued(AttributePath path) {
      return resolve(path.withoutFilter())
          .map(resolved -> resolved.attribute().multiValued())
          .orElse(false);
    }
  }

  private record ItemScope(JsonObject item, AttributeDefinition parent) implements Scope {

    private AttributeDefinition member(AttributePath path) {
      return parent == null ? null : parent.subAttribute(path.attribute()).orElse(null);
    }

    @Override
    public List<JsonValue> values(AttributePath path) {
      List<JsonValue> values = new ArrayList<>();
      JsonValue value = ScimJson.get(item, path.attribute());
      List<JsonValue> members = new ArrayList<>();
      addFlattened(members, value);
      for (JsonValue member : members) {
        if (path.hasFilter()
            && !(member instanceof JsonObject object
                && matchesItem(path.valueFilter(), object, member(path)))) {
          continue;
        }
        if (path.subAttribute() == null) {
          values.add(member);
        } else if (member instanceof JsonObject object) {
          addFlattened(values, ScimJson.get(object, path.subAttribute()));
        }
      }
      return values;
    }

    @Override
    public AttributeDefinition attribute(AttributePath path) {
      AttributeDefinition member = member(path);
      if (member == null || path.subAttribute() == null) {
        return member;
      }
      return member.subAttribute(path.subAttribute()).orElse(null);
    }

    @Override
    public AttributeDefinition target(AttributePath path) {
      AttributeDefinition definition = attribute(path);
      if (definition != null && definition.isComplex()) {
        return definition.subAttribute("value").orElse(null);
      }
      return definition;
    }

    @Override
    public boolean multiValued(AttributePath path) {
      AttributeDefinition member = member(path);
      return member != null && member.multiValued();
    }
  }

  private static AttributeDefinition comparisonTarget(ResolvedAttribute resolved) {
    return resolved.isSchemaRoot() ? null : complexToValue(resolved.target());
  }

  private static AttributeDefinition complexToValue(AttributeDefinition definition) {
    if (definition.isComplex()) {
      return definition.subAttribute("value").orElse(null);
    }
    return definition;
  }

  private static void addFlattened(List<JsonValue> into, JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return;
    }
    if (value.getValueType() == JsonValue.ValueType.ARRAY) {
      for (JsonValue item : value.asJsonArray()) {
        if (item.getValueType() != JsonValue.ValueType.NULL) {
          into.add(item);
        }
      }
    } else {
      into.add(value);
    }
  }

  private static boolean evaluate(Filter filter, Scope scope) {
    if (filter instanceof Filter.And and) {
      return evaluate(and.left(), scope) && evaluate(and.right(), scope);
    } else if (filter instanceof Filter.Or or) {
      return evaluate(or.left(), scope) || evaluate(or.right(), scope);
    } else if (filter instanceof Filter.Not not) {
      return !evaluate(not.filter(), scope);
    } else if (filter instanceof Filter.Present present) {
      return scope.values(present.path()).stream().anyMatch(value -> !ScimJson.isEmpty(value));
    } else if (filter instanceof Filter.ValuePath valuePath) {
      AttributeDefinition attribute = scope.attribute(valuePath.attribute());
      for (JsonValue item : scope.values(valuePath.attribute())) {
        if (item instanceof JsonObject object
            && matchesItem(valuePath.inner(), object, attribute)) {
          return true;
        }
      }
      return false;
    } else {
      return compare((Filter.Comparison) filter, scope);
    }
  }

  private static boolean compare(Filter.Comparison comparison, Scope scope) {
    AttributePath path = comparison.path();
    AttributeDefinition target = scope.target(path);
    List<JsonValue> values = new ArrayList<>();
    for (JsonValue value : scope.values(path)) {
      // A complex value stands for its "value" sub-attribute (emails co "example.com").
      if (value instanceof JsonObject object) {
        addFlattened(values, ScimJson.get(object, "value"));
      } else {
        values.add(value);
      }
    }
    Operator op = comparison.op();
    Object literal = comparison.literal();
    if (literal == null) {
      // "eq null" asks for an unassigned attribute (RFC 7643 §2.5): the negation of "pr".
      boolean present = evaluate(new Filter.Present(path), scope);
      return op == Operator.EQ ? !present : op == Operator.NE && present;
    }
    AttributePath base = path.withoutSubAttribute();
    if (path.subAttribute() != null && !path.hasFilter() && scope.multiValued(base)) {
      // emails.type ne "work" asks about each email, so an email without a type matches, as
      // its row does in SQL; flattening the types would lose it.
      Filter.Comparison perItem =
          new Filter.Comparison(AttributePath.of(path.subAttribute()), op, literal);
      AttributeDefinition attribute = scope.attribute(base);
      for (JsonValue item : scope.values(base)) {
        if (item instanceof JsonObject object && matchesItem(perItem, object, attribute)) {
          return true;
        }
      }
      return false;
    }
    if (values.isEmpty()) {
      return op == Operator.NE && !scope.multiValued(path);
    }
    for (JsonValue value : values) {
      if (compareOne(value, target, op, literal)) {
        return true;
      }
    }
    return false;
  }

  private static boolean compareOne(
      JsonValue value, AttributeDefinition target, Operator op, Object literal) {
    if (literal instanceof Boolean expected) {
      Boolean actual = asBoolean(value);
      if (actual == null) {
        return op == Operator.NE;
      }
      return switch (op) {
        case EQ -> actual.equals(expected);
        case NE -> !actual.equals(expected);
        default -> false;
      };
    }
    if (literal instanceof Long || literal instanceof BigDecimal) {
      BigDecimal expected =
          literal instanceof Long number ? BigDecimal.valueOf(number) : (BigDecimal) literal;
      BigDecimal actual = asNumber(value);
      if (actual == null) {
        return op == Operator.NE;
      }
      return ordered(op, actual.compareTo(expected));
    }
    String expected = (String) literal;
    if (target != null && target.type() == AttributeType.DATE_TIME) {
      Optional<Instant> expectedInstant = ScimJson.parseDateTime(expected);
      Optional<Instant> actualInstant =
          value instanceof JsonString text
              ? ScimJson.parseDateTime(text.getString())
              : Optional.empty();
      if (expectedInstant.isPresent() && actualInstant.isPresent() && !op.isSubstring()) {
        return ordered(op, actualInstant.get().compareTo(expectedInstant.get()));
      }
    }
    String actual = asText(value);
    if (actual == null) {
      return op == Operator.NE;
    }
    if (target == null || !target.caseExact()) {
      actual = actual.toLowerCase(Locale.ROOT);
      expected = expected.toLowerCase(Locale.ROOT);
    }
    return switch (op) {
      case CO -> actual.contains(expected);
      case SW -> actual.startsWith(expected);
      case EW -> actual.endsWith(expected);
      default -> ordered(op, actual.compareTo(expected));
    };
  }

  private static boolean ordered(Operator op, int comparison) {
    return switch (op) {
      case EQ -> comparison == 0;
      case NE -> comparison != 0;
      case GT -> comparison > 0;
      case GE -> comparison >= 0;
      case LT -> comparison < 0;
      case LE -> comparison <= 0;
      default -> false;
    };
  }

  private static Boolean asBoolean(JsonValue value) {
    return ScimJson.lenientBoolean(value);
  }


  private static BigDecimal asNumber(JsonValue value) {
    if (value instanceof JsonNumber number) {
      return number.bigDecimalValue();
    }
    if (value instanceof JsonString text && text.getString().length() <= 40) {
      try {
        return new BigDecimal(text.getString().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String asText(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER, TRUE, FALSE -> value.toString();
      default -> null;
    };
  }
}
